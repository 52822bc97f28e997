const User = require("./models/user");

async function login(req, res) {
  // ruleid: picket.javascript.injection.nosql-query-tainted
  const u = await User.findOne({ name: req.body.name, password: req.body.password });
  // ruleid: picket.javascript.injection.nosql-query-tainted
  const list = await User.find({ $where: "this.age > " + req.query.age });
  // ok: picket.javascript.injection.nosql-query-tainted
  const v = await User.findOne({ name: String(req.body.name) });
  // ok: picket.javascript.injection.nosql-query-tainted
  const w = await User.find({ active: true });
  res.json({ u, list, v, w });
}
