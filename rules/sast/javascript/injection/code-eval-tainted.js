const vm = require("vm");

function calc(req, res) {
  // ruleid: picket.javascript.injection.code-eval-tainted
  const r = eval(req.query.expr);
  // ruleid: picket.javascript.injection.code-eval-tainted
  const fn = new Function("x", "return " + req.body.formula);
  // ruleid: picket.javascript.injection.code-eval-tainted
  vm.runInNewContext(req.body.script, {});
  // ok: picket.javascript.injection.code-eval-tainted
  const data = JSON.parse(req.body.json);
  // ok: picket.javascript.injection.code-eval-tainted
  setTimeout(() => res.send(String(r)), 10);
}
