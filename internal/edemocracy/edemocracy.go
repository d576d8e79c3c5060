// Package edemocracy is each municipality's e-democracy practice (issue 16): its council
// information system and what of it is public, streaming and recordings of council
// sessions, a participatory budget, consultations held, the local initiative threshold,
// use of Rahvaalgatus and open data; kept by the municipality and compared by peer group.
package edemocracy

import (
	"context"
	"sort"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Modules are the parts of a council information system a municipality may make public.
var Modules = []string{"agendas", "drafts", "minutes", "votes", "recordings"}

// Practice is one municipality's e-democracy practice; version 0 is one not yet entered.
type Practice struct {
	MunicipalityEHAK string   `json:"municipality_ehak"`
	CouncilSystem    string   `json:"council_system"` // e.g. "VOLIS", "Delta"
	PublicModules    []string `json:"public_modules"` // of Modules
	Streaming        bool     `json:"streaming"`      // council sessions streamed live
	Recordings       bool     `json:"recordings"`     // recordings kept for viewing
	// The latest participatory budget, if any: its year, amount and votes cast.
	BudgetYear   *int         `json:"budget_year"`
	BudgetAmount *kovit.Money `json:"budget_amount"`
	BudgetVotes  *int         `json:"budget_votes"`
	// Consultations is how many public consultations the municipality held last year.
	Consultations int `json:"consultations"`
	// InitiativeThreshold is the signatures a local initiative needs; nil when the
	// municipality keeps the law's default (1% of residents, at least 5).
	InitiativeThreshold *int      `json:"initiative_threshold"`
	Rahvaalgatus        bool      `json:"rahvaalgatus"` // takes initiatives through rahvaalgatus.ee
	OpenDataURL         string    `json:"open_data_url"`
	Version             int       `json:"version"`
	UpdatedAt           time.Time `json:"updated_at"`
}

// Normalize trims the texts and puts the public modules in Modules' order.
func (p *Practice) Normalize() {
	p.CouncilSystem = strings.TrimSpace(p.CouncilSystem)
	p.OpenDataURL = strings.TrimSpace(p.OpenDataURL)
	order := map[string]int{}
	for i, m := range Modules {
		order[m] = i
	}
	sort.SliceStable(p.PublicModules, func(i, j int) bool { return order[p.PublicModules[i]] < order[p.PublicModules[j]] })
}

// Validate checks what a municipality enters, naming each bad field.
func (p Practice) Validate() error {
	var pr kovit.Problems
	if kovit.TooLong(p.CouncilSystem, 200) {
		pr.Add("council_system", "error.too_long")
	}
	seen := map[string]bool{}
	for _, m := range p.PublicModules {
		if !contains(Modules, m) || seen[m] {
			pr.Add("public_modules", "edemocracy.error.module")
			break
		}
		seen[m] = true
	}
	if p.BudgetYear != nil && (*p.BudgetYear < 2000 || *p.BudgetYear > 2100) {
		pr.Add("budget_year", "edemocracy.error.year")
	}
	if p.BudgetAmount != nil && *p.BudgetAmount < 0 {
		pr.Add("budget_amount", "edemocracy.error.negative")
	}
	if p.BudgetVotes != nil && *p.BudgetVotes < 0 {
		pr.Add("budget_votes", "edemocracy.error.negative")
	}
	if (p.BudgetAmount != nil || p.BudgetVotes != nil) && p.BudgetYear == nil {
		pr.Add("budget_year", "edemocracy.error.budget_year")
	}
	if p.Consultations < 0 || p.Consultations > 10000 {
		pr.Add("consultations", "edemocracy.error.negative")
	}
	if p.InitiativeThreshold != nil && (*p.InitiativeThreshold < 1 || *p.InitiativeThreshold > 1_000_000) {
		pr.Add("initiative_threshold", "edemocracy.error.threshold")
	}
	if p.OpenDataURL != "" && (!kovit.ValidURL(p.OpenDataURL) || kovit.TooLong(p.OpenDataURL, 500)) {
		pr.Add("open_data_url", "error.url")
	}
	if p.Version < 0 {
		pr.Add("version", "error.version")
	}
	return pr.Err()
}

// Store keeps the practices; a save names the version it read (0 for a first one).
type Store interface {
	// Practices lists every entered practice, by municipality.
	EDemocracyPractices(ctx context.Context) ([]Practice, error)
	// Practice is a municipality's practice, version 0 when not yet entered.
	EDemocracyPractice(ctx context.Context, ehak string) (Practice, error)
	EDemocracySavePractice(ctx context.Context, p Practice) (Practice, error)
}

// Summary is a peer group's practice in figures.
type Summary struct {
	Group          string `json:"group"`
	Municipalities int    `json:"municipalities"`
	Entered        int    `json:"entered"`
	Streaming      int    `json:"streaming"`
	Recordings     int    `json:"recordings"`
	Budget         int    `json:"budget"` // with a participatory budget
	Rahvaalgatus   int    `json:"rahvaalgatus"`
	OpenData       int    `json:"open_data"`
}

// Summarize counts the practices of ms by the peer group groupOf names.
func Summarize(ms []municipality.Municipality, practices []Practice, groupOf func(municipality.Municipality) string) []Summary {
	by := map[string]Practice{}
	for _, p := range practices {
		by[p.MunicipalityEHAK] = p
	}
	sums := map[string]*Summary{}
	for _, m := range ms {
		name := groupOf(m)
		s := sums[name]
		if s == nil {
			s = &Summary{Group: name}
			sums[name] = s
		}
		s.Municipalities++
		p, ok := by[m.EHAK]
		if !ok {
			continue
		}
		s.Entered++
		for m, n := range map[string]*int{"streaming": &s.Streaming, "recordings": &s.Recordings, "budget": &s.Budget, "rahvaalgatus": &s.Rahvaalgatus, "open_data": &s.OpenData} {
			if p.Has(m) {
				*n++
			}
		}
	}
	out := make([]Summary, 0, len(sums))
	for _, s := range sums {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
