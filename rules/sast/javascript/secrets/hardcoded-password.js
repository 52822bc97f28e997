const { Client } = require("pg");

// ruleid: picket.javascript.secrets.hardcoded-password
const DB_PASSWORD = "s3cr3t-Pr0d!";
// ruleid: picket.javascript.secrets.hardcoded-password
const client = new Client({ host: "db", user: "app", password: "hunter2hunter2" });
// ok: picket.javascript.secrets.hardcoded-password
const pw = process.env.DB_PASSWORD;
// ok: picket.javascript.secrets.hardcoded-password
const passwordLabel = "Password";
// ok: picket.javascript.secrets.hardcoded-password
const c2 = new Client({ host: "db", password: process.env.PGPASSWORD });
