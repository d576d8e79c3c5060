package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// Matrix is the municipality × service matrix: a cell for every selected municipality and
// service, those never filled in as not offered at level 0 with version 0, and the
// figures of every column (service) and row (municipality) over the selection.
type Matrix struct {
	Items          []MatrixCell                 `json:"items"`
	Total          int                          `json:"total"`
	Limit          int                          `json:"limit"`
	Offset         int                          `json:"offset"`
	Services       []eservice.ServiceStats      `json:"services"`
	Municipalities []eservice.MunicipalityStats `json:"municipalities"`
}

// MatrixCell is a cell as the whole matrix lists it: where it stands, not its evidence or
// criteria, which GET /api/v1/matrix/{ehak}/{code} gives. A lean item keeps the full
// 79 × 150 matrix quick to encode and to send.
type MatrixCell struct {
	MunicipalityEHAK string                `json:"municipality_ehak"`
	ServiceCode      string                `json:"service_code"`
	Offering         eservice.Offering     `json:"offering"`
	Level            int                   `json:"level"`
	Verification     eservice.Verification `json:"verification"`
	Version          int                   `json:"version"`
}

// CellDetail is one cell with the unmet criteria that keep it from the next level.
type CellDetail struct {
	Cell       eservice.Cell        `json:"cell"`
	Bottleneck []eservice.Criterion `json:"bottleneck"`
}

func (a *API) matrix(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	ehak, code, area := q.str("municipality"), q.str("service"), q.str("area")
	f := municipality.Filter{CountyEHAK: q.str("county"), Type: municipality.Type(q.str("type"))}
	pg := q.page()
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	all, err := a.allMunicipalities(r, f)
	if err != nil {
		return err
	}
	var ms []municipality.Municipality
	for _, m := range all {
		if ehak == "" || m.EHAK == ehak {
			ms = append(ms, m)
		}
	}
	catalogue, err := a.services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	var services []eservice.Service
	for _, s := range catalogue {
		if (code == "" || s.Code == code) && (area == "" || s.Area == area) {
			services = append(services, s)
		}
	}
	grid, err := a.services.Grid(ctx)
	if err != nil {
		return err
	}
	out := Matrix{Items: make([]MatrixCell, 0, len(ms)*len(services)),
		Services: []eservice.ServiceStats{}, Municipalities: []eservice.MunicipalityStats{}}
	for _, m := range ms {
		for _, s := range services {
			c := grid.Cell(m.EHAK, s.Code)
			out.Items = append(out.Items, MatrixCell{c.MunicipalityEHAK, c.ServiceCode, c.Offering, c.Level, c.Verification, c.Version})
		}
		out.Municipalities = append(out.Municipalities, grid.MunicipalityStatsOf(m.EHAK, services))
	}
	for _, s := range services {
		out.Services = append(out.Services, grid.StatsOf(s.Code, ms))
	}
	// The figures are of the whole selection; the cells are paged.
	p := pageOf(out.Items, pg)
	out.Items, out.Total, out.Limit, out.Offset = p.Items, p.Total, p.Limit, p.Offset
	return a.writeJSON(w, r, http.StatusOK, out)
}

func (a *API) getCell(w http.ResponseWriter, r *http.Request) error {
	ehak, code, err := pathCell(r)
	if err != nil {
		return err
	}
	c, err := a.services.Cell(r.Context(), ehak, code)
	if err != nil {
		return err
	}
	return a.writeCell(w, r, c)
}

// putCell is a municipality's report of a cell: the whole of it, with the version last
// read (0 for a cell never filled in), so a save over someone else's is refused (409).
func (a *API) putCell(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak, code, err := pathCell(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var in eservice.CellInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.services.SaveCell(ctx, ehak, code, in)
	if err != nil {
		return err
	}
	return a.writeCell(w, r, c)
}

// reviewCell is a coordinator's verdict: verified, or returned with a reason.
func (a *API) reviewCell(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak, code, err := pathCell(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var rv eservice.Review
	if err := decodeJSON(w, r, &rv); err != nil {
		return err
	}
	c, err := a.services.ReviewCell(ctx, ehak, code, rv)
	if err != nil {
		return err
	}
	return a.writeCell(w, r, c)
}

func (a *API) writeCell(w http.ResponseWriter, r *http.Request, c eservice.Cell) error {
	scale, err := a.services.Scale(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, CellDetail{c, orEmpty(scale.Bottleneck(c.Offering, c.Met))})
}

func pathCell(r *http.Request) (ehak, code string, err error) {
	if ehak, err = pathEHAK(r); err != nil {
		return "", "", err
	}
	code, err = pathCode(r)
	return ehak, code, err
}
