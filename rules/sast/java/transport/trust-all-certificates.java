import java.security.cert.*;
import javax.net.ssl.*;

class Insecure implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    // ruleid: picket.java.transport.trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Checked implements X509TrustManager {
    private X509TrustManager delegate;
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {}

    // ok: picket.java.transport.trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }

    void connect(HttpsURLConnection c) {
        // ruleid: picket.java.transport.trust-all-certificates
        c.setHostnameVerifier((host, session) -> true);
        // ok: picket.java.transport.trust-all-certificates
        c.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
    }
}
