const crypto = require("crypto");

function digest(buf) {
  // ruleid: picket.javascript.crypto.weak-hash-algorithm
  const a = crypto.createHash("md5").update(buf).digest("hex");
  // ruleid: picket.javascript.crypto.weak-hash-algorithm
  const b = crypto.createHash("sha1").update(buf).digest("hex");
  // ok: picket.javascript.crypto.weak-hash-algorithm
  const c = crypto.createHash("sha256").update(buf).digest("hex");
  // ok: picket.javascript.crypto.weak-hash-algorithm
  const d = crypto.createHash("sha512").update(buf).digest("hex");
  return [a, b, c, d];
}
