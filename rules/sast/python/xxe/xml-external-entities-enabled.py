import xml.sax
from xml.sax.handler import feature_external_ges
from lxml import etree

# ruleid: picket.python.xxe.xml-external-entities-enabled
parser = etree.XMLParser(resolve_entities=True)
# ruleid: picket.python.xxe.xml-external-entities-enabled
net = etree.XMLParser(no_network=False, huge_tree=True)
sax = xml.sax.make_parser()
# ruleid: picket.python.xxe.xml-external-entities-enabled
sax.setFeature(feature_external_ges, True)
# ok: picket.python.xxe.xml-external-entities-enabled
safe = etree.XMLParser(resolve_entities=False, no_network=True)
# ok: picket.python.xxe.xml-external-entities-enabled
sax.setFeature(feature_external_ges, False)
