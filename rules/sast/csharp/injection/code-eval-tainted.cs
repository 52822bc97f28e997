using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Scripting;

public class CalcController : Controller
{
    public async Task<IActionResult> Eval([FromQuery] string expr, [FromBody] string template)
    {
        // ruleid: picket.csharp.injection.code-eval-tainted
        var r = await CSharpScript.EvaluateAsync<int>(expr);
        // ruleid: picket.csharp.injection.code-eval-tainted
        var html = Engine.Razor.RunCompile(template, "key", null, new { Name = "x" });
        // ok: picket.csharp.injection.code-eval-tainted
        var two = await CSharpScript.EvaluateAsync<int>("1 + 1");
        // ok: picket.csharp.injection.code-eval-tainted
        var page = Engine.Razor.RunCompile("Hello @Model.Name", "hello", null, new { Name = expr });
        return Ok(r);
    }
}
