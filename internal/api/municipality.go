package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func (a *API) listMunicipalities(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg, s := q.page(), q.sort()
	f := municipality.Filter{
		Q:          q.str("q"),
		CountyEHAK: q.str("county"),
		Type:       municipality.Type(q.str("type")),
		Sort:       s.Field,
		Desc:       s.Desc,
		Limit:      pg.Limit,
		Offset:     pg.Offset,
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.municipalities.ListMunicipalities(r.Context(), f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[municipality.Municipality]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) getMunicipality(w http.ResponseWriter, r *http.Request) error {
	ehak, err := pathEHAK(r)
	if err != nil {
		return err
	}
	m, err := a.municipalities.Municipality(r.Context(), ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, m)
}

// updateMunicipality changes the fields the body names and keeps the others. The body must
// carry the version the client last read, so a save over someone else's is refused (409).
func (a *API) updateMunicipality(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak, err := pathEHAK(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	m, err := a.municipalities.Municipality(ctx, ehak)
	if err != nil {
		return err
	}
	// Version stays 0 unless the body sets it, which Validate refuses: saving without
	// saying which version was edited would defeat the conflict check.
	d := municipality.Details{Website: m.Website, Contact: m.Contact}
	if err := decodeJSON(w, r, &d); err != nil {
		return err
	}
	m, err = a.municipalities.UpdateDetails(ctx, ehak, d)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, m)
}

func (a *API) listCounties(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.municipalities.ListCounties(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getCounty(w http.ResponseWriter, r *http.Request) error {
	ehak, err := pathEHAK(r)
	if err != nil {
		return err
	}
	c, err := a.municipalities.County(r.Context(), ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

// pathEHAK reads the {ehak} of the path; text no database could hold names no record.
func pathEHAK(r *http.Request) (string, error) {
	ehak := r.PathValue("ehak")
	if !storable(ehak) {
		return "", kovit.NotFound()
	}
	return ehak, nil
}
