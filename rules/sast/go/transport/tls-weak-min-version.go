package main

import (
	"crypto/tls"
)

func configs() {
	// ruleid: picket.go.transport.tls-weak-min-version
	a := &tls.Config{MinVersion: tls.VersionTLS10}
	b := &tls.Config{}
	// ruleid: picket.go.transport.tls-weak-min-version
	b.MinVersion = tls.VersionTLS11
	// ok: picket.go.transport.tls-weak-min-version
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	// ok: picket.go.transport.tls-weak-min-version
	d := &tls.Config{MinVersion: tls.VersionTLS13}
	_, _, _, _ = a, b, c, d
}
