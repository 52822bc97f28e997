require "nokogiri"

def parse(xml)
  # ruleid: picket.ruby.xxe.nokogiri-external-entities
  a = Nokogiri::XML(xml, nil, nil, Nokogiri::XML::ParseOptions::NOENT)
  b = Nokogiri::XML(xml) do |config|
    # ruleid: picket.ruby.xxe.nokogiri-external-entities
    config.strict.noent
  end
  # ok: picket.ruby.xxe.nokogiri-external-entities
  c = Nokogiri::XML(xml)
  d = Nokogiri::XML(xml) do |config|
    # ok: picket.ruby.xxe.nokogiri-external-entities
    config.strict.nonet
  end
  [a, b, c, d]
end
