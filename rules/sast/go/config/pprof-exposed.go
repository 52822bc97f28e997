package main

import "net/http"
import "net/http/pprof"

// ruleid: picket.go.config.pprof-exposed
import _ "net/http/pprof"

func routes(mux *http.ServeMux) {
	// ruleid: picket.go.config.pprof-exposed
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	// ok: picket.go.config.pprof-exposed
	mux.HandleFunc("/healthz", health)
	// ok: picket.go.config.pprof-exposed
	mux.HandleFunc("/debug", health)
}
