from lxml import etree
from flask import request

tree = etree.parse("users.xml")


def find():
    name = request.args["name"]
    # ruleid: picket.python.injection.xpath-tainted
    users = tree.xpath("//user[@name='" + name + "']")
    # ruleid: picket.python.injection.xpath-tainted
    finder = etree.XPath(f"//user[@id='{name}']")
    # ok: picket.python.injection.xpath-tainted
    users = tree.xpath("//user[@name=$name]", name=name)
    # ok: picket.python.injection.xpath-tainted
    admins = tree.xpath("//user[@role='admin']")
