import https from "https";
import fs from "fs";

// ruleid: picket.javascript.transport.tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: picket.javascript.transport.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// ok: picket.javascript.transport.tls-verification-disabled
const pinned = new https.Agent({ ca: fs.readFileSync("/etc/ssl/private-ca.pem") });
// ok: picket.javascript.transport.tls-verification-disabled
const strict = new https.Agent({ rejectUnauthorized: true });
