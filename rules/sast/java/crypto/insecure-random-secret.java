import java.security.SecureRandom;
import java.util.Random;

class Tokens {
    String issue() {
        Random rnd = new Random();
        // ruleid: picket.java.crypto.insecure-random-secret
        String resetToken = Long.toHexString(rnd.nextLong());
        // ruleid: picket.java.crypto.insecure-random-secret
        int otp = (int) (Math.random() * 1_000_000);
        SecureRandom sr = new SecureRandom();
        // ok: picket.java.crypto.insecure-random-secret
        String apiKey = Long.toHexString(sr.nextLong());
        // ok: picket.java.crypto.insecure-random-secret
        int jitter = rnd.nextInt(100);
        return resetToken + otp + apiKey + jitter;
    }
}
