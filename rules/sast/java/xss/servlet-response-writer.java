import java.io.*;
import javax.servlet.http.*;

import org.owasp.encoder.Encode;

public class Hello extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        PrintWriter out = resp.getWriter();
        // ruleid: picket.java.xss.servlet-response-writer
        out.println("<h1>Hello " + name + "</h1>");
        // ruleid: picket.java.xss.servlet-response-writer
        resp.getWriter().write("<p>" + req.getHeader("Referer") + "</p>");
        // ok: picket.java.xss.servlet-response-writer
        out.println("<h1>Hello " + Encode.forHtml(name) + "</h1>");
        // ok: picket.java.xss.servlet-response-writer
        out.println("<h1>Hello</h1>");
    }
}
