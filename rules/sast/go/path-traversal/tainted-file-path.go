package main

import (
	"net/http"
	"os"
	"path/filepath"
)

const base = "/srv/files"

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: picket.go.path-traversal.tainted-file-path
	data, _ := os.ReadFile(filepath.Join(base, name))
	// ruleid: picket.go.path-traversal.tainted-file-path
	http.ServeFile(w, r, base+"/"+r.FormValue("doc"))
	// ok: picket.go.path-traversal.tainted-file-path
	safe, _ := os.ReadFile(filepath.Join(base, filepath.Base(name)))
	// ok: picket.go.path-traversal.tainted-file-path
	cfg, _ := os.ReadFile("config.yaml")
	w.Write(append(append(data, safe...), cfg...))
}
