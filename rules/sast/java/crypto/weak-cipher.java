import javax.crypto.Cipher;

class Crypt {
    void init() throws Exception {
        // ruleid: picket.java.crypto.weak-cipher
        Cipher a = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: picket.java.crypto.weak-cipher
        Cipher b = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: picket.java.crypto.weak-cipher
        Cipher c = Cipher.getInstance("AES");
        // ok: picket.java.crypto.weak-cipher
        Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: picket.java.crypto.weak-cipher
        Cipher e = Cipher.getInstance("ChaCha20-Poly1305");
    }
}
