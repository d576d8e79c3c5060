package landscape

import (
	"context"
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/need"
)

// The practice library: what one municipality did well, written up so others can do the
// same; "adopt this" turns it into an activity of the adopter's own plan.

// PracticeStatus is where a practice is on its way to the public.
type PracticeStatus string

const (
	PracticeDraft     PracticeStatus = "draft"
	PracticeSubmitted PracticeStatus = "submitted"
	PracticeValidated PracticeStatus = "validated"
	PracticePublished PracticeStatus = "published"
	PracticeArchived  PracticeStatus = "archived"
)

// PracticeStatuses lists the statuses in order.
var PracticeStatuses = []PracticeStatus{PracticeDraft, PracticeSubmitted, PracticeValidated, PracticePublished, PracticeArchived}

// Valid reports whether s is one of PracticeStatuses.
func (s PracticeStatus) Valid() bool { return oneOf(s, PracticeStatuses) }

// Practice is one good practice.
type Practice struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Summary   string `json:"summary"`
	Problem   string `json:"problem"`
	WhatDone  string `json:"what_was_done"`
	Resources string `json:"resources"` // people, money, time
	Results   string `json:"results"`
	// EvidenceURL backs the results.
	EvidenceURL string `json:"evidence_url"`
	// Municipalities are the EHAK codes of where it comes from.
	Municipalities []string `json:"municipalities"`
	ContactName    string   `json:"contact_name"`
	ContactEmail   string   `json:"contact_email"`
	ServiceCodes   []string `json:"service_codes"`
	SolutionIDs    []int64  `json:"solution_ids"`
	Links          []string `json:"links"`
	Tags           []string `json:"tags"`
	// NationalActivityID is the action plan's national activity an adoption contributes to.
	NationalActivityID *int64         `json:"national_activity_id"`
	Status             PracticeStatus `json:"status"`
	// ProposedBy is the account that proposed it, who reads it before it is published.
	ProposedBy *int64    `json:"proposed_by"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Normalize trims what people type and drops empty and repeated list entries.
func (p *Practice) Normalize() {
	for _, f := range []*string{&p.Title, &p.Summary, &p.Problem, &p.WhatDone, &p.Resources, &p.Results, &p.EvidenceURL, &p.ContactName, &p.ContactEmail} {
		*f = strings.TrimSpace(*f)
	}
	p.Municipalities = cleanList(p.Municipalities)
	p.ServiceCodes = cleanList(p.ServiceCodes)
	p.Links = cleanList(p.Links)
	p.Tags = cleanList(p.Tags)
	ids := []int64{}
	for _, id := range p.SolutionIDs {
		if id > 0 && !oneOf(id, ids) {
			ids = append(ids, id)
		}
	}
	p.SolutionIDs = ids
	if p.Status == "" {
		p.Status = PracticeDraft
	}
}

// Validate checks a practice as its author writes it.
func (p Practice) Validate() error {
	var pr kovit.Problems
	required(&pr, "title", p.Title, 300)
	required(&pr, "summary", p.Summary, 2000)
	for field, v := range map[string]string{"problem": p.Problem, "what_was_done": p.WhatDone, "resources": p.Resources, "results": p.Results} {
		if kovit.TooLong(v, 10000) {
			pr.Add(field, "error.too_long")
		}
	}
	if p.EvidenceURL != "" && !kovit.ValidURL(p.EvidenceURL) {
		pr.Add("evidence_url", "error.url")
	}
	if len(p.Municipalities) == 0 {
		pr.Add("municipalities", "landscape.error.practice_municipality")
	}
	for _, m := range p.Municipalities {
		if len(m) != 4 {
			pr.Add("municipalities", "landscape.error.municipality")
			break
		}
	}
	if p.ContactEmail != "" && !kovit.ValidEmail(p.ContactEmail) {
		pr.Add("contact_email", "error.email")
	}
	if kovit.TooLong(p.ContactName, 200) {
		pr.Add("contact_name", "error.too_long")
	}
	for _, l := range p.Links {
		if !kovit.ValidURL(l) {
			pr.Add("links", "error.url")
			break
		}
	}
	if len(p.Tags) > 30 || len(p.Links) > 20 || len(p.ServiceCodes) > 50 || len(p.SolutionIDs) > 20 || len(p.Municipalities) > 79 {
		pr.Add("tags", "error.too_long")
	}
	if !p.Status.Valid() {
		pr.Add("status", "landscape.error.practice_status")
	}
	return pr.Err()
}

// PracticeQuery is a search of the practice library, read once per search. Its words are
// the needs module's stems (need.Words), so an inflected word finds the practice that
// writes it in another form ("volikogule" finds "volikogu", "teenuste" finds "teenus");
// words too short to stem (e.g. "IT") are matched as written in the folded text.
type PracticeQuery struct {
	stems, short []string
}

// NewPracticeQuery reads what the user typed.
func NewPracticeQuery(q string) PracticeQuery {
	pq := PracticeQuery{stems: need.Words(q)}
	for _, w := range strings.Fields(need.Fold(q)) {
		if w = strings.Trim(w, ".,;:!?()\"'"); w != "" && len([]rune(w)) < 3 {
			pq.short = append(pq.short, w)
		}
	}
	return pq
}

// Empty reports whether the query selects every practice.
func (q PracticeQuery) Empty() bool { return len(q.stems) == 0 && len(q.short) == 0 }

// Matches reports whether every word of the query is in the practice's texts.
func (p Practice) Matches(q PracticeQuery) bool { return q.MatchesTerms(p, p.SearchTerms()) }

// searchText is what a search reads of a practice, in either language as written.
func (p Practice) searchText() string {
	return strings.Join([]string{p.Title, p.Summary, p.Problem, p.WhatDone, p.Results, strings.Join(p.Tags, " ")}, " ")
}

// SearchTerms are the stems of the practice's texts: the same for the same id and
// version, so a store may keep them rather than stem thousands of practices per search.
func (p Practice) SearchTerms() []string { return need.Words(p.searchText()) }

// NeedsText reports whether the query has words too short to stem, which MatchesTerms
// looks for in the practice's texts rather than in its terms.
func (q PracticeQuery) NeedsText() bool { return len(q.short) > 0 }

// MatchesTerms reports whether every word of the query is in the practice whose
// SearchTerms are terms: a stem of the query begins one of the terms (so a word typed in
// part still finds it), a short word is in the folded text.
func (q PracticeQuery) MatchesTerms(p Practice, terms []string) bool {
	if q.Empty() {
		return true
	}
	if len(q.short) > 0 {
		folded := need.Fold(p.searchText())
		for _, w := range q.short {
			if !strings.Contains(folded, w) {
				return false
			}
		}
	}
	for _, w := range q.stems {
		if !slices.ContainsFunc(terms, func(h string) bool { return strings.HasPrefix(h, w) }) {
			return false
		}
	}
	return true
}

// Adoption is a municipality taking up a practice: the activity it became in the
// municipality's own plan, and how it differs from the original.
type Adoption struct {
	ID               int64  `json:"id"`
	PracticeID       int64  `json:"practice_id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	Differences      string `json:"differences"`
	ActivityID       int64  `json:"activity_id"`
	StrategyID       int64  `json:"strategy_id"`
	// Status and Completion are the activity's, read from the plan: how far it has got.
	Status     string `json:"activity_status"`
	Completion int    `json:"completion"`
	Done       bool   `json:"done"`
	// Applied is when the finished activity put the practice's solutions into production in
	// the landscape.
	Applied   *time.Time `json:"applied_at"`
	CreatedBy string     `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
}

// PracticeFilter selects practices; empty fields do not filter.
type PracticeFilter struct {
	// Statuses, empty for every status.
	Statuses []PracticeStatus
	Query    string
	Tag      string
	Limit    int
	Offset   int
}

// Validate checks the filter and fills the page size.
func (f *PracticeFilter) Validate() error {
	var p kovit.Problems
	for _, s := range f.Statuses {
		if !s.Valid() {
			p.Add("status", "landscape.error.practice_status")
		}
	}
	if kovit.TooLong(f.Query, 200) {
		p.Add("q", "error.too_long")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	return p.Err()
}

// PracticeStore keeps the practice library and its adoptions.
type PracticeStore interface {
	ListPractices(ctx context.Context, f PracticeFilter) ([]Practice, int, error)
	Practice(ctx context.Context, id int64) (Practice, error)
	CreatePractice(ctx context.Context, p Practice) (Practice, error)
	UpdatePractice(ctx context.Context, p Practice) (Practice, error)
	// Adopt makes the practice an activity of the municipality's own plan (a new draft
	// plan when it has none), prefilled from the practice, and records the adoption; a
	// municipality adopts a practice once. Only a published practice is adopted.
	Adopt(ctx context.Context, a Adoption) (Adoption, error)
	// Adoptions lists a practice's adoptions (every adoption for practice 0) with how far
	// each activity has got.
	Adoptions(ctx context.Context, practiceID int64) ([]Adoption, error)
	// FollowAdoptions puts the solutions of practices whose adopted activity is done into
	// production in the adopter's landscape, once, and reports how many adoptions it applied.
	FollowAdoptions(ctx context.Context) (int, error)
}
