import java.io.*;
import javax.servlet.http.*;

import javax.naming.directory.*;
import org.springframework.ldap.support.LdapEncoder;

public class Login extends HttpServlet {
    private DirContext ctx;

    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        String user = req.getParameter("user");
        SearchControls sc = new SearchControls();
        // ruleid: picket.java.injection.ldap-filter-tainted
        ctx.search("ou=people,dc=example,dc=org", "(uid=" + user + ")", sc);
        // ruleid: picket.java.injection.ldap-filter-tainted
        ctx.search("ou=people,dc=example,dc=org", "(&(uid=" + user + ")(userPassword=" + req.getParameter("pw") + "))", sc);
        // ok: picket.java.injection.ldap-filter-tainted
        ctx.search("ou=people,dc=example,dc=org", "(uid={0})", new Object[] {user}, sc);
        // ok: picket.java.injection.ldap-filter-tainted
        ctx.search("ou=people,dc=example,dc=org", "(uid=" + LdapEncoder.filterEncode(user) + ")", sc);
    }
}
