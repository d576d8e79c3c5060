# Go lives in /usr/local/go, which is not on the default PATH.
export PATH := /usr/local/go/bin:$(PATH)

.PHONY: run test build bench

run:
	go run ./cmd/kovit serve

test:
	./scripts/test

build:
	go build -o bin/kovit ./cmd/kovit

# Via scripts/test so benchmarks get the throwaway PostgreSQL too.
bench:
	./scripts/test -run '^$$' -bench . -benchmem ./...
