package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func clients(pool *x509.CertPool) {
	// ruleid: picket.go.transport.insecure-skip-verify
	a := &tls.Config{InsecureSkipVerify: true}
	b := &tls.Config{}
	// ruleid: picket.go.transport.insecure-skip-verify
	b.InsecureSkipVerify = true
	// ok: picket.go.transport.insecure-skip-verify
	c := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	// ok: picket.go.transport.insecure-skip-verify
	d := &tls.Config{InsecureSkipVerify: false}
	_ = &http.Transport{TLSClientConfig: a}
	_, _, _ = b, c, d
}
