package main

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
)

func digests(data []byte) {
	// ruleid: picket.go.crypto.weak-hash-algorithm
	a := md5.Sum(data)
	// ruleid: picket.go.crypto.weak-hash-algorithm
	h := sha1.New()
	// ok: picket.go.crypto.weak-hash-algorithm
	b := sha256.Sum256(data)
	// ok: picket.go.crypto.weak-hash-algorithm
	s := sha256.New()
	_, _, _, _ = a, h, b, s
}
