import java.io.*;
import javax.servlet.http.*;

import java.nio.file.*;
import org.apache.commons.io.FilenameUtils;

public class Download extends HttpServlet {
    private static final String BASE = "/srv/files";

    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("file");
        // ruleid: picket.java.path-traversal.tainted-file-path
        FileInputStream in = new FileInputStream(BASE + "/" + name);
        // ruleid: picket.java.path-traversal.tainted-file-path
        byte[] data = Files.readAllBytes(Paths.get(BASE, name));
        // ok: picket.java.path-traversal.tainted-file-path
        File safe = new File(BASE, FilenameUtils.getName(name));
        // ok: picket.java.path-traversal.tainted-file-path
        File logo = new File("/srv/static/logo.png");
    }
}
