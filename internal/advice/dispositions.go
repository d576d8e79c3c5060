package advice

import (
	"slices"
	"strconv"
	"strings"

	"kovit/internal/tabular"
)

// The ministry's answers come back as its comments-and-responses table: a row per point,
// its number, the ministry's disposition and its reason. PositionColumns head both the
// export and the import, so the association's own table, filled in by the ministry,
// imports back.
var (
	ColNumber      = tabular.Column{Et: "Jrk nr", En: "No."}
	ColSection     = tabular.Column{Et: "Eelnõu osa", En: "Part of the draft"}
	ColPoint       = tabular.Column{Et: "Märkus või ettepanek", En: "Comment or proposal"}
	ColBy          = tabular.Column{Et: "Esitajad", En: "Submitted by"}
	ColDisposition = tabular.Column{Et: "Arvestatud / mittearvestatud", En: "Taken into account"}
	ColReason      = tabular.Column{Et: "Selgitus", En: "Explanation"}

	PositionColumns = []tabular.Column{ColNumber, ColSection, ColPoint, ColBy, ColDisposition, ColReason}

	dispositionLayout = tabular.Layout{Columns: PositionColumns, Required: []tabular.Column{ColNumber, ColDisposition}}
)

// dispositionWords are the ways a ministry writes its disposition, in both languages.
var dispositionWords = map[string]Disposition{
	"arvestatud": Accepted, "arvestatakse": Accepted, "accepted": Accepted, "taken into account": Accepted,
	"osaliselt arvestatud": PartlyAccepted, "arvestatud osaliselt": PartlyAccepted, "partly accepted": PartlyAccepted, "partly_accepted": PartlyAccepted,
	"mittearvestatud": NotAccepted, "mitte arvestatud": NotAccepted, "ei arvestata": NotAccepted, "arvestamata": NotAccepted,
	"not accepted": NotAccepted, "not_accepted": NotAccepted,
	"selgitatud": Explained, "selgitus": Explained, "teadmiseks võetud": Explained, "explained": Explained,
}

// DispositionLabel is d as the Estonian table writes it.
func DispositionLabel(d Disposition, lang string) string {
	et := map[Disposition]string{Accepted: "arvestatud", PartlyAccepted: "osaliselt arvestatud", NotAccepted: "mittearvestatud", Explained: "selgitatud"}
	en := map[Disposition]string{Accepted: "accepted", PartlyAccepted: "partly accepted", NotAccepted: "not accepted", Explained: "explained"}
	if lang == "en" {
		return en[d]
	}
	return et[d]
}

// DispositionRow is one point's answer read from the ministry's table.
type DispositionRow struct {
	Number      int
	Disposition Disposition
	Reason      string
}

// ReadDispositions reads the ministry's table against the round's points: every row must
// name a point by its number once and give a disposition. It checks every row and
// returns every problem by row and column, or the rows to apply.
func ReadDispositions(header []string, rows [][]string, points []Point) ([]DispositionRow, error) {
	sheet, err := dispositionLayout.Open(header, rows)
	if err != nil {
		return nil, err
	}
	known := map[int]bool{}
	for _, p := range points {
		known[p.Number] = true
	}
	seen := map[int]int{}
	var out []DispositionRow
	var errs tabular.ImportError
	for row, cell := range sheet.Rows() {
		if cell(ColNumber) == "" && cell(ColDisposition) == "" {
			continue // a municipality's official response (PositionSheet): no point to answer
		}
		n, err := strconv.Atoi(strings.TrimSuffix(cell(ColNumber), "."))
		switch {
		case err != nil:
			errs.Add(row, ColNumber.Et, "advice.error.point_number")
		case !known[n]:
			errs.Add(row, ColNumber.Et, "advice.error.unknown_point")
		case seen[n] != 0:
			errs.Add(row, ColNumber.Et, "advice.error.point_twice")
		default:
			seen[n] = row
		}
		d, ok := dispositionWords[strings.ToLower(strings.Join(strings.Fields(cell(ColDisposition)), " "))]
		if !ok {
			errs.Add(row, ColDisposition.Et, "advice.error.disposition")
		}
		reason := cell(ColReason)
		if len([]rune(reason)) > 20000 {
			errs.Add(row, ColReason.Et, "error.too_long")
		}
		if (d == NotAccepted || d == PartlyAccepted) && reason == "" {
			errs.Add(row, ColReason.Et, "advice.error.reason_needed")
		}
		out = append(out, DispositionRow{Number: n, Disposition: d, Reason: reason})
	}
	return tabular.Collect(out, &errs, "advice.error.no_rows")
}

// PointBy names the municipalities whose comments went into point p, in name order.
func PointBy(p Point, comments []Comment, names map[string]string) []string {
	var out []string
	for _, c := range comments {
		if c.PointID != nil && *c.PointID == p.ID && c.Fate != NotAdopted {
			n := names[c.MunicipalityEHAK]
			if n == "" {
				n = c.MunicipalityEHAK
			}
			if !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
