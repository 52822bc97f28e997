def find(cur, table, name):
    # ruleid: picket.python.injection.sql-string-built
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")
    # ruleid: picket.python.injection.sql-string-built
    cur.execute(f"SELECT * FROM {table}")
    # ruleid: picket.python.injection.sql-string-built
    cur.execute("SELECT * FROM users WHERE name = '{}'".format(name))
    # ok: picket.python.injection.sql-string-built
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))
    # ok: picket.python.injection.sql-string-built
    cur.execute("SELECT * FROM users " + "ORDER BY id")
