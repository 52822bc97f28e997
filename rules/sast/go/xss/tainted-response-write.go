package main

import (
	"fmt"
	"html"
	"net/http"
)

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: picket.go.xss.tainted-response-write
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ruleid: picket.go.xss.tainted-response-write
	w.Write([]byte("<p>" + r.FormValue("comment") + "</p>"))
	// ok: picket.go.xss.tainted-response-write
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ok: picket.go.xss.tainted-response-write
	fmt.Fprintf(w, "<h1>Hello</h1>")
}
