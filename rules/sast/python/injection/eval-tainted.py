import ast
from flask import request


def calc():
    expr = request.args.get("expr")
    # ruleid: picket.python.injection.eval-tainted
    result = eval(expr)
    code = request.get_json()["code"]
    # ruleid: picket.python.injection.eval-tainted
    exec(code)
    # ok: picket.python.injection.eval-tainted
    value = ast.literal_eval(expr)
    # ok: picket.python.injection.eval-tainted
    total = eval("1 + 2")
    return str(result)
