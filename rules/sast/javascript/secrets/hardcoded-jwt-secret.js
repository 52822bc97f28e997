const jwt = require("jsonwebtoken");
const session = require("express-session");

// ruleid: picket.javascript.secrets.hardcoded-jwt-secret
const token = jwt.sign({ sub: "42" }, "super-secret-signing-key");
// ruleid: picket.javascript.secrets.hardcoded-jwt-secret
app.use(session({ secret: "keyboard cat", resave: false }));
// ok: picket.javascript.secrets.hardcoded-jwt-secret
const t2 = jwt.sign({ sub: "42" }, process.env.JWT_SECRET);
// ok: picket.javascript.secrets.hardcoded-jwt-secret
app.use(session({ secret: config.sessionSecret, resave: false }));
