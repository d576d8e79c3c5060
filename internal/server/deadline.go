package server

import (
	"context"
	"net/http"
	"time"
)

// withDeadline ends a request's context after d, the server's write timeout: past it the
// connection can no longer carry the answer, so the work behind it (queries, an import)
// must stop rather than hold the database for nobody. Unlike http.TimeoutHandler it does
// not buffer the response, so a large export still streams.
func withDeadline(next http.Handler, d time.Duration) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
