package api

import (
	"net/http"

	"kovit/internal/cpsv"
	"kovit/internal/municipality"
)

// cpsvExport publishes every offered service as CPSV-AP 3.2.0, in JSON-LD or Turtle by the
// route's extension. Identifiers are minted from the configured base URL, never from the
// request's Host or X-Forwarded-* headers: those are the client's to choose, and the
// document is cached and republished to everyone.
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
	graph := cpsv.Graph(a.baseURL, ms, services, grid)
	if r.Pattern == "GET "+prefix+"/cpsv-ap.ttl" {
		w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
		return cpsv.WriteTurtle(w, graph)
	}
	w.Header().Set("Content-Type", "application/ld+json")
	return cpsv.WriteJSONLD(w, graph)
}
