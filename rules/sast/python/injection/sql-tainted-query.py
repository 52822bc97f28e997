import sqlite3
import sqlalchemy
from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def user():
    cur = sqlite3.connect("app.db").cursor()
    name = request.args.get("name")
    # ruleid: picket.python.injection.sql-tainted-query
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    uid = request.form["id"]
    # ruleid: picket.python.injection.sql-tainted-query
    cur.execute(f"DELETE FROM users WHERE id = {uid}")
    order = request.args["order"]
    # ruleid: picket.python.injection.sql-tainted-query
    rows = sqlalchemy.text("SELECT * FROM users ORDER BY " + order)
    # ok: picket.python.injection.sql-tainted-query
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    # ok: picket.python.injection.sql-tainted-query
    cur.execute("SELECT * FROM users WHERE id = %d" % int(uid))
    # ok: picket.python.injection.sql-tainted-query
    cur.execute("SELECT count(*) FROM users")
    return "done"
