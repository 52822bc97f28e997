package main

import (
	"html/template"
)

type Page struct {
	Body template.HTML
}

func render(bio string, link string) []any {
	// ruleid: picket.go.xss.template-unescaped-type
	p := Page{Body: template.HTML("<p>" + bio + "</p>")}
	// ruleid: picket.go.xss.template-unescaped-type
	u := template.URL(link)
	// ok: picket.go.xss.template-unescaped-type
	s := template.HTML("<hr>")
	// ok: picket.go.xss.template-unescaped-type
	e := template.HTMLEscapeString(bio)
	return []any{p, u, s, e}
}
