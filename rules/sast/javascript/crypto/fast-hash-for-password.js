const crypto = require("crypto");

function store(user, password, fileBuffer) {
  // ruleid: picket.javascript.crypto.fast-hash-for-password
  user.hash = crypto.createHash("md5").update(password).digest("hex");
  // ruleid: picket.javascript.crypto.fast-hash-for-password
  const h = crypto.createHash("sha256").update(user.password + user.salt).digest("hex");
  // ok: picket.javascript.crypto.fast-hash-for-password
  const good = crypto.scryptSync(password, crypto.randomBytes(16), 64);
  // ok: picket.javascript.crypto.fast-hash-for-password
  const etag = crypto.createHash("md5").update(fileBuffer).digest("hex");
  return [h, good, etag];
}
