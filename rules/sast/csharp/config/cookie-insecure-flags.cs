using Microsoft.AspNetCore.Http;

class Cookies
{
    void Set(HttpResponse resp, string sid)
    {
        // ruleid: picket.csharp.config.cookie-insecure-flags
        resp.Cookies.Append("sid", sid, new CookieOptions { HttpOnly = false, Secure = true });
        var o = new CookieOptions();
        // ruleid: picket.csharp.config.cookie-insecure-flags
        o.Secure = false;
        // ok: picket.csharp.config.cookie-insecure-flags
        resp.Cookies.Append("sid", sid, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });
        // ok: picket.csharp.config.cookie-insecure-flags
        o.HttpOnly = true;
    }
}
