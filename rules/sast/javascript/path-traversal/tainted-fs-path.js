const fs = require("fs");
const path = require("path");

function download(req, res) {
  const name = req.query.file;
  // ruleid: picket.javascript.path-traversal.tainted-fs-path
  const data = fs.readFileSync(path.join("/srv/files", name));
  // ruleid: picket.javascript.path-traversal.tainted-fs-path
  res.sendFile("/srv/files/" + req.params.name);
  // ok: picket.javascript.path-traversal.tainted-fs-path
  const d2 = fs.readFileSync(path.join("/srv/files", path.basename(name)));
  // ok: picket.javascript.path-traversal.tainted-fs-path
  res.sendFile(name, { root: "/srv/files" });
}
