const crypto = require("crypto");

function issue(user) {
  // ruleid: picket.javascript.crypto.insecure-random-secret
  const resetToken = Math.random().toString(36).slice(2);
  // ruleid: picket.javascript.crypto.insecure-random-secret
  const otp = Math.floor(Math.random() * 1000000);
  // ok: picket.javascript.crypto.insecure-random-secret
  const apiKey = crypto.randomBytes(32).toString("hex");
  // ok: picket.javascript.crypto.insecure-random-secret
  const jitter = Math.random() * 100;
  return { resetToken, otp, apiKey, jitter };
}
