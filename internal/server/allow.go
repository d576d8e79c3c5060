package server

import (
	"net/http"
	"slices"
)

// AllowedMethods lists the methods some route of mux other than the catch-all pattern
// except serves r's path with, HEAD included with GET, for a 405's Allow header; none means
// the path has no route at all (a 404). A catch-all pattern takes every path and method,
// so the mux's own 405 never happens: its handler asks this instead.
func AllowedMethods(mux *http.ServeMux, r *http.Request, except string) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != except && pattern != "" {
			allow = append(allow, m)
		}
	}
	if slices.Contains(allow, http.MethodGet) {
		allow = append(allow, http.MethodHead)
	}
	return allow
}
