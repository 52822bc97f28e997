package main

import (
	"net/http"
	"net/url"
)

func afterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if next == "" {
		// ok: picket.go.redirect.tainted-redirect
		http.Redirect(w, r, "/home", http.StatusFound)
		return
	}
	if next == "profile" {
		// ok: picket.go.redirect.tainted-redirect
		http.Redirect(w, r, "/users/"+url.PathEscape(r.FormValue("id")), http.StatusFound)
		return
	}
	if next == "back" {
		// ruleid: picket.go.redirect.tainted-redirect
		w.Header().Set("Location", r.FormValue("back"))
		return
	}
	// ruleid: picket.go.redirect.tainted-redirect
	http.Redirect(w, r, next, http.StatusFound)
}
