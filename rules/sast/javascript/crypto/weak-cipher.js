const crypto = require("crypto");

function enc(key, iv, data) {
  // ruleid: picket.javascript.crypto.weak-cipher
  const a = crypto.createCipheriv("des-ede3-cbc", key, iv);
  // ruleid: picket.javascript.crypto.weak-cipher
  const b = crypto.createCipheriv("aes-128-ecb", key, null);
  // ruleid: picket.javascript.crypto.weak-cipher
  const c = crypto.createCipher("aes-256-cbc", "password");
  // ok: picket.javascript.crypto.weak-cipher
  const d = crypto.createCipheriv("aes-256-gcm", key, iv);
  // ok: picket.javascript.crypto.weak-cipher
  const e = crypto.createCipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
  return [a, b, c, d, e];
}
