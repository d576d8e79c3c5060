package plan

import (
	"strings"
	"time"

	"kovit/internal/tabular"
)

// Column is one column of an action plan's spreadsheet form: its Estonian header and a
// stable English one; exports write the user's language, imports accept either.
type Column = tabular.Column

// The columns, in export order. Last updated is there for the reader and not read back.
// Version is the node's version when it was exported: an import refuses a row whose node
// was changed since, as a form does, so an old file cannot overwrite a later edit.
var (
	ColCode       = Column{Et: "kood", En: "code"}
	ColLevel      = Column{Et: "tase", En: "level"}
	ColTitleEt    = Column{Et: "pealkiri", En: "title_et"}
	ColTitleEn    = Column{Et: "pealkiri inglise keeles", En: "title_en"}
	ColLead       = Column{Et: "juht", En: "lead"}
	ColPartners   = Column{Et: "partnerid", En: "partners"}
	ColStart      = Column{Et: "algus", En: "start"}
	ColEnd        = Column{Et: "lõpp", En: "end"}
	ColStatus     = Column{Et: "staatus", En: "status"}
	ColCompletion = Column{Et: "valmidus %", En: "completion"}
	ColUpdated    = Column{Et: "viimati muudetud", En: "updated"}
	ColVersion    = Column{Et: "versioon", En: "version"}

	Columns = []Column{ColCode, ColLevel, ColTitleEt, ColTitleEn, ColLead, ColPartners, ColStart, ColEnd,
		ColStatus, ColCompletion, ColUpdated, ColVersion}
)

// importColumns must all be in an imported file, so that a column left out cannot quietly
// empty a field. Version may be left out by a file that only adds rows.
var importColumns = Columns[:len(Columns)-2]

// Header is the header row of an export in lang.
func Header(lang string) []string { return tabular.Headers(Columns, lang) }

// PartnerSeparator joins partner names in one cell.
const PartnerSeparator = "; "

// ExportRows turns a strategy's tree into rows in Columns order, one per node in reading
// order (each node after its parent). Activity fields stay empty on goals and directions;
// dates are time.Time (zero for none) so a workbook holds them as real dates. The status
// is the status's key, which does not change when a coordinator renames the status.
func ExportRows(t Tree, orgs []Organisation) [][]any {
	names := make(map[int64]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.NameEt
	}
	children := t.Children()
	rows := make([][]any, 0, len(t.Nodes))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, n := range children[parent] {
			row := []any{n.Code, string(n.Kind), n.TitleEt, n.TitleEn, "", "", time.Time{}, time.Time{}, "", "", n.UpdatedAt, n.Version}
			if n.Kind == Activity {
				if n.LeadOrgID != nil {
					row[4] = names[*n.LeadOrgID]
				}
				partners := make([]string, len(n.PartnerOrgIDs))
				for i, id := range n.PartnerOrgIDs {
					partners[i] = names[id]
				}
				row[5] = strings.Join(partners, PartnerSeparator)
				row[6], row[7] = dateCell(n.Start), dateCell(n.End)
				row[8], row[9] = n.Status, n.Completion
			}
			rows = append(rows, row)
			walk(n.ID)
		}
	}
	walk(StrategyKey)
	return rows
}

func dateCell(d *time.Time) time.Time {
	if d == nil {
		return time.Time{}
	}
	return *d
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}
