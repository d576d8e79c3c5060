package need

import (
	"sort"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Round is a collection round a coordinator opens, e.g. "ICT needs 2027": municipalities
// submit their needs in it by the deadline.
type Round struct {
	ID           int64     `json:"id"`
	Title        string    `json:"title"`
	Deadline     string    `json:"deadline"` // YYYY-MM-DD, the last day to submit
	Instructions string    `json:"instructions"`
	Open         bool      `json:"open"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Normalize trims the texts.
func (r *Round) Normalize() {
	r.Title = strings.TrimSpace(r.Title)
	r.Instructions = strings.TrimSpace(r.Instructions)
}

// Validate checks what a coordinator enters.
func (r Round) Validate() error {
	var p kovit.Problems
	required(&p, "title", r.Title, 300)
	if r.Deadline == "" {
		p.Add("deadline", "error.required")
	} else if _, ok := date(r.Deadline); !ok {
		p.Add("deadline", "error.date")
	}
	if kovit.TooLong(r.Instructions, 20000) {
		p.Add("instructions", "error.too_long")
	}
	if r.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Dashboard is a round's progress: each municipality's needs in it, and who has not
// submitted any yet.
type Dashboard struct {
	Round Round          `json:"round"`
	Rows  []DashboardRow `json:"rows"`
	// Missing lists the municipalities (EHAK) with no submitted need, in name order.
	Missing []string `json:"missing"`
}

// DashboardRow is one municipality's needs in a round.
type DashboardRow struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	Name             string `json:"name"`
	// Drafts counts the needs not yet submitted; nil (left out) for a user who may not
	// read the municipality's drafts (ReadableBy).
	Drafts    *int `json:"drafts,omitempty"`
	Submitted int  `json:"submitted"` // in any state past draft
}

// ReadableBy is the dashboard as the rule lets its user see it: a municipality's drafts
// are its own, so their count shows only to who may read them.
func (d Dashboard) ReadableBy(may ReadRule) Dashboard {
	rows := make([]DashboardRow, len(d.Rows))
	for i, row := range d.Rows {
		if !may(row.MunicipalityEHAK, Draft.Editable()) {
			row.Drafts = nil
		}
		rows[i] = row
	}
	d.Rows = rows
	return d
}

// DashboardOf counts needs of round r for every municipality in ms.
func DashboardOf(r Round, ms []municipality.Municipality, needs []Need) Dashboard {
	d := Dashboard{Round: r, Rows: make([]DashboardRow, 0, len(ms)), Missing: []string{}}
	byEHAK := map[string]*DashboardRow{}
	sorted := append([]municipality.Municipality(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, m := range sorted {
		d.Rows = append(d.Rows, DashboardRow{MunicipalityEHAK: m.EHAK, Name: m.Name, Drafts: new(int)})
	}
	for i := range d.Rows {
		byEHAK[d.Rows[i].MunicipalityEHAK] = &d.Rows[i]
	}
	for _, n := range needs {
		row := byEHAK[n.MunicipalityEHAK]
		if row == nil || n.RoundID == nil || *n.RoundID != r.ID {
			continue
		}
		if n.State == Draft {
			*row.Drafts++
		} else {
			row.Submitted++
		}
	}
	for _, row := range d.Rows {
		if row.Submitted == 0 {
			d.Missing = append(d.Missing, row.MunicipalityEHAK)
		}
	}
	return d
}
