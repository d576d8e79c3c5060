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
	Drafts           int    `json:"drafts"`    // not yet submitted
	Submitted        int    `json:"submitted"` // in any state past draft
}

// DashboardOf counts needs of round r for every municipality in ms.
func DashboardOf(r Round, ms []municipality.Municipality, needs []Need) Dashboard {
	d := Dashboard{Round: r, Rows: make([]DashboardRow, 0, len(ms)), Missing: []string{}}
	byEHAK := map[string]*DashboardRow{}
	sorted := append([]municipality.Municipality(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, m := range sorted {
		d.Rows = append(d.Rows, DashboardRow{MunicipalityEHAK: m.EHAK, Name: m.Name})
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
			row.Drafts++
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
