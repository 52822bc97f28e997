const yaml = require("js-yaml");

function parse(text) {
  // ruleid: picket.javascript.deserialization.js-yaml-unsafe-schema
  const a = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // ruleid: picket.javascript.deserialization.js-yaml-unsafe-schema
  const b = yaml.load(text, { schema: yaml.DEFAULT_SCHEMA.extend(require("js-yaml-js-types").all), filename: "x" });
  // ok: picket.javascript.deserialization.js-yaml-unsafe-schema
  const c = yaml.load(text);
  // ok: picket.javascript.deserialization.js-yaml-unsafe-schema
  const d = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  return [a, b, c, d];
}
