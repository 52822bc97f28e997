require "yaml"
require "oj"

def parse(text)
  # ruleid: picket.ruby.deserialization.yaml-unsafe-load
  a = YAML.unsafe_load(text)
  # ruleid: picket.ruby.deserialization.yaml-unsafe-load
  b = YAML.load(text)
  # ruleid: picket.ruby.deserialization.yaml-unsafe-load
  c = Oj.load(text, mode: :object)
  # ok: picket.ruby.deserialization.yaml-unsafe-load
  d = YAML.safe_load(text, permitted_classes: [Date])
  # ok: picket.ruby.deserialization.yaml-unsafe-load
  e = Oj.load(text, mode: :strict)
  [a, b, c, d, e]
end
