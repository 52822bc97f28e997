import java.io.*;
import javax.servlet.http.*;

import javax.xml.xpath.*;
import org.w3c.dom.Document;

public class Lookup extends HttpServlet {
    private Document doc;

    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        String name = req.getParameter("name");
        // ruleid: picket.java.injection.xpath-tainted
        String a = xp.evaluate("//user[@name='" + name + "']/email", doc);
        // ruleid: picket.java.injection.xpath-tainted
        XPathExpression e = xp.compile("//user[@id='" + req.getParameter("id") + "']");
        // ok: picket.java.injection.xpath-tainted
        String b = xp.evaluate("//user[@name=$name]/email", doc);
        // ok: picket.java.injection.xpath-tainted
        XPathExpression f = xp.compile("//user[@role='admin']");
    }
}
