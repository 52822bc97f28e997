using System.Security.Cryptography;
using System.Text;

class Passwords
{
    byte[] Hash(string password, byte[] salt, byte[] file)
    {
        // ruleid: picket.csharp.crypto.fast-hash-for-password
        var a = MD5.Create().ComputeHash(Encoding.UTF8.GetBytes(password));
        // ruleid: picket.csharp.crypto.fast-hash-for-password
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(password + "pepper"));
        // ok: picket.csharp.crypto.fast-hash-for-password
        var c = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);
        // ok: picket.csharp.crypto.fast-hash-for-password
        var d = SHA256.HashData(file);
        return c;
    }
}
