using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
public class AccountController : Controller
{
    public IActionResult Login([FromQuery] string returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            // ok: picket.csharp.redirect.tainted-redirect
            return Redirect(returnUrl);
        }
        if (returnUrl == "home")
        {
            // ok: picket.csharp.redirect.tainted-redirect
            return LocalRedirect(returnUrl);
        }
        if (returnUrl == "back")
        {
            // ruleid: picket.csharp.redirect.tainted-redirect
            return new RedirectResult(Request.Query["back"]);
        }
        // ruleid: picket.csharp.redirect.tainted-redirect
        return Redirect(returnUrl);
    }
}
