const { execFile } = require("child_process");
const cp = require("child_process");

function ping(req, res) {
  const host = req.query.host;
  // ruleid: picket.javascript.injection.os-command-tainted
  cp.exec("ping -c 1 " + host, (err, out) => res.send(out));
  // ruleid: picket.javascript.injection.os-command-tainted
  const out = cp.execSync(`nslookup ${req.body.domain}`);
  // ok: picket.javascript.injection.os-command-tainted
  execFile("ping", ["-c", "1", host], (err, o) => res.send(o));
  // ok: picket.javascript.injection.os-command-tainted
  cp.exec("uptime", (err, o) => res.send(o));
}
