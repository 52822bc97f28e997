using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;
using System.DirectoryServices;

public class DirectoryController : Controller
{
    public IActionResult Find([FromQuery] string user)
    {
        var root = new DirectoryEntry("LDAP://dc=example,dc=org");
        // ruleid: picket.csharp.injection.ldap-filter-tainted
        var s1 = new DirectorySearcher(root, "(sAMAccountName=" + user + ")");
        var s2 = new DirectorySearcher(root);
        // ruleid: picket.csharp.injection.ldap-filter-tainted
        s2.Filter = $"(&(objectClass=user)(cn={user}))";
        // ok: picket.csharp.injection.ldap-filter-tainted
        var s3 = new DirectorySearcher(root, "(sAMAccountName=" + EscapeLdapFilter(user) + ")");
        // ok: picket.csharp.injection.ldap-filter-tainted
        s2.Filter = "(objectClass=user)";
        return Ok();
    }
}
