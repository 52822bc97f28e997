package main

import (
	"fmt"
	"math/rand"
)

func issue() {
	// ruleid: picket.go.crypto.math-rand-secret
	resetToken := fmt.Sprintf("%x", rand.Int63())
	// ruleid: picket.go.crypto.math-rand-secret
	otp := rand.Intn(1000000)
	// ok: picket.go.crypto.math-rand-secret
	jitter := rand.Intn(100)
	// ok: picket.go.crypto.math-rand-secret
	apiKey := loadKey()
	_, _, _, _ = resetToken, otp, jitter, apiKey
}
