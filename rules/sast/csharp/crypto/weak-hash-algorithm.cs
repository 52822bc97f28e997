using System.Security.Cryptography;

class Hashes
{
    void H(byte[] data)
    {
        // ruleid: picket.csharp.crypto.weak-hash-algorithm
        var md5 = MD5.Create();
        // ruleid: picket.csharp.crypto.weak-hash-algorithm
        var sha1 = SHA1.HashData(data);
        // ok: picket.csharp.crypto.weak-hash-algorithm
        var sha256 = SHA256.HashData(data);
        // ok: picket.csharp.crypto.weak-hash-algorithm
        var h = SHA512.Create();
    }
}
