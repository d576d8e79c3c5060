package desk

import (
	"context"
	"errors"
	"slices"
	"time"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/follow"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// Modules is what the built-in providers read, each through its module's Store.
type Modules struct {
	Municipalities municipality.Store
	Services       eservice.Store
	Needs          need.Store
	Plans          plan.Store
	Audit          audit.Store
	// Follows narrows a reader's changes to what they follow; nil lists every change.
	Follows follow.Store
	// Duplicates is the queue of suggested duplicate needs the coordinator's count
	// includes (the Duplicates provider lists them); nil counts none.
	Duplicates need.DuplicateQueue
}

// New is the desk of the modules in place: e-service cells, needs and rounds, the action
// plan's attention items, and a reader's changes.
func New(m Modules) *Desk {
	return &Desk{Providers: []Provider{m.cells, m.needs, m.rounds, m.attention, m.changes}, Choices: m.choices, Waiting: m.waiting}
}

// waiting counts what an editor has been handed back (returned cells and needs) or what
// waits for a coordinator's review (self-reported cells, submitted needs, suggested
// duplicates), as the desk counts them, from the kept matrix (tallied once per copy),
// the kept needs and one query for the services.
func (m Modules) waiting(ctx context.Context, v Viewer) (int, error) {
	if v.Municipality == "" && !v.Queues {
		return 0, nil
	}
	services, err := m.Services.ListServices(ctx, false)
	if err != nil {
		return 0, err
	}
	n := 0
	if v.Municipality != "" {
		returned, err := m.returnedCells(ctx, v.Municipality, services)
		if err != nil {
			return 0, err
		}
		n += returned
	}
	f := need.Filter{States: []need.State{need.Submitted, need.UnderReview}, Limit: 1}
	if v.Queues {
		selfReported, err := m.selfReported(ctx, services)
		if err != nil {
			return 0, err
		}
		n += selfReported
		if m.Duplicates != nil && v.MayReadNeed != nil {
			pairs, err := need.CountQueued(ctx, m.Duplicates, v.MayReadNeed)
			if err != nil && !errors.Is(err, need.ErrPairsPending) { // counted when found
				return 0, err
			}
			n += pairs
		}
	}
	if v.Municipality != "" {
		f = need.Filter{MunicipalityEHAK: v.Municipality, States: []need.State{need.Returned}, Limit: 1}
	}
	_, k, err := m.Needs.ListNeeds(ctx, f)
	return n + k, err
}

// choices are the coordinator's filter choices: the service areas, sorted, and the counties.
func (m Modules) choices(ctx context.Context) ([]string, []municipality.County, error) {
	services, err := m.Services.ListServices(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	var areas []string
	for _, s := range services {
		if !slices.Contains(areas, s.Area) {
			areas = append(areas, s.Area)
		}
	}
	slices.Sort(areas)
	counties, err := m.Municipalities.ListCounties(ctx)
	return areas, counties, err
}

// Unconfirmed is how long a cell may go without being saved before its municipality is
// asked to confirm it.
const Unconfirmed = 12 // months

// countyOf maps municipalities to counties, for the coordinator's county filter; nil
// when the filter is off.
func (m Modules) countyOf(ctx context.Context, f Filter) (map[string]string, error) {
	if f.County == "" {
		return nil, nil
	}
	// The county's municipalities only, every page of them: a large country's county
	// has some 700, past the list's page of 500.
	out := map[string]string{}
	lf := municipality.Filter{CountyEHAK: f.County, Limit: municipality.MaxLimit}
	for {
		ms, total, err := m.Municipalities.ListMunicipalities(ctx, lf)
		if err != nil {
			return nil, err
		}
		for _, x := range ms {
			out[x.EHAK] = x.CountyEHAK
		}
		lf.Offset += len(ms)
		if len(ms) == 0 || lf.Offset >= total {
			return out, nil
		}
	}
}

// inCounty reports whether the filter keeps municipality ehak.
func inCounty(counties map[string]string, f Filter, ehak string) bool {
	return counties == nil || counties[ehak] == f.County
}

// cells: an editor's returned, never filled and long unconfirmed cells; a coordinator's
// self-reported cells awaiting verification, oldest first. Neither reads the whole
// matrix: the editor's row and the queue's first PerKind are read by index, and the rest
// of the queue only counted (a large country's holds millions).
func (m Modules) cells(ctx context.Context, v Viewer, now time.Time) (Found, error) {
	if v.Municipality == "" && !v.Queues {
		return Found{}, nil
	}
	services, err := m.Services.ListServices(ctx, false)
	if err != nil {
		return Found{}, err
	}
	item := func(k Kind, s eservice.Service, c eservice.Cell) Item {
		return Item{Kind: k, MunicipalityEHAK: c.MunicipalityEHAK, TitleEt: s.NameEt, TitleEn: s.NameEn,
			Link: "/eservices/" + c.MunicipalityEHAK + "/" + s.Code, Date: c.UpdatedAt}
	}
	var out []Item
	if v.Municipality != "" {
		cells, err := m.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: v.Municipality})
		if err != nil {
			return Found{}, err
		}
		row := make(map[string]eservice.Cell, len(cells))
		for _, c := range cells {
			row[c.ServiceCode] = c
		}
		stale := now.AddDate(0, -Unconfirmed, 0)
		for _, s := range services {
			c, ok := row[s.Code]
			switch {
			case !ok || c.Version == 0:
				out = append(out, item(CellUnfilled, s, eservice.UnknownCell(v.Municipality, s.Code)))
			case c.Verification == eservice.Returned:
				i := item(CellReturned, s, c)
				i.Detail = c.ReturnReason
				out = append(out, i)
			case c.UpdatedAt.Before(stale):
				out = append(out, item(CellUnconfirmed, s, c))
			}
		}
	}
	if v.Queues {
		queue, total, err := m.Services.VerificationQueue(ctx, eservice.QueueFilter{Area: v.Filter.Area, County: v.Filter.County, Limit: PerKind})
		if err != nil {
			return Found{}, err
		}
		byCode := make(map[string]eservice.Service, len(services))
		for _, s := range services {
			byCode[s.Code] = s
		}
		for _, c := range queue {
			out = append(out, item(CellToVerify, byCode[c.ServiceCode], c))
		}
		if total > len(queue) {
			return Found{Items: out, Omitted: map[Kind]int{CellToVerify: total - len(queue)}}, nil
		}
	}
	return Found{Items: out}, nil
}

// allNeeds is every need f selects, page by page.
func (m Modules) allNeeds(ctx context.Context, f need.Filter) ([]need.Need, error) {
	f.Sort, f.Limit = need.SortUpdated, need.MaxLimit
	var out []need.Need
	for {
		page, total, err := m.Needs.ListNeeds(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
		f.Offset += len(page)
	}
}

// needs: an editor's needs returned for changes; a coordinator's submitted needs awaiting
// review. Only what v may read (auth.CanReadNeed).
func (m Modules) needs(ctx context.Context, v Viewer, now time.Time) (Found, error) {
	var out []Item
	add := func(k Kind, f need.Filter, keep func(need.Need) bool) error {
		ns, err := m.allNeeds(ctx, f)
		if err != nil {
			return err
		}
		for _, n := range need.Readable(ns, v.MayReadNeed) {
			if keep(n) {
				out = append(out, Item{Kind: k, MunicipalityEHAK: n.MunicipalityEHAK, TitleEt: n.Title,
					Detail: n.StateReason, Link: "/needs/" + itoa(n.ID), Date: n.UpdatedAt})
			}
		}
		return nil
	}
	if v.MayReadNeed == nil {
		return Found{}, nil
	}
	if v.Municipality != "" {
		f := need.Filter{MunicipalityEHAK: v.Municipality, States: []need.State{need.Returned}}
		if err := add(NeedReturned, f, func(need.Need) bool { return true }); err != nil {
			return Found{}, err
		}
	}
	if v.Queues {
		counties, err := m.countyOf(ctx, v.Filter)
		if err != nil {
			return Found{}, err
		}
		f := need.Filter{States: []need.State{need.Submitted, need.UnderReview}}
		if err := add(NeedToReview, f, func(n need.Need) bool { return inCounty(counties, v.Filter, n.MunicipalityEHAK) }); err != nil {
			return Found{}, err
		}
	}
	return Found{Items: out}, nil
}

// rounds: for an editor each open round with its deadline and their drafts in it; for a
// coordinator each open round with the municipalities that have not submitted.
func (m Modules) rounds(ctx context.Context, v Viewer, now time.Time) (Found, error) {
	if v.Municipality == "" && !v.Queues {
		return Found{}, nil
	}
	rounds, err := m.Needs.ListRounds(ctx)
	if err != nil {
		return Found{}, err
	}
	var out []Item
	for _, r := range rounds {
		if !r.Open {
			continue
		}
		deadline, _ := time.Parse(time.DateOnly, r.Deadline)
		item := Item{TitleEt: r.Title, Link: "/rounds/" + itoa(r.ID), Date: deadline}
		if v.Municipality != "" {
			_, drafts, err := m.Needs.ListNeeds(ctx, need.Filter{MunicipalityEHAK: v.Municipality, RoundID: r.ID,
				States: []need.State{need.Draft}, Limit: 1})
			if err != nil {
				return Found{}, err
			}
			i := item
			i.Kind, i.MunicipalityEHAK, i.Count = RoundOpen, v.Municipality, drafts
			out = append(out, i)
		}
		if v.Queues {
			missing, err := m.roundMissing(ctx, r.ID)
			if err != nil {
				return Found{}, err
			}
			i := item
			i.Kind, i.Count = RoundMissing, missing
			out = append(out, i)
		}
	}
	return Found{Items: out}, nil
}

// attention: plan.CollectAttention's items, the one rule of what is overdue or stale:
// for an editor their municipality's and the activities they are a contact of, for a
// coordinator every activity gone stale, and for both the overdue tasks given to them.
func (m Modules) attention(ctx context.Context, v Viewer, now time.Time) (Found, error) {
	var fs []plan.AttentionFilter
	if v.Municipality != "" {
		fs = append(fs, plan.AttentionFilter{Municipality: v.Municipality, ContactID: v.UserID, AssigneeID: v.UserID, EditorOf: v.EditorOf})
	}
	if v.Queues {
		fs = append(fs, plan.AttentionFilter{EditorOf: v.EditorOf}, plan.AttentionFilter{AssigneeID: v.UserID, EditorOf: v.EditorOf})
	}
	lists, err := m.attentionEach(ctx, fs, now)
	if err != nil {
		return Found{}, err
	}
	var out []Item
	seen := map[Item]bool{}
	for k, f := range fs {
		for _, a := range lists[k] {
			if f.Municipality == "" && f.AssigneeID == 0 && a.Kind != plan.StaleActivity {
				continue // a coordinator's queue holds what went silent, not every late part
			}
			i := Item{Kind: Kind(a.Kind), MunicipalityEHAK: a.MunicipalityEHAK, TitleEt: a.ActivityTitleEt,
				TitleEn: a.ActivityTitleEn, Detail: a.ActivityCode, Link: "/plan/activities/" + itoa(a.ActivityID), Date: a.Since}
			if a.TaskID != 0 {
				i.TitleEt, i.TitleEn = a.TaskTitleEt, a.TaskTitleEn
			}
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	return Found{Items: out}, nil
}
