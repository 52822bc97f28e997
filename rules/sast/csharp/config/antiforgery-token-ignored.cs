using Microsoft.AspNetCore.Mvc;

// ruleid: picket.csharp.config.antiforgery-token-ignored
[IgnoreAntiforgeryToken]
public class LegacyController : Controller
{
}

public class TransfersController : Controller
{
    // ruleid: picket.csharp.config.antiforgery-token-ignored
    [IgnoreAntiforgeryToken]
    public IActionResult Send(int amount) { return Ok(); }

    // ok: picket.csharp.config.antiforgery-token-ignored
    [ValidateAntiForgeryToken]
    public IActionResult Confirm(int amount) { return Ok(); }

    // ok: picket.csharp.config.antiforgery-token-ignored
    public IActionResult Index() { return Ok(); }
}
