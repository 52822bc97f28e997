import jinja2
from flask import render_template, render_template_string, request


def hello():
    name = request.args.get("name", "")
    # ruleid: picket.python.injection.template-injection
    page = render_template_string("<h1>Hello " + name + "</h1>")
    tpl = request.form["tpl"]
    # ruleid: picket.python.injection.template-injection
    out = jinja2.Template(tpl).render()
    # ok: picket.python.injection.template-injection
    safe = render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    # ok: picket.python.injection.template-injection
    return render_template("hello.html", name=name)
