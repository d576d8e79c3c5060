package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// ServiceDetail is one service of the catalogue with its figures across the country.
type ServiceDetail struct {
	Service eservice.Service      `json:"service"`
	Stats   eservice.ServiceStats `json:"stats"`
}

func (a *API) listServices(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	retired := q.bool("include_retired")
	area, lifeEvent := q.str("area"), q.str("life_event")
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	all, err := a.services.ListServices(r.Context(), retired != nil && *retired)
	if err != nil {
		return err
	}
	var items []eservice.Service
	for _, s := range all {
		if (area == "" || s.Area == area) && (lifeEvent == "" || s.LifeEvent == lifeEvent) {
			items = append(items, s)
		}
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getService(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	code, err := pathCode(r)
	if err != nil {
		return err
	}
	s, err := a.services.Service(ctx, code)
	if err != nil {
		return err
	}
	ms, err := a.allMunicipalities(r, municipality.Filter{})
	if err != nil {
		return err
	}
	cells, err := a.services.Cells(ctx, eservice.CellFilter{ServiceCode: code})
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, ServiceDetail{s, eservice.NewGrid(cells).StatsOf(code, ms)})
}

// createService adds a service to the catalogue; coordinators keep the catalogue.
func (a *API) createService(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var s eservice.Service
	if err := decodeJSON(w, r, &s); err != nil {
		return err
	}
	s, err := a.services.CreateService(ctx, s)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/services/"+s.Code)
	return a.writeJSON(w, r, http.StatusCreated, s)
}

// updateService changes the fields the body names and keeps the others; retiring is
// "retired": true. As for municipalities, the body must carry the version last read.
func (a *API) updateService(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	code, err := pathCode(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	s, err := a.services.Service(ctx, code)
	if err != nil {
		return err
	}
	if s, err = decodePatch(w, r, s); err != nil {
		return err
	}
	var p kovit.Problems
	if s.Code != code {
		p.Add("code", "api.error.read_only")
	}
	if s.Version < 1 {
		p.Add("version", "error.version")
	}
	if err := p.Err(); err != nil {
		return err
	}
	s, err = a.services.UpdateService(ctx, s)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s)
}

func (a *API) maturityScale(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	scale, err := a.services.Scale(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf([]eservice.Level(scale), pg))
}

// allMunicipalities lists every municipality f selects, in one go.
func (a *API) allMunicipalities(r *http.Request, f municipality.Filter) ([]municipality.Municipality, error) {
	f.Limit, f.Offset = municipality.MaxLimit, 0
	ms, _, err := a.municipalities.ListMunicipalities(r.Context(), f)
	return ms, err
}

// pathCode reads the {code} of a service from the path.
func pathCode(r *http.Request) (string, error) {
	code := r.PathValue("code")
	if !storable(code) {
		return "", kovit.NotFound()
	}
	return code, nil
}
