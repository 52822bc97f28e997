package main

import (
	"context"
	"database/sql"
	"fmt"
)

func list(ctx context.Context, db *sql.DB, table, user string) {
	// ruleid: picket.go.injection.sql-string-built
	db.Query(fmt.Sprintf("SELECT * FROM %s", table))
	// ruleid: picket.go.injection.sql-string-built
	db.ExecContext(ctx, "DELETE FROM sessions WHERE user = '"+user+"'")
	// ok: picket.go.injection.sql-string-built
	db.QueryContext(ctx, "SELECT * FROM sessions WHERE user = $1", user)
	// ok: picket.go.injection.sql-string-built
	db.Query("SELECT * FROM users " + "ORDER BY id")
}
