using System;
using System.Security.Cryptography;

class Tokens
{
    string Issue()
    {
        var rnd = new Random();
        // ruleid: picket.csharp.crypto.insecure-random-secret
        string resetToken = rnd.Next().ToString("x");
        // ruleid: picket.csharp.crypto.insecure-random-secret
        int otp = new Random().Next(100000, 999999);
        // ok: picket.csharp.crypto.insecure-random-secret
        string apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // ok: picket.csharp.crypto.insecure-random-secret
        int jitter = rnd.Next(100);
        return resetToken + otp + apiKey + jitter;
    }
}
