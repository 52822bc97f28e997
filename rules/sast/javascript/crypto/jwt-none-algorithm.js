const jwt = require("jsonwebtoken");

function check(token, key) {
  // ruleid: picket.javascript.crypto.jwt-none-algorithm
  const a = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
  // ruleid: picket.javascript.crypto.jwt-none-algorithm
  const t = jwt.sign({ sub: "1" }, "", { algorithm: "none" });
  // ok: picket.javascript.crypto.jwt-none-algorithm
  const b = jwt.verify(token, key, { algorithms: ["RS256"] });
  // ok: picket.javascript.crypto.jwt-none-algorithm
  const u = jwt.sign({ sub: "1" }, key, { algorithm: "ES256" });
  return [a, t, b, u];
}
