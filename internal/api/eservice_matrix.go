package api

import (
	"math"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Matrix is the municipality × service matrix: a cell for every selected municipality and
// service, those never filled in as not offered at level 0 with version 0, and the
// figures of every column (service) over the selection and of every row (municipality)
// of the page. The rows come a page of municipalities at a time (MunicipalityTotal,
// MunicipalityLimit, MunicipalityOffset, Next): a large country's 10,800 rows × 600
// services would not fit one answer. Estonia's 79 fit the default page.
type Matrix struct {
	Items              []MatrixCell                 `json:"items"`
	Total              int                          `json:"total"`
	Limit              int                          `json:"limit"`
	Offset             int                          `json:"offset"`
	Services           []eservice.ServiceStats      `json:"services"`
	Municipalities     []eservice.MunicipalityStats `json:"municipalities"`
	MunicipalityTotal  int                          `json:"municipality_total"`
	MunicipalityLimit  int                          `json:"municipality_limit"`
	MunicipalityOffset int                          `json:"municipality_offset"`
	Next               string                       `json:"next,omitempty"`
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

// Matrix row pages: the default holds all of Estonia's 79 municipalities; the most is a
// list's largest page (500 rows × 600 services of a large country are 300,000 cells).
const (
	matrixRowsDefault = 100
	matrixRowsMax     = municipality.MaxLimit
)

func (a *API) matrix(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	ehak, code, area := q.str("municipality"), q.str("service"), q.str("area")
	f := municipality.Filter{CountyEHAK: q.str("county"), Type: municipality.Type(q.str("type"))}
	pg := q.page()
	rowLimit := q.bounded("municipality_limit", matrixRowsDefault, 1, matrixRowsMax, "error.limit")
	rowOffset := q.bounded("municipality_offset", 0, 0, math.MaxInt32, "error.offset")
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	ms, err := a.matrixSelection(r, f, ehak)
	if err != nil {
		return err
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
	out := Matrix{Services: []eservice.ServiceStats{}, Municipalities: []eservice.MunicipalityStats{},
		MunicipalityTotal: len(ms), MunicipalityLimit: rowLimit, MunicipalityOffset: rowOffset}
	if len(services) > 0 {
		if out.Services, err = a.services.ServiceStats(ctx, ms, services); err != nil {
			return err
		}
	}
	rows := ms[min(rowOffset, len(ms)):min(rowOffset+rowLimit, len(ms))]
	if rowOffset+rowLimit < len(ms) {
		out.Next = nextRows(r, rowOffset+rowLimit)
	}
	ehaks := make([]string, len(rows))
	for i, m := range rows {
		ehaks[i] = m.EHAK
	}
	if len(rows) > 0 {
		if out.Municipalities, err = a.services.MunicipalityStats(ctx, ehaks, services); err != nil {
			return err
		}
	}
	items := make([]MatrixCell, 0, len(rows)*len(services))
	for from := 0; from < len(ehaks); from += eservice.MaxRowBlock {
		block := ehaks[from:min(from+eservice.MaxRowBlock, len(ehaks))]
		grid, err := a.services.RowGrid(ctx, block)
		if err != nil {
			return err
		}
		for _, e := range block {
			for _, s := range services {
				c := grid.Cell(e, s.Code)
				items = append(items, MatrixCell{c.MunicipalityEHAK, c.ServiceCode, c.Offering, c.Level, c.Verification, c.Version})
			}
		}
	}
	// The cells of the page's rows are paged again by limit and offset, as before rows
	// were paged.
	p := pageOf(items, pg)
	out.Items, out.Total, out.Limit, out.Offset = p.Items, p.Total, p.Limit, p.Offset
	return a.writeJSON(w, r, http.StatusOK, out)
}

// matrixSelection is every municipality f selects, or the one named by ehak when it
// matches f (none when it does not exist), in the list's order. A large country's 10,800
// are read a list's page at a time: the services' figures are over all of them.
func (a *API) matrixSelection(r *http.Request, f municipality.Filter, ehak string) ([]municipality.Municipality, error) {
	ctx := r.Context()
	if ehak != "" {
		m, err := a.municipalities.Municipality(ctx, ehak)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		if (f.CountyEHAK != "" && m.CountyEHAK != f.CountyEHAK) || (f.Type != "" && m.Type != f.Type) {
			return nil, nil
		}
		return []municipality.Municipality{m}, nil
	}
	var out []municipality.Municipality
	f.Limit = municipality.MaxLimit
	for {
		f.Offset = len(out)
		page, total, err := a.municipalities.ListMunicipalities(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// nextRows is the request's own path and query with the rows' offset moved on.
func nextRows(r *http.Request, offset int) string {
	v := r.URL.Query()
	v.Set("municipality_offset", strconv.Itoa(offset))
	return r.URL.Path + "?" + v.Encode()
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

// bounded returns the whole-number parameter, def when absent, and adds key as its
// problem when it is not a number in [lo, hi].
func (q *query) bounded(name string, def, lo, hi int, key string) int {
	s := q.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.p.Add(name, key)
		return def
	}
	return n
}
