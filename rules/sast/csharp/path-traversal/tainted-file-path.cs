using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
public class FilesController : Controller
{
    private const string Base = "/srv/files";

    public IActionResult Get([FromQuery] string name)
    {
        // ruleid: picket.csharp.path-traversal.tainted-file-path
        var text = System.IO.File.ReadAllText(Path.Combine(Base, name));
        // ruleid: picket.csharp.path-traversal.tainted-file-path
        var stream = new FileStream(Base + "/" + Request.Query["doc"], FileMode.Open);
        // ok: picket.csharp.path-traversal.tainted-file-path
        var safe = System.IO.File.ReadAllText(Path.Combine(Base, Path.GetFileName(name)));
        // ok: picket.csharp.path-traversal.tainted-file-path
        var cfg = System.IO.File.ReadAllText("appsettings.json");
        return Ok(text);
    }
}
