using System.Security.Cryptography;

class Crypt
{
    void Init(byte[] key)
    {
        // ruleid: picket.csharp.crypto.weak-cipher
        var des = DES.Create();
        var aes = Aes.Create();
        // ruleid: picket.csharp.crypto.weak-cipher
        aes.Mode = CipherMode.ECB;
        // ok: picket.csharp.crypto.weak-cipher
        aes.Mode = CipherMode.CBC;
        // ok: picket.csharp.crypto.weak-cipher
        var gcm = new AesGcm(key, 16);
    }
}
