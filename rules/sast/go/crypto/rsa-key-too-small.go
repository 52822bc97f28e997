package main

import (
	"crypto/rand"
	"crypto/rsa"
)

func keys() {
	// ruleid: picket.go.crypto.rsa-key-too-small
	a, _ := rsa.GenerateKey(rand.Reader, 1024)
	// ruleid: picket.go.crypto.rsa-key-too-small
	b, _ := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 512)
	// ok: picket.go.crypto.rsa-key-too-small
	c, _ := rsa.GenerateKey(rand.Reader, 3072)
	// ok: picket.go.crypto.rsa-key-too-small
	d, _ := rsa.GenerateKey(rand.Reader, 2048)
	_, _, _, _ = a, b, c, d
}
