import javax.script.*;
import org.springframework.expression.*;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.*;

@RestController
public class CalcController {
    private final ExpressionParser parser = new SpelExpressionParser();
    private final ScriptEngine js = new ScriptEngineManager().getEngineByName("js");

    @GetMapping("/calc")
    public Object calc(@RequestParam String expr) throws ScriptException {
        // ruleid: picket.java.injection.expression-language-tainted
        Object a = parser.parseExpression(expr).getValue();
        // ruleid: picket.java.injection.expression-language-tainted
        Object b = js.eval("var x = " + expr + ";");
        // ok: picket.java.injection.expression-language-tainted
        Object c = parser.parseExpression("#a + #b").getValue();
        // ok: picket.java.injection.expression-language-tainted
        Object d = js.eval("1 + 1");
        return a;
    }
}
