package api

import (
	"net/http"

	"kovit/internal/cpsv"
	"kovit/internal/municipality"
)

// cpsvExport publishes every offered service as CPSV-AP 3.2.0, in JSON-LD or Turtle by the
// route's extension. Identifiers are minted from the URL the request came in on.
func (a *API) cpsvExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ms, _, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	services, err := a.services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	grid, err := a.services.Grid(ctx)
	if err != nil {
		return err
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	graph := cpsv.Graph(scheme+"://"+r.Host, ms, services, grid)
	if r.Pattern == "GET "+prefix+"/cpsv-ap.ttl" {
		w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
		return cpsv.WriteTurtle(w, graph)
	}
	w.Header().Set("Content-Type", "application/ld+json")
	return cpsv.WriteJSONLD(w, graph)
}
