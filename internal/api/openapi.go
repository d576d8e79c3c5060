package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes every route of routes.go; TestOpenAPIMatchesRoutes keeps them equal.
//
//go:embed openapi.json
var openAPIDoc []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPIDoc)
	return err
}
