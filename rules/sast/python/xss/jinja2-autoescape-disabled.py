import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

# ruleid: picket.python.xss.jinja2-autoescape-disabled
env = Environment(loader=FileSystemLoader("templates"))
# ruleid: picket.python.xss.jinja2-autoescape-disabled
raw = jinja2.Environment(loader=FileSystemLoader("t"), autoescape=False)
# ok: picket.python.xss.jinja2-autoescape-disabled
good = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
# ok: picket.python.xss.jinja2-autoescape-disabled
also = jinja2.Environment(autoescape=True)
