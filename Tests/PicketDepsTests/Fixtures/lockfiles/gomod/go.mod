module example.com/shop

go 1.21

toolchain go1.21.5

require (
	github.com/gin-gonic/gin v1.9.1
	golang.org/x/crypto v0.14.0 // indirect
	github.com/old/thing v1.0.0
	github.com/pkg/errors v0.9.1 // indirect; needed by tests
)

require github.com/stretchr/testify v1.8.4

exclude github.com/old/thing v1.0.0

replace github.com/pkg/errors => github.com/acme/errors v0.9.2

replace golang.org/x/crypto v0.14.0 => ../crypto

retract v0.1.0 // published by mistake
