package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// landscapeMatrixPage is municipalities × solutions within a peer group: for signed-in
// users each municipality's status, for the public only how many run each solution.
type landscapeMatrixPage struct {
	landscapePage
	M        landscape.Matrix
	Filter   landscape.PeerFilter
	Kind     landscape.Kind
	Area     landscape.Area
	Counties []municipality.County
	Bands    []eservice.Band
}

// Cell is municipality row r's status of solution id, "" when it has none.
func (p landscapeMatrixPage) Cell(r landscape.MatrixRow, id int64) string {
	return string(r.Status[id])
}

func (ui *UI) landscapeMatrix(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := landscape.PeerFilter{County: q.Get("county"), Type: municipality.Type(q.Get("type")), Band: q.Get("band")}
	sf := landscape.SolutionFilter{States: []landscape.State{landscape.Accepted}, Kind: landscape.Kind(q.Get("kind")),
		Area: landscape.Area(q.Get("area")), Limit: kovit.MaxLimit}
	if _, ok := q["kind"]; !ok {
		sf.Kind = landscape.KindShared
	}
	var p kovit.Problems
	p = append(p, kovit.FieldsOf(f.Validate())...)
	p = append(p, kovit.FieldsOf(sf.Validate())...)
	if err := p.Err(); err != nil {
		return err
	}
	sols, _, err := ui.Landscape.ListSolutions(ctx, sf)
	if err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	var rows []landscape.Row
	for f := (landscape.RowFilter{Limit: kovit.MaxLimit}); ; f.Offset += f.Limit {
		page, total, err := ui.Landscape.ListRows(ctx, f)
		if err != nil {
			return err
		}
		rows = append(rows, page...)
		if f.Offset+f.Limit >= total {
			break
		}
	}
	lp, err := ui.landscapePage(r, "landscape.matrix.title")
	if err != nil {
		return err
	}
	page := landscapeMatrixPage{landscapePage: lp, M: landscape.BuildMatrix(ms, sols, rows, f), Filter: f, Kind: sf.Kind, Area: sf.Area,
		Bands: eservice.Bands}
	if !auth.Allowed(auth.CanReadLandscape(lp.User)) {
		page.M.Rows = nil // the public sees how many, not who
	}
	if page.Counties, err = ui.Municipalities.ListCounties(ctx); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "landscape/matrix", page)
	return nil
}
