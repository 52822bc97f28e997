package main

import (
	"crypto/md5"
	"crypto/sha256"
	"golang.org/x/crypto/bcrypt"
)

func store(password string, body []byte) {
	// ruleid: picket.go.crypto.fast-hash-for-password
	a := md5.Sum([]byte(password))
	h := sha256.New()
	// ruleid: picket.go.crypto.fast-hash-for-password
	h.Write([]byte(password))
	// ok: picket.go.crypto.fast-hash-for-password
	b, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	// ok: picket.go.crypto.fast-hash-for-password
	c := sha256.Sum256(body)
	_, _, _ = a, b, c
}
