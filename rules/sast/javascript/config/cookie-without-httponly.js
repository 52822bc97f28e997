const session = require("express-session");

function login(req, res) {
  // ruleid: picket.javascript.config.cookie-without-httponly
  res.cookie("sid", req.sessionID, { httpOnly: false, secure: true });
  // ok: picket.javascript.config.cookie-without-httponly
  res.cookie("sid", req.sessionID, { httpOnly: true, secure: true, sameSite: "lax" });
  // ok: picket.javascript.config.cookie-without-httponly
  res.cookie("theme", "dark");
}

// ruleid: picket.javascript.config.cookie-without-httponly
app.use(session({ secret: process.env.S, cookie: { httpOnly: false } }));
