const crypto = require("crypto");

// ruleid: picket.javascript.crypto.rsa-key-too-small
const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
// ruleid: picket.javascript.crypto.rsa-key-too-small
crypto.generateKeyPair("rsa", { modulusLength: 512, publicExponent: 0x10001 }, () => {});
// ok: picket.javascript.crypto.rsa-key-too-small
const strong = crypto.generateKeyPairSync("rsa", { modulusLength: 3072 });
// ok: picket.javascript.crypto.rsa-key-too-small
const ed = crypto.generateKeyPairSync("ed25519");
