using System.Security.Cryptography;

class Keys
{
    void Gen()
    {
        // ruleid: picket.csharp.crypto.rsa-key-too-small
        var a = new RSACryptoServiceProvider(1024);
        // ruleid: picket.csharp.crypto.rsa-key-too-small
        var b = RSA.Create(512);
        // ok: picket.csharp.crypto.rsa-key-too-small
        var c = RSA.Create(3072);
        // ok: picket.csharp.crypto.rsa-key-too-small
        var d = new RSACryptoServiceProvider(2048);
    }
}
