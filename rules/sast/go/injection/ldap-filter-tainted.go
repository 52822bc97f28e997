package main

import (
	"fmt"
	"net/http"
	"github.com/go-ldap/ldap/v3"
)

func find(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	// ruleid: picket.go.injection.ldap-filter-tainted
	a := ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+user+")", nil, nil)
	// ruleid: picket.go.injection.ldap-filter-tainted
	b := ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, fmt.Sprintf("(&(objectClass=person)(cn=%s))", user), nil, nil)
	// ok: picket.go.injection.ldap-filter-tainted
	c := ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+ldap.EscapeFilter(user)+")", nil, nil)
	// ok: picket.go.injection.ldap-filter-tainted
	d := ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=person)", nil, nil)
	_, _, _, _ = a, b, c, d
}
