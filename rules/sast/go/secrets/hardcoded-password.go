package main

import (
	"os"
)

type DBConfig struct {
	User     string
	Password string
}

// ruleid: picket.go.secrets.hardcoded-password
const dbPassword = "s3cr3t-Pr0d!"

func config() DBConfig {
	// ruleid: picket.go.secrets.hardcoded-password
	c := DBConfig{User: "app", Password: "hunter2hunter2"}
	// ok: picket.go.secrets.hardcoded-password
	d := DBConfig{User: "app", Password: os.Getenv("DB_PASSWORD")}
	// ok: picket.go.secrets.hardcoded-password
	passwordLabel := "Password"
	_ = passwordLabel
	_ = d
	return c
}
