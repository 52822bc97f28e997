package main

import (
	"net/http"
	"net/url"
)

func preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: picket.go.ssrf.tainted-request-url
	resp, _ := http.Get(target)
	// ruleid: picket.go.ssrf.tainted-request-url
	req, _ := http.NewRequest("GET", "http://"+r.FormValue("host")+"/status", nil)
	// ok: picket.go.ssrf.tainted-request-url
	s, _ := http.Get("https://api.example/search?q=" + url.QueryEscape(target))
	// ok: picket.go.ssrf.tainted-request-url
	h, _ := http.Get("https://api.example/health")
	_, _, _, _ = resp, req, s, h
}
