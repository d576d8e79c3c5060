package main

import (
	"net/http"
	"strings"
	"time"

	"kovit/internal/sqlstore"
)

// responseCacheTTL is how long the response cache keeps an anonymous answer. The store
// tells the cache of every change (server.Dropper), this process's and, on PostgreSQL,
// every other's, so the expiry is only a safety net.
const responseCacheTTL = 10 * time.Second

// health answers a load balancer or orchestrator. /healthz/live says the process answers
// at all: restart it when not. /healthz/ready says it should get requests: the database
// answers, its migrations are all applied and, on PostgreSQL, the other processes'
// changes are heard. /healthz is kept as it was (the database answers) for the checks
// already pointing at it.
func health(mux *http.ServeMux, store *sqlstore.Store) {
	mux.Handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		if err := store.Ping(r.Context()); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	}))
	mux.Handle("GET /healthz/live", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		w.Write([]byte("live\n"))
	}))
	mux.Handle("GET /healthz/ready", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		if err := store.Ready(r.Context()); err != nil {
			// Only what is not ready (database, migrations, change feed): the error's
			// detail may name hosts and users, and the probe is public.
			what, _, _ := strings.Cut(err.Error(), ":")
			http.Error(w, "not ready: "+what, http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	}))
}

func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }
