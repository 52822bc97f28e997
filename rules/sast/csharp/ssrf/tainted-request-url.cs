using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Net.Http;
using System.Threading.Tasks;

public class PreviewController : Controller
{
    private static readonly HttpClient http = new HttpClient();

    public async Task<IActionResult> Preview([FromQuery] string url, [FromQuery] string q)
    {
        // ruleid: picket.csharp.ssrf.tainted-request-url
        var body = await http.GetStringAsync(url);
        // ruleid: picket.csharp.ssrf.tainted-request-url
        var resp = await http.GetAsync("http://" + Request.Query["host"] + "/status");
        // ok: picket.csharp.ssrf.tainted-request-url
        var s = await http.GetStringAsync("https://api.example/search?q=" + Uri.EscapeDataString(q));
        // ok: picket.csharp.ssrf.tainted-request-url
        var h = await http.GetStringAsync("https://api.example/health");
        return Ok(body);
    }
}
