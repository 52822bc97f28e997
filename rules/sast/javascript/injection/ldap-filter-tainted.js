const ldap = require("ldapjs");
const ldapEscape = require("ldap-escape");
const client = ldap.createClient({ url: "ldaps://ldap.internal" });

function lookup(req, res) {
  const user = req.query.user;
  // ruleid: picket.javascript.injection.ldap-filter-tainted
  client.search("dc=example,dc=org", { filter: "(uid=" + user + ")", scope: "sub" }, () => {});
  // ruleid: picket.javascript.injection.ldap-filter-tainted
  client.search("dc=example,dc=org", `(&(objectClass=person)(cn=${req.body.cn}))`, () => {});
  // ok: picket.javascript.injection.ldap-filter-tainted
  client.search("dc=example,dc=org", { filter: "(uid=" + ldapEscape.filter(user) + ")" }, () => {});
  // ok: picket.javascript.injection.ldap-filter-tainted
  client.search("dc=example,dc=org", { filter: "(objectClass=person)" }, () => {});
}
