import java.io.*;
import javax.servlet.http.*;

public class AfterLogin extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String next = req.getParameter("next");
        if (next == null) {
            // ok: picket.java.redirect.tainted-redirect
            resp.sendRedirect("/home");
            return;
        }
        if (next.equals("profile")) {
            // ok: picket.java.redirect.tainted-redirect
            resp.sendRedirect(req.getContextPath() + "/profile");
            return;
        }
        if (next.startsWith("x")) {
            // ruleid: picket.java.redirect.tainted-redirect
            resp.setHeader("Location", req.getParameter("back"));
        }
        // ruleid: picket.java.redirect.tainted-redirect
        resp.sendRedirect(next);
    }
}
