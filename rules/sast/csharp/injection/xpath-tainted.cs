using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Xml;

public class LookupController : Controller
{
    private readonly XmlDocument doc = new XmlDocument();

    public IActionResult Find([FromQuery] string name, [FromQuery] string id)
    {
        // ruleid: picket.csharp.injection.xpath-tainted
        var a = doc.SelectNodes("//user[@name='" + name + "']");
        // ruleid: picket.csharp.injection.xpath-tainted
        var b = doc.SelectSingleNode($"//user[@id='{id}']");
        // ok: picket.csharp.injection.xpath-tainted
        var c = doc.SelectNodes("//user[@role='admin']");
        // ok: picket.csharp.injection.xpath-tainted
        var d = doc.SelectSingleNode("//user[@id=" + int.Parse(id) + "]");
        return Ok();
    }
}
