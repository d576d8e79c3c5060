// Package desk is each signed-in user's start page: what waits for them, most urgent
// first. An editor sees their municipality's to-do list, a coordinator the review queues,
// a reader what changed since their last visit.
//
// The desk re-derives no rule: every item comes from a rule its module already keeps
// (a cell's verification, a need's state, plan.CollectAttention), through the module's
// Store interface, narrowed by the read rules the surfaces hand in (Viewer).
//
// Extension point: a later module (self-assessments, surveys, consultations) adds a
// Provider to Desk.Providers in cmd/kovit, with its own Kinds and their Rank. A provider
// returns only items its viewer may read; the desk orders and caps them.
package desk

import (
	"cmp"
	"context"
	"slices"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// Kind is what an item asks of its viewer.
type Kind string

// The kinds of the modules in place, most urgent first within each role's list.
const (
	// An editor's to-do list.
	CellReturned       Kind = "cell_returned"
	NeedReturned       Kind = "need_returned"
	RoundOpen          Kind = "round_open"
	OverdueParticipant Kind = "overdue_participant"
	OverdueTask        Kind = "overdue_task"
	StaleActivity      Kind = "stale_activity"
	CellUnfilled       Kind = "cell_unfilled"
	CellUnconfirmed    Kind = "cell_unconfirmed"
	// A coordinator's queues.
	CellToVerify Kind = "cell_to_verify"
	NeedToReview Kind = "need_to_review"
	RoundMissing Kind = "round_missing"
	// A reader's changes.
	Changed Kind = "changed"
)

// ranks orders the kinds: what someone has handed back or what is late first, then what
// waits, then what only could be better. A kind missing here sorts last.
var ranks = []Kind{InquiryVeryLate, CellReturned, NeedReturned, InquiryAskedBack, InquiryLate, CommentRoundOpen, RoundMissing, RoundOpen, OverdueParticipant, OverdueTask,
	CellToVerify, NeedToReview, SuggestedDuplicate, InquiryToAnswer, EntryToReview, CommentOutcome, StaleActivity, CellUnfilled, CellUnconfirmed, Changed}

// Rank is k's place in the urgency order, lower first.
func Rank(k Kind) int {
	if i := slices.Index(ranks, k); i >= 0 {
		return i
	}
	return len(ranks)
}

// Item is one thing on a desk, with the link straight to where it is dealt with.
type Item struct {
	Kind             Kind   `json:"kind"`
	MunicipalityEHAK string `json:"municipality_ehak,omitempty"`
	// TitleEt and TitleEn name the thing (a service, a need, a round, an activity); one
	// language may stand in for the other when only one is entered.
	TitleEt string `json:"title_et"`
	TitleEn string `json:"title_en"`
	// Detail is what the viewer reads beside it as entered: a return reason, a strategy.
	Detail string `json:"detail,omitempty"`
	// Link is the on-site path of the form or page that deals with the item.
	Link string `json:"link"`
	// Date is since when the item waits, or its deadline (rounds, overdue work).
	Date time.Time `json:"date,omitzero"`
	// Count says how many the item stands for: a round's drafts or missing municipalities.
	Count int `json:"count,omitempty"`
	// Other is the second record of a pair (a suggested duplicate's other need).
	Other *Other `json:"other,omitempty"`
}

// Other is the second record of a pair item: whose it is, its page, and where a form
// posts to dismiss the pair.
type Other struct {
	MunicipalityEHAK string `json:"municipality_ehak,omitempty"`
	Link             string `json:"link"`
	Dismiss          string `json:"dismiss,omitempty"`
}

// Title is the item's title in lang, the other language standing in for a missing one.
func (i Item) Title(lang string) string {
	if lang == "en" && i.TitleEn != "" || i.TitleEt == "" {
		return i.TitleEn
	}
	return i.TitleEt
}

// Viewer is who the desk is for, as the surfaces read it from the permission policy
// (internal/auth); the desk compares no roles.
type Viewer struct {
	UserID int64
	// Municipality is an editor's own municipality: their to-do list. An editor of
	// several has the one they chose here and all of them in Municipalities.
	Municipality   string
	Municipalities []string
	// Queues is set for who reviews every municipality's work (coordinators, admins).
	Queues bool
	// MayReadNeed is auth.CanReadNeed for the viewer; no need passes without it.
	MayReadNeed need.ReadRule
	// EditorOf leaves out other municipalities' draft plans (auth.ReadableDrafts), as
	// plan.CollectAttention reads it for every attention list.
	EditorOf []string
	// ReadStrategy is auth.CanReadStrategy for the viewer: the changes of the strategies
	// they follow pass it; without it none is listed.
	ReadStrategy plan.ReadRule
	// LastVisit is the viewer's previous visit to the desk; zero on the first.
	LastVisit time.Time
	Filter    Filter
}

// ReadsChanges reports whether v's desk is what changed since their last visit: who
// neither edits for a municipality nor reviews (a reader). Only theirs needs the visits.
func (v Viewer) ReadsChanges() bool { return v.Municipality == "" && !v.Queues }

// Filter narrows a coordinator's queues.
type Filter struct {
	Area   string // a service area: only its cells
	County string // a county's EHAK code: only its municipalities' cells and needs
}

// Provider lists a module's items for v at now, only those v may read.
type Provider func(ctx context.Context, v Viewer, now time.Time) (Found, error)

// Found is what a provider found. A provider with thousands of items of a kind (a
// coordinator's cells) may keep only the PerKind most urgent, in Order's order, and say
// in Omitted how many it left out, so the desk counts them without building them.
type Found struct {
	Items   []Item
	Omitted map[Kind]int
}

// PerKind bounds the items of one kind on a desk; Counts says how many there are in all,
// and the desk links to the module's full list.
const PerKind = 50

// List is a desk: its items in urgency order, at most PerKind of each kind, and how many
// of each kind there are.
type List struct {
	Items  []Item       `json:"items"`
	Counts map[Kind]int `json:"counts"`
}

// Total is how many items the desk holds, listed or not.
func (l List) Total() int {
	n := 0
	for _, c := range l.Counts {
		n += c
	}
	return n
}

// Desk gathers the items of its providers.
type Desk struct {
	Providers []Provider
	// Choices lists what a coordinator's Filter may name: service areas and counties.
	Choices func(ctx context.Context) (areas []string, counties []municipality.County, err error)
	// Waiting is the count the navigation shows beside the desk on every page, so it
	// reads only kept copies: an editor's returns, a coordinator's review queues.
	Waiting func(ctx context.Context, v Viewer) (int, error)
}

// Check refuses a filter naming an area or a county not among the choices, naming the field.
func (f Filter) Check(areas []string, counties []municipality.County) error {
	var p kovit.Problems
	if f.Area != "" && !slices.Contains(areas, f.Area) {
		p.Add("area", "desk.error.area")
	}
	if f.County != "" && !slices.ContainsFunc(counties, func(c municipality.County) bool { return c.EHAK == f.County }) {
		p.Add("county", "desk.error.county")
	}
	return p.Err()
}

// For is v's desk at now: every provider's items, most urgent kind first and within a
// kind the oldest (or the nearest deadline) first.
func (d *Desk) For(ctx context.Context, v Viewer, now time.Time) (List, error) {
	var all []Item
	omitted := map[Kind]int{}
	for _, p := range d.Providers {
		found, err := p(ctx, v, now)
		if err != nil {
			return List{}, err
		}
		all = append(all, found.Items...)
		for k, n := range found.Omitted {
			omitted[k] += n
		}
	}
	l := Order(all)
	for k, n := range omitted {
		l.Counts[k] += n
	}
	return l, nil
}

// Order sorts items by urgency and keeps PerKind of each kind: the oldest first, but a
// reader's changes by module and newest first. Each kind is sorted on its own, as a
// coordinator's queue of cells may hold thousands.
func Order(items []Item) List {
	byKind := map[Kind][]Item{}
	var kinds []Kind
	for _, i := range items {
		if _, ok := byKind[i.Kind]; !ok {
			kinds = append(kinds, i.Kind)
		}
		byKind[i.Kind] = append(byKind[i.Kind], i)
	}
	slices.SortFunc(kinds, func(a, b Kind) int { return cmp.Or(cmp.Compare(Rank(a), Rank(b)), cmp.Compare(a, b)) })
	l := List{Items: []Item{}, Counts: map[Kind]int{}}
	for _, k := range kinds {
		of := byKind[k]
		slices.SortFunc(of, func(a, b Item) int {
			date, module := a.Date.Compare(b.Date), 0
			if k == Changed {
				date, module = -date, cmp.Compare(a.Detail, b.Detail)
			}
			return cmp.Or(module, date, cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK), cmp.Compare(a.Link, b.Link),
				cmp.Compare(a.TitleEt, b.TitleEt))
		})
		l.Counts[k] = len(of)
		l.Items = append(l.Items, of[:min(len(of), PerKind)]...)
	}
	return l
}

// Visits keeps when each user last opened their desk.
type Visits interface {
	// LastVisit is the visit before the user's current one, zero before any.
	LastVisit(ctx context.Context, userID int64) (time.Time, error)
	// Visit records a visit at and returns LastVisit as the visit leaves it: a visit
	// within Revisit of the one before keeps the earlier previous visit.
	Visit(ctx context.Context, userID int64, at time.Time) (time.Time, error)
}

// Revisit is how soon a visit counts as the same as the one before, so that reloading the
// desk or coming back from an item does not empty a reader's list of changes.
const Revisit = 30 * time.Minute
