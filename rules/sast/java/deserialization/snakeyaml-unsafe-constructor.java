import org.yaml.snakeyaml.*;
import org.yaml.snakeyaml.constructor.*;

class Loader {
    Object load(String text) {
        // ruleid: picket.java.deserialization.snakeyaml-unsafe-constructor
        Yaml a = new Yaml();
        // ruleid: picket.java.deserialization.snakeyaml-unsafe-constructor
        Yaml b = new Yaml(new Constructor(Object.class, new LoaderOptions()));
        // ok: picket.java.deserialization.snakeyaml-unsafe-constructor
        Yaml c = new Yaml(new SafeConstructor(new LoaderOptions()));
        // ok: picket.java.deserialization.snakeyaml-unsafe-constructor
        Yaml d = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()));
        return c.load(text);
    }
}
