package plan

import (
	"fmt"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Column is one column of an action plan's spreadsheet form: the Estonian header exports
// write, and a stable English alias imports accept as well.
type Column struct{ Et, En string }

// The columns, in export order. Last updated is there for the reader and not read back.
// Version is the node's version when it was exported: an import refuses a row whose node
// was changed since, as a form does, so an old file cannot overwrite a later edit.
var (
	ColCode       = Column{"kood", "code"}
	ColLevel      = Column{"tase", "level"}
	ColTitleEt    = Column{"pealkiri", "title_et"}
	ColTitleEn    = Column{"pealkiri inglise keeles", "title_en"}
	ColLead       = Column{"juht", "lead"}
	ColPartners   = Column{"partnerid", "partners"}
	ColStart      = Column{"algus", "start"}
	ColEnd        = Column{"lõpp", "end"}
	ColStatus     = Column{"staatus", "status"}
	ColCompletion = Column{"valmidus %", "completion"}
	ColUpdated    = Column{"viimati muudetud", "updated"}
	ColVersion    = Column{"versioon", "version"}

	Columns = []Column{ColCode, ColLevel, ColTitleEt, ColTitleEn, ColLead, ColPartners, ColStart, ColEnd,
		ColStatus, ColCompletion, ColUpdated, ColVersion}
)

// importColumns must all be in an imported file, so that a column left out cannot quietly
// empty a field. Version may be left out by a file that only adds rows.
var importColumns = Columns[:len(Columns)-2]

// Header is the Estonian header row of an export.
func Header() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Et
	}
	return out
}

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

// RowError is one problem of an imported file: the row as a spreadsheet numbers it (the
// header is row 1; 0 for the file as a whole), the column's Estonian header ("" for the
// whole row) and a translation key.
type RowError struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Key    string `json:"key"`
}

// ImportError lists every problem of an imported file; none of it was saved.
type ImportError struct{ Rows []RowError }

func (e *ImportError) Error() string {
	if len(e.Rows) == 0 {
		return "plan: import refused"
	}
	return fmt.Sprintf("plan: import: %d problems, first %+v", len(e.Rows), e.Rows[0])
}

// Unwrap makes the error an invalid request for the surfaces.
func (e *ImportError) Unwrap() error { return kovit.Errorf(kovit.EInvalid, "transfer.error.rows") }

func (e *ImportError) add(row int, c Column, key string) {
	e.Rows = append(e.Rows, RowError{Row: row, Column: c.Et, Key: key})
}

func (e *ImportError) err() error {
	if len(e.Rows) == 0 {
		return nil
	}
	return e
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}
