const axios = require("axios");

async function preview(req, res) {
  // ruleid: picket.javascript.ssrf.tainted-request-url
  const page = await axios.get(req.query.url);
  // ruleid: picket.javascript.ssrf.tainted-request-url
  const r = await fetch("http://" + req.body.host + "/health");
  // ok: picket.javascript.ssrf.tainted-request-url
  const s = await fetch("https://api.example/search?q=" + encodeURIComponent(req.query.q));
  // ok: picket.javascript.ssrf.tainted-request-url
  const t = await axios.post("https://api.example/hooks", { url: req.query.url });
  res.json({ page: page.data, r: r.status, s: s.status, t: t.status });
}
