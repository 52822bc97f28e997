import java.io.*;
import java.beans.XMLDecoder;

class Store {
    Object load(InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in);
        // ruleid: picket.java.deserialization.object-input-stream
        Object o = ois.readObject();
        // ruleid: picket.java.deserialization.object-input-stream
        Object x = new XMLDecoder(in).readObject();
        return o;
    }

    Object filtered(InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in);
        ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.*;!*"));
        // ok: picket.java.deserialization.object-input-stream
        return ois.readObject();
    }

    void save(OutputStream out, Object o) throws IOException {
        // ok: picket.java.deserialization.object-input-stream
        new ObjectOutputStream(out).writeObject(o);
    }
}
