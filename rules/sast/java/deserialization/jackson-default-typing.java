import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

class Config {
    ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        // ruleid: picket.java.deserialization.jackson-default-typing
        m.enableDefaultTyping();
        // ruleid: picket.java.deserialization.jackson-default-typing
        m.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        // ok: picket.java.deserialization.jackson-default-typing
        m.findAndRegisterModules();
        return m;
    }
}

// ok: picket.java.deserialization.jackson-default-typing
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
abstract class Shape {}

// ruleid: picket.java.deserialization.jackson-default-typing
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
abstract class Payload {}
