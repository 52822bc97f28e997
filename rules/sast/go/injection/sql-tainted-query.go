package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
)

var db *sql.DB

func user(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	// ruleid: picket.go.injection.sql-tainted-query
	rows, _ := db.Query("SELECT * FROM users WHERE id = " + id)
	name := r.FormValue("name")
	// ruleid: picket.go.injection.sql-tainted-query
	db.Exec(fmt.Sprintf("DELETE FROM users WHERE name = '%s'", name))
	// ok: picket.go.injection.sql-tainted-query
	db.Query("SELECT * FROM users WHERE id = $1", id)
	n, _ := strconv.Atoi(id)
	// ok: picket.go.injection.sql-tainted-query
	db.Query(fmt.Sprintf("SELECT * FROM users LIMIT %d", n))
	_ = rows
}
