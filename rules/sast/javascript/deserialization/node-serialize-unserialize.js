const serialize = require("node-serialize");

function restore(req, res) {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  // ruleid: picket.javascript.deserialization.node-serialize-unserialize
  const profile = serialize.unserialize(raw);
  // ruleid: picket.javascript.deserialization.node-serialize-unserialize
  const again = require("node-serialize").unserialize(req.body.state);
  // ok: picket.javascript.deserialization.node-serialize-unserialize
  const plain = JSON.parse(raw);
  // ok: picket.javascript.deserialization.node-serialize-unserialize
  const out = serialize.serialize({ ok: true });
  res.json({ profile, again, plain, out });
}
