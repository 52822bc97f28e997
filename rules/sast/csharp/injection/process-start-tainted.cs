using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Diagnostics;

public class ToolsController : Controller
{
    public IActionResult Ping([FromQuery] string host)
    {
        // ruleid: picket.csharp.injection.process-start-tainted
        Process.Start("cmd.exe", "/c ping " + host);
        var psi = new ProcessStartInfo("/bin/sh");
        // ruleid: picket.csharp.injection.process-start-tainted
        psi.Arguments = "-c \"nslookup " + Request.Query["domain"] + "\"";
        var fixedPsi = new ProcessStartInfo("ping");
        // ok: picket.csharp.injection.process-start-tainted
        fixedPsi.ArgumentList.Add(host);
        // ok: picket.csharp.injection.process-start-tainted
        Process.Start("uptime");
        return Ok();
    }
}
