using System;
using System.Net;

class Db
{
    // ruleid: picket.csharp.secrets.hardcoded-password
    const string Conn = "Server=db;Database=app;User Id=sa;Password=Sup3rS3cret!;";
    // ok: picket.csharp.secrets.hardcoded-password
    const string ConnFromEnv = "Server=db;Database=app;User Id=sa;Password={0};";

    void Open()
    {
        // ruleid: picket.csharp.secrets.hardcoded-password
        var cred = new NetworkCredential("svc", "hunter2hunter2");
        // ok: picket.csharp.secrets.hardcoded-password
        var cred2 = new NetworkCredential("svc", Environment.GetEnvironmentVariable("SVC_PASSWORD"));
    }
}
