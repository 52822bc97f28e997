const escapeHtml = require("escape-html");

function hello(req, res) {
  const name = req.query.name;
  if (name === "a") {
    // ruleid: picket.javascript.xss.tainted-response
    res.send("<h1>Hello " + name + "</h1>");
  } else if (name === "b") {
    // ruleid: picket.javascript.xss.tainted-response
    res.write(`<p>${req.body.comment}</p>`);
  } else if (name === "c") {
    // ok: picket.javascript.xss.tainted-response
    res.send("<h1>Hello " + escapeHtml(name) + "</h1>");
  } else {
    // ok: picket.javascript.xss.tainted-response
    res.json({ name });
  }
}
