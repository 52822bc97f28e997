import java.io.*;
import javax.servlet.http.*;

public class Ping extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String host = req.getParameter("host");
        // ruleid: picket.java.injection.os-command-tainted
        Process p = Runtime.getRuntime().exec("ping -c 1 " + host);
        // ruleid: picket.java.injection.os-command-tainted
        Process q = new ProcessBuilder("sh", "-c", "nslookup " + host).start();
        // ok: picket.java.injection.os-command-tainted
        Process r = new ProcessBuilder("ping", "-c", "1", "example.org").start();
        // ok: picket.java.injection.os-command-tainted
        Process s = Runtime.getRuntime().exec("uptime");
    }
}
