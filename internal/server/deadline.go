package server

import (
	"net/http"
	"time"

	"kovit/internal/httpstream"
)

// withDeadline ends a request's context after d, the server's write timeout: past it the
// connection can no longer carry the answer, so the work behind it (queries, an import)
// must stop rather than hold the database for nobody. Unlike http.TimeoutHandler it does
// not buffer the response, so a large export still streams, and a streamed answer
// (httpstream.Writer) moves this end, and the connection's, as it makes progress.
func withDeadline(next http.Handler, d time.Duration, limits httpstream.Limits) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := httpstream.WithDeadline(r.Context(), d, limits)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
