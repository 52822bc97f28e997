const ejs = require("ejs");
const pug = require("pug");

function page(req, res) {
  // ruleid: picket.javascript.injection.template-injection
  const html = ejs.render("<h1>" + req.query.title + "</h1>");
  // ruleid: picket.javascript.injection.template-injection
  const fn = pug.compile(req.body.template);
  // ok: picket.javascript.injection.template-injection
  const safe = ejs.render("<h1><%= title %></h1>", { title: req.query.title });
  // ok: picket.javascript.injection.template-injection
  const fixed = pug.compile("h1= title");
  res.send(html + fn({}) + safe + fixed({ title: "x" }));
}
