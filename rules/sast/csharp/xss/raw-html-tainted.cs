using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

public class HelloController : Controller
{
    public IActionResult Hello([FromQuery] string name)
    {
        if (name == "a")
        {
            // ruleid: picket.csharp.xss.raw-html-tainted
            return Content("<h1>Hello " + name + "</h1>", "text/html");
        }
        // ruleid: picket.csharp.xss.raw-html-tainted
        var banner = new HtmlString("<p>" + Request.Query["msg"] + "</p>");
        // ok: picket.csharp.xss.raw-html-tainted
        var safe = new HtmlString("<p>" + WebUtility.HtmlEncode(name) + "</p>");
        // ok: picket.csharp.xss.raw-html-tainted
        return Content("<h1>Hello</h1>", "text/html");
    }
}
