const express = require("express");
const mysql = require("mysql2");
const app = express();
const db = mysql.createPool({ host: "db" });

app.get("/user", (req, res) => {
  const id = req.query.id;
  // ruleid: picket.javascript.injection.sql-tainted-query
  db.query("SELECT * FROM users WHERE id = " + id, (err, rows) => res.json(rows));
  // ruleid: picket.javascript.injection.sql-tainted-query
  db.query(`SELECT * FROM users WHERE name = '${req.body.name}'`);
  // ok: picket.javascript.injection.sql-tainted-query
  db.query("SELECT * FROM users WHERE id = ?", [id]);
  // ok: picket.javascript.injection.sql-tainted-query
  db.query("SELECT * FROM users WHERE id = " + parseInt(id, 10));
});
