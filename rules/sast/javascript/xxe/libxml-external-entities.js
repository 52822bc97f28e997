const libxmljs = require("libxmljs");

function parse(xml) {
  // ruleid: picket.javascript.xxe.libxml-external-entities
  const a = libxmljs.parseXml(xml, { noent: true });
  // ruleid: picket.javascript.xxe.libxml-external-entities
  const b = libxmljs.parseXmlString(xml, { noblanks: true, noent: true });
  // ok: picket.javascript.xxe.libxml-external-entities
  const c = libxmljs.parseXml(xml);
  // ok: picket.javascript.xxe.libxml-external-entities
  const d = libxmljs.parseXml(xml, { noent: false });
  return [a, b, c, d];
}
