package web

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/follow"
	"kovit/internal/plan"
)

// Following (issue 12): a signed-in user follows municipalities, services and strategies
// from their pages; a reader's desk then lists the changes in those only. The list with
// its Unfollow buttons is on the notification settings page.

// followState reads the user's follows once per page, and only for a page that shows a
// Follow button.
type followState struct {
	load func() (follow.Set, error)
	set  follow.Set
	done bool
}

func (ui *UI) followStateOf(ctx context.Context, u *auth.User) *followState {
	if ui.Follows == nil || auth.CanFollow(u) != nil {
		return nil
	}
	return &followState{load: func() (follow.Set, error) {
		fs, err := ui.Follows.Follows(ctx, u.ID)
		return follow.NewSet(fs), err
	}}
}

// followButton is what the "follow" template draws: Follow or Unfollow for one thing.
type followButton struct {
	P         Page
	Kind      follow.Kind
	ID        string
	Following bool
}

// FollowButton is the Follow or Unfollow button of the thing of kind with id, for a
// signed-in user; a nil P.User draws nothing.
func (p Page) FollowButton(kind, id string) (followButton, error) {
	b := followButton{P: p, Kind: follow.Kind(kind), ID: id}
	if p.follows == nil {
		b.P.User = nil
		return b, nil
	}
	if !p.follows.done {
		set, err := p.follows.load()
		if err != nil {
			return b, err
		}
		p.follows.set, p.follows.done = set, true
	}
	b.Following = p.follows.set.Has(b.Kind, id)
	return b, nil
}

// followSubject reads the form's thing and checks that the user may read it: a strategy
// they may not read answers as a missing one.
func (ui *UI) followSubject(r *http.Request) (follow.Subject, error) {
	s := follow.Subject{Kind: follow.Kind(r.PostFormValue("kind")), ID: r.PostFormValue("id")}
	return follow.Readable(r.Context(), ui.Plans, s, auth.StrategyReader(auth.UserFrom(r.Context())))
}

func (ui *UI) followAdd(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanFollow(u); err != nil {
		return err
	}
	s, err := ui.followSubject(r)
	if err != nil {
		return err
	}
	if err := ui.Follows.Follow(r.Context(), u.ID, s); err != nil {
		return err
	}
	return ui.redirect(w, r, localPath(r.PostFormValue("back"), "/account/notifications"), "follow.flash.followed")
}

// followRemove unfollows; it needs no read check, as it only ever removes the user's own.
func (ui *UI) followRemove(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanFollow(u); err != nil {
		return err
	}
	s := follow.Subject{Kind: follow.Kind(r.PostFormValue("kind")), ID: r.PostFormValue("id")}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := ui.Follows.Unfollow(r.Context(), u.ID, s); err != nil {
		return err
	}
	return ui.redirect(w, r, localPath(r.PostFormValue("back"), "/account/notifications"), "follow.flash.unfollowed")
}

// followRow is one followed thing on the settings page, named and linked.
type followRow struct {
	follow.Subject
	Name, Link string
}

// followRows names the user's follows; a strategy they may no longer read, or one gone,
// is listed by its id only, so it can still be unfollowed.
func (ui *UI) followRows(ctx context.Context, u *auth.User) ([]followRow, error) {
	fs, err := ui.Follows.Follows(ctx, u.ID)
	if err != nil || len(fs) == 0 {
		return nil, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.EHAK] = m.Name
	}
	out := make([]followRow, 0, len(fs))
	for _, f := range fs {
		row := followRow{Subject: f, Name: f.ID}
		switch f.Kind {
		case follow.Municipality:
			row.Name, row.Link = names[f.ID], "/municipalities/"+f.ID
		case follow.Service:
			if s, err := ui.Services.Service(ctx, f.ID); err == nil {
				row.Name, row.Link = f.ID+" "+s.NameEt, "/eservices/services/"+f.ID
			}
		case follow.Strategy:
			id, _ := strconv.ParseInt(f.ID, 10, 64)
			if st, err := ui.Plans.Strategy(ctx, id); err == nil &&
				plan.CheckRead(ctx, ui.Plans, st, auth.StrategyReader(u)) == nil {
				row.Name, row.Link = st.TitleEt, "/plan/"+f.ID
			}
		}
		out = append(out, row)
	}
	return out, nil
}
