import ldap
from ldap.filter import escape_filter_chars
from flask import request


def lookup(conn):
    user = request.args.get("user")
    # ruleid: picket.python.injection.ldap-filter-tainted
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    # ruleid: picket.python.injection.ldap-filter-tainted
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={user}))")
    # ok: picket.python.injection.ldap-filter-tainted
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(user) + ")")
    # ok: picket.python.injection.ldap-filter-tainted
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=person)")
