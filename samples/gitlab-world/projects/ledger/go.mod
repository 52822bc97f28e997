module example.com/acme/ledger

go 1.21

require (
	golang.org/x/text v0.3.5
	github.com/gin-gonic/gin v1.6.3
)
