package web

import (
	"context"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// activityLinks is what the activity page's read view shows of the people and activities
// an activity is linked to. Everyone who may read the activity sees its contact persons'
// names, as they answer for public work; only signed-in users see their e-mail
// addresses, which the public has no need to harvest. Linked activities show only when
// the user may read their strategy: the public sees none of a draft.
type activityLinks struct {
	Contacts []contactRow
	Related  []activityLink
	// ContributesTo is the national activity a municipality's activity serves; nil if
	// none, or one the user may not read.
	ContributesTo *activityLink
	// Contributions are the municipalities' activities that serve this one.
	Contributions []activityLink
}

type contactRow struct {
	ID    int64 // for a task's assignee choice
	Name  string
	Email string // "" for the public
}

// activityLink is another activity: its label (code and title) in the page's language,
// its strategy's title when not the page's own and, for a municipality's plan, the
// municipality.
type activityLink struct {
	ID       int64
	Label    string
	Strategy string
	Owner    string
}

// loadActivityLinks fills p.Links for p.N.
func (ui *UI) loadActivityLinks(ctx context.Context, p *planActivityPage) error {
	lang := p.L.Lang
	for _, id := range p.N.ContactIDs {
		u, err := ui.Users.User(ctx, id)
		if kovit.ErrorCode(err) == kovit.ENotFound || (err == nil && !u.Active) {
			continue // a removed or deactivated account answers for nothing any more
		}
		if err != nil {
			return err
		}
		row := contactRow{ID: u.ID, Name: u.Name}
		if p.Internal {
			row.Email = u.Email
		}
		p.Links.Contacts = append(p.Links.Contacts, row)
	}
	strategies := map[int64]*plan.Strategy{p.S.ID: &p.S} // nil: not readable
	link := func(id int64) (*activityLink, error) {
		n, err := ui.Plans.Node(ctx, id)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		s, seen := strategies[n.StrategyID]
		if !seen {
			st, err := ui.readableStrategy(ctx, n.StrategyID)
			if err == nil {
				s = &st
			} else if kovit.ErrorCode(err) != kovit.ENotFound {
				return nil, err
			}
			strategies[n.StrategyID] = s
		}
		if s == nil {
			return nil, nil
		}
		title, _ := n.Title(lang)
		l := &activityLink{ID: n.ID, Label: strings.TrimSpace(n.Code + " " + title)}
		if s.ID != p.S.ID {
			l.Strategy, _ = s.Title(lang) // named only when it is another strategy
		}
		return l, nil
	}
	for _, id := range p.N.RelatedIDs {
		l, err := link(id)
		if err != nil {
			return err
		}
		if l != nil {
			p.Links.Related = append(p.Links.Related, *l)
		}
	}
	if p.N.ContributesTo != nil {
		l, err := link(*p.N.ContributesTo)
		if err != nil {
			return err
		}
		p.Links.ContributesTo = l
	}
	cs, err := ui.Plans.Contributions(ctx, p.N.ID)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	for _, c := range cs {
		if auth.CanReadStrategy(u, c.StrategyStatus.Public(), c.OwnerEHAK) != nil {
			continue
		}
		title, _ := plan.Node{TitleEt: c.TitleEt, TitleEn: c.TitleEn}.Title(lang)
		strategy, _ := plan.Strategy{TitleEt: c.StrategyTitleEt, TitleEn: c.StrategyTitleEn}.Title(lang)
		owner := plan.Organisation{NameEt: c.OwnerEt, NameEn: c.OwnerEn}.Name(lang)
		p.Links.Contributions = append(p.Links.Contributions, activityLink{ID: c.ActivityID,
			Label: strings.TrimSpace(c.Code + " " + title), Strategy: strategy, Owner: owner})
	}
	return nil
}
