import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

class Hashes {
    String h(String password, byte[] data) throws Exception {
        // ruleid: picket.java.crypto.weak-message-digest
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: picket.java.crypto.weak-message-digest
        String hex = DigestUtils.sha1Hex(password);
        // ok: picket.java.crypto.weak-message-digest
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // ok: picket.java.crypto.weak-message-digest
        String good = DigestUtils.sha256Hex(data);
        return hex + good;
    }
}
