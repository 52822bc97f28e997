import java.security.*;

class Keys {
    void gen() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        // ruleid: picket.java.crypto.rsa-key-too-small
        rsa.initialize(1024);
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        // ruleid: picket.java.crypto.rsa-key-too-small
        dsa.initialize(512, new SecureRandom());
        KeyPairGenerator good = KeyPairGenerator.getInstance("RSA");
        // ok: picket.java.crypto.rsa-key-too-small
        good.initialize(3072);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        // ok: picket.java.crypto.rsa-key-too-small
        ec.initialize(256);
    }
}
