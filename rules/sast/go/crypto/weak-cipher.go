package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rc4"
)

func ciphers(key []byte) {
	// ruleid: picket.go.crypto.weak-cipher
	a, _ := des.NewTripleDESCipher(key)
	// ruleid: picket.go.crypto.weak-cipher
	b, _ := rc4.NewCipher(key)
	// ok: picket.go.crypto.weak-cipher
	c, _ := aes.NewCipher(key)
	// ok: picket.go.crypto.weak-cipher
	g, _ := cipher.NewGCM(c)
	_, _, _ = a, b, g
}
