package web

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// homeScope is what the home page shows of every list: the public's, whoever asks, so
// the page is the same for all and the microcache keeps one copy.
func homeScope() auth.Scope { return auth.ListScope(nil) }

// homeChange is one change the public may see: when, to what (its kind, its title as its
// page shows it now, and that page) and whether it made the record. Who made it and what
// the values were stay on the record's own page.
type homeChange struct {
	At      time.Time
	Kind    string // a message key
	Title   string // in Estonian, or the page's language
	TitleEn string // a plan record's English title, which planPage.Text chooses from
	Path    string
	Created bool
}

// homeChangeCount is how many changes the home page lists; homeChangeScan bounds how
// many recent events it reads to find them, so a run of internal changes cannot make the
// page slow.
const (
	homeChangeCount = 10
	homeChangeBatch = 100
	homeChangeScan  = 5
)

// publicKinds are the audit entities whose records have public pages.
var publicKinds = []string{audit.KindServiceCell, audit.KindService, audit.KindStrategy, audit.KindPlanNode, audit.KindConsolidatedNeed, audit.KindMeasure}

// changeRecord is what the home page reads of an event's record as the change left it.
type changeRecord struct {
	StrategyID  int64  `json:"strategy_id"`
	Status      string `json:"status"`
	Published   *bool  `json:"published"`
	Kind        string `json:"kind"`
	ServiceCode string `json:"service_code"`
}

// changeRecords are the records the home page has read already that changes are titled
// from: every municipality, the active services, and the published consolidated needs
// and measures.
type changeRecords struct {
	lang           string
	municipalities []municipality.Municipality
	services       []eservice.Service
	consolidated   []need.Consolidated
	measures       []need.Measure
}

// publicChanges lists the last changes the public may read (auth.CanReadChange), newest
// first, titled from the records as they are now.
func (ui *UI) publicChanges(ctx context.Context, shown changeRecords) ([]homeChange, error) {
	r, err := ui.newChangeReader(ctx, shown)
	if err != nil {
		return nil, err
	}
	var out []homeChange
	before := int64(0)
	for range homeChangeScan {
		events, err := ui.Audit.RecentEvents(ctx, publicKinds, before, homeChangeBatch)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			c, public, err := r.view(ctx, e)
			if err != nil {
				return nil, err
			}
			fields := []string{}
			for _, ch := range e.Changes() {
				fields = append(fields, ch.Field)
			}
			if e.Action == audit.Update && len(fields) == 0 {
				continue // a save that changed nothing
			}
			ok := auth.CanReadChange(nil, auth.Change{Kind: e.Entity, Deleted: e.Action == audit.Delete, Public: public, Fields: fields}) == nil
			if ok {
				out = append(out, c)
				if len(out) == homeChangeCount {
					return out, nil
				}
			}
		}
		if len(events) < homeChangeBatch {
			break
		}
		before = events[len(events)-1].ID
	}
	return out, nil
}

// changeReader titles events' records from what the public may read now.
type changeReader struct {
	ui           *UI
	lang         string
	names        map[string]string
	services     map[string]eservice.Service
	strategies   map[int64]plan.Strategy // public ones
	trees        map[int64]map[int64]plan.Node
	consolidated map[int64]need.Consolidated
	measures     map[int64]need.Measure
}

func (ui *UI) newChangeReader(ctx context.Context, shown changeRecords) (*changeReader, error) {
	r := &changeReader{ui: ui, lang: shown.lang, names: map[string]string{}, services: map[string]eservice.Service{},
		strategies: map[int64]plan.Strategy{}, trees: map[int64]map[int64]plan.Node{},
		consolidated: map[int64]need.Consolidated{}, measures: map[int64]need.Measure{}}
	for _, m := range shown.municipalities {
		r.names[m.EHAK] = m.Name
	}
	for _, s := range shown.services {
		r.services[s.Code] = s
	}
	drafts, editorOf := auth.ReadableDrafts(nil)
	list, _, err := ui.Plans.ListStrategies(ctx, plan.Readable(drafts, editorOf))
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		r.strategies[s.ID] = s
	}
	for _, c := range shown.consolidated {
		r.consolidated[c.ID] = c
	}
	for _, m := range shown.measures {
		r.measures[m.ID] = m
	}
	return r, nil
}

// view is the event as the home page lists it, and whether its record is public now and
// was as the change left it.
func (r *changeReader) view(ctx context.Context, e audit.Event) (homeChange, bool, error) {
	c := homeChange{At: e.At, Kind: "home.changes.kind." + e.Entity, Created: e.Action == audit.Create}
	var after changeRecord
	if len(e.After) == 0 || json.Unmarshal(e.After, &after) != nil {
		return c, false, nil
	}
	id, _ := strconv.ParseInt(e.EntityID, 10, 64)
	switch e.Entity {
	case audit.KindServiceCell:
		ehak, code, _ := strings.Cut(e.EntityID, "/")
		s, ok := r.services[code]
		name, known := r.names[ehak]
		if !ok || !known {
			return c, false, nil
		}
		c.Title, c.Path = s.Name(r.lang)+" — "+name, "/eservices/"+ehak+"/"+code
		return c, true, nil
	case "service":
		s, ok := r.services[e.EntityID]
		c.Title, c.Path = s.Name(r.lang), "/eservices/services/"+e.EntityID
		return c, ok, nil
	case audit.KindStrategy:
		s, ok := r.strategies[id]
		c.Title, c.TitleEn = s.TitleEt, s.TitleEn
		c.Path = "/plan/" + e.EntityID
		return c, ok && plan.StrategyStatus(after.Status).Public(), nil
	case audit.KindPlanNode:
		if _, ok := r.strategies[after.StrategyID]; !ok {
			return c, false, nil
		}
		n, ok, err := r.node(ctx, after.StrategyID, id)
		if err != nil || !ok {
			return c, false, err
		}
		c.Title, c.TitleEn = n.TitleEt, n.TitleEn
		c.Kind += "." + string(n.Kind)
		c.Path = "/plan/" + strconv.FormatInt(n.StrategyID, 10)
		if n.Kind == plan.Activity {
			c.Path = "/plan/activities/" + e.EntityID
		}
		return c, true, nil
	case audit.KindConsolidatedNeed:
		x, ok := r.consolidated[id]
		c.Title, c.Path = x.Title, "/consolidated/"+e.EntityID
		return c, ok && after.Published != nil && *after.Published, nil
	case audit.KindMeasure:
		x, ok := r.measures[id]
		c.Title, c.Path = x.Name, "/measures/"+e.EntityID
		return c, ok && after.Published != nil && *after.Published, nil
	}
	return c, false, nil
}

// node finds a node of a public strategy in its kept tree, as the public reads it.
func (r *changeReader) node(ctx context.Context, strategyID, id int64) (plan.Node, bool, error) {
	nodes, ok := r.trees[strategyID]
	if !ok {
		t, err := r.ui.Plans.StrategyTree(ctx, strategyID)
		if err != nil {
			return plan.Node{}, false, err
		}
		nodes = make(map[int64]plan.Node, len(t.Nodes))
		for _, n := range t.Public().Nodes {
			nodes[n.ID] = n
		}
		r.trees[strategyID] = nodes
	}
	n, ok := nodes[id]
	return n, ok, nil
}
