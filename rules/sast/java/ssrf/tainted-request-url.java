import java.net.*;
import java.io.*;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;

@RestController
public class PreviewController {
    private final RestTemplate rest = new RestTemplate();

    @GetMapping("/preview")
    public String preview(@RequestParam String url, @RequestParam String q) throws IOException {
        // ruleid: picket.java.ssrf.tainted-request-url
        InputStream in = new URL(url).openStream();
        // ruleid: picket.java.ssrf.tainted-request-url
        String body = rest.getForObject("http://" + q + "/status", String.class);
        // ok: picket.java.ssrf.tainted-request-url
        String s = rest.getForObject("https://api.example/search?q=" + URLEncoder.encode(q, "UTF-8"), String.class);
        // ok: picket.java.ssrf.tainted-request-url
        InputStream fixed = new URL("https://api.example/health").openStream();
        return body + s;
    }
}
