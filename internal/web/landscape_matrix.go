package web

import (
	"html"
	"html/template"
	"net/http"
	"strings"

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
	Grid     []matrixLine
}

// matrixLine is one municipality's row as the page shows it: its cells in the columns'
// order, each a status and its label, written out once rather than looked up per cell in
// the template (79 × 60 cells).
type matrixLine struct {
	EHAK, Name string
	Cells      []matrixCell
}

type matrixCell struct{ Status, Label string }

// CellsHTML writes the line's cells in one go: executing the template per cell cost more
// than the rest of the page. Statuses are fixed words and labels escaped.
func (l matrixLine) CellsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(l.Cells) * 48)
	for _, c := range l.Cells {
		if c.Status == "" {
			b.WriteString("<td></td>")
			continue
		}
		b.WriteString(`<td class="status-`)
		b.WriteString(html.EscapeString(c.Status))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(c.Label))
		b.WriteString("</td>")
	}
	return template.HTML(b.String())
}

func matrixGrid(m landscape.Matrix, t func(string, ...any) string) []matrixLine {
	labels := map[landscape.Status]string{}
	for _, s := range landscape.Statuses {
		labels[s] = t("landscape.status." + string(s))
	}
	out := make([]matrixLine, len(m.Rows))
	for i, r := range m.Rows {
		line := matrixLine{EHAK: r.Municipality.EHAK, Name: r.Municipality.Name, Cells: make([]matrixCell, len(m.Solutions))}
		for j, s := range m.Solutions {
			if st, ok := r.Status[s.ID]; ok {
				line.Cells[j] = matrixCell{string(st), labels[st]}
			}
		}
		out[i] = line
	}
	return out
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
	rows, err := ui.Landscape.AllRows(ctx)
	if err != nil {
		return err
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
	page.Grid = matrixGrid(page.M, lp.L.T)
	if page.Counties, err = ui.Municipalities.ListCounties(ctx); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "landscape/matrix", page)
	return nil
}
