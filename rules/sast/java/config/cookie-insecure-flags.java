import java.io.*;
import javax.servlet.http.*;

class Cookies {
    void set(HttpServletResponse resp, String sid) {
        Cookie c = new Cookie("SESSION", sid);
        // ruleid: picket.java.config.cookie-insecure-flags
        c.setSecure(false);
        // ruleid: picket.java.config.cookie-insecure-flags
        c.setHttpOnly(false);
        Cookie d = new Cookie("SESSION", sid);
        // ok: picket.java.config.cookie-insecure-flags
        d.setSecure(true);
        // ok: picket.java.config.cookie-insecure-flags
        d.setHttpOnly(true);
        resp.addCookie(c);
    }
}
