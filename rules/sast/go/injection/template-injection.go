package main

import (
	"html/template"
	"net/http"
)

func greet(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	// ruleid: picket.go.injection.template-injection
	t, _ := template.New("x").Parse("<h1>Hello " + name + "</h1>")
	// ruleid: picket.go.injection.template-injection
	u, _ := template.New("y").Parse(r.PostFormValue("layout"))
	// ok: picket.go.injection.template-injection
	v, _ := template.New("z").Parse("<h1>Hello {{.}}</h1>")
	// ok: picket.go.injection.template-injection
	v.Execute(w, name)
	_, _ = t, u
}
