package desk

import (
	"context"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/follow"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// A reader's changes narrowed to what they follow (follow.Set.Covers): municipalities,
// services and strategies. A followed strategy also brings its own changes (the strategy
// and its nodes) to the desk, read by the strategy read rule the surfaces hand in
// (Viewer.ReadStrategy); without it no plan change is listed.

// follows is the set of what v follows; empty when the desk keeps no follows.
func (m Modules) follows(ctx context.Context, v Viewer) (follow.Set, error) {
	if m.Follows == nil {
		return follow.NewSet(nil), nil
	}
	fs, err := m.Follows.Follows(ctx, v.UserID)
	return follow.NewSet(fs), err
}

// serviceOf is the service a change of a service or a cell is about, "" for any other.
func serviceOf(e audit.Event) string {
	switch e.Entity {
	case audit.KindService:
		return e.EntityID
	case audit.KindServiceCell:
		_, code, _ := strings.Cut(e.EntityID, "/")
		return code
	}
	return ""
}

// planChange is the item of a change to a followed strategy or one of its nodes, and
// false for any other change, a deleted record or one v may not read.
func (m Modules) planChange(ctx context.Context, v Viewer, e audit.Event, fs follow.Set) (Item, bool, error) {
	if v.ReadStrategy == nil || m.Plans == nil || (e.Entity != audit.KindStrategy && e.Entity != audit.KindPlanNode) {
		return Item{}, false, nil
	}
	id, err := strconv.ParseInt(e.EntityID, 10, 64)
	if err != nil {
		return Item{}, false, nil
	}
	i := Item{Kind: Changed, Detail: "plan", Date: e.At}
	strategyID := id
	if e.Entity == audit.KindPlanNode {
		n, err := m.Plans.Node(ctx, id)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			return Item{}, false, nil // deleted since
		} else if err != nil {
			return Item{}, false, err
		}
		strategyID = n.StrategyID
		i.TitleEt = strings.TrimSpace(n.Code + " " + n.TitleEt)
		if n.TitleEn != "" {
			i.TitleEn = strings.TrimSpace(n.Code + " " + n.TitleEn)
		}
		i.Link = "/plan/" + itoa(strategyID)
		if n.Kind == plan.Activity {
			i.Link = "/plan/activities/" + e.EntityID
		}
	}
	if !fs.Has(follow.Strategy, itoa(strategyID)) {
		return Item{}, false, nil
	}
	s, err := m.Plans.Strategy(ctx, strategyID)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		return Item{}, false, nil
	} else if err != nil {
		return Item{}, false, err
	}
	switch err := plan.CheckRead(ctx, m.Plans, s, v.ReadStrategy); kovit.ErrorCode(err) {
	case "":
	case kovit.ENotFound:
		return Item{}, false, nil // a strategy the viewer may not read
	default:
		return Item{}, false, err
	}
	if e.Entity == audit.KindStrategy {
		i.TitleEt, i.TitleEn, i.Link = s.TitleEt, s.TitleEn, "/plan/"+e.EntityID
	}
	return i, true, nil
}
