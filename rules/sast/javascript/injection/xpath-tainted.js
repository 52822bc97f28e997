const xpath = require("xpath");

function find(req, res, doc) {
  // ruleid: picket.javascript.injection.xpath-tainted
  const nodes = xpath.select("//user[@name='" + req.query.name + "']", doc);
  // ruleid: picket.javascript.injection.xpath-tainted
  const r = doc.evaluate(`//user[@id='${req.params.id}']`, doc, null, 0, null);
  // ok: picket.javascript.injection.xpath-tainted
  const admins = xpath.select("//user[@role='admin']", doc);
  // ok: picket.javascript.injection.xpath-tainted
  const one = xpath.select("//user[@id=" + Number(req.params.id) + "]", doc);
  res.json({ nodes, r, admins, one });
}
