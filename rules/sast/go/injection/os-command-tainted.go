package main

import (
	"net/http"
	"os/exec"
)

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: picket.go.injection.os-command-tainted
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	tool := r.FormValue("tool")
	// ruleid: picket.go.injection.os-command-tainted
	exec.Command(tool, "--version").Run()
	// ok: picket.go.injection.os-command-tainted
	exec.Command("ping", "-c", "1", "--", host).Run()
	// ok: picket.go.injection.os-command-tainted
	exec.Command("uptime").Run()
	w.Write(out)
}
