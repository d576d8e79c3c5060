package survey

import (
	"sort"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// None is the board's state of a municipality that has not started its response.
const None State = "none"

// BoardRow is one municipality on the completeness board.
type BoardRow struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	Name             string `json:"name"`
	State            State  `json:"state"`
}

// Board is every municipality's response state, in name order, and how many are approved.
type Board struct {
	Rows     []BoardRow `json:"rows"`
	Approved int        `json:"approved"`
}

// BoardOf puts together the completeness board of responses for the municipalities ms.
func BoardOf(ms []municipality.Municipality, responses []Response) Board {
	state := map[string]State{}
	for _, r := range responses {
		state[r.MunicipalityEHAK] = r.State
	}
	b := Board{Rows: make([]BoardRow, 0, len(ms))}
	for _, m := range ms {
		st, ok := state[m.EHAK]
		if !ok {
			st = None
		}
		if st == Approved {
			b.Approved++
		}
		b.Rows = append(b.Rows, BoardRow{MunicipalityEHAK: m.EHAK, Name: m.Name, State: st})
	}
	sort.SliceStable(b.Rows, func(i, j int) bool { return b.Rows[i].Name < b.Rows[j].Name })
	return b
}

// Groupings are the peer groupings results are given by.
var Groupings = []string{"type", "county", "band"}

// GroupingOf is the peer grouping by name, as the e-service comparisons group.
func GroupingOf(name string) (GroupOf, bool) {
	switch name {
	case "type":
		return func(m municipality.Municipality) string { return string(m.Type) }, true
	case "county":
		return func(m municipality.Municipality) string { return m.CountyName }, true
	case "band":
		return func(m municipality.Municipality) string { return eservice.BandOf(m.Population) }, true
	}
	return nil, false
}

// ResultColumns head the results export.
var ResultColumns = []tabular.Column{{Et: "Küsimus", En: "Question"}, {Et: "Grupp", En: "Group"}, {Et: "Vastuseid", En: "Responses"},
	{Et: "Valik", En: "Option"}, {Et: "Valinud", En: "Chosen by"}, {Et: "Keskmine", En: "Mean"}}

// ResultsSheet is the results by peer group as a table: a row per option chosen, or one
// with the mean of a number.
func ResultsSheet(results []Result, lang string) tabular.Table {
	t := tabular.Table{Sheet: "tulemused", Header: tabular.Headers(ResultColumns, lang)}
	for _, r := range results {
		for _, g := range r.Groups {
			if g.Mean != nil {
				t.Rows = append(t.Rows, []any{r.Text, g.Group, g.Responses, "", "", *g.Mean})
				continue
			}
			keys := make([]string, 0, len(g.Counts))
			for k := range g.Counts {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				t.Rows = append(t.Rows, []any{r.Text, g.Group, g.Responses, k, g.Counts[k], ""})
			}
		}
	}
	return t
}
