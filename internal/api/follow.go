package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/follow"
)

// listFollows answers what the signed-in user follows, as the notification settings page
// lists it.
func (a *API) listFollows(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanFollow(u); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if pg.Limit == 0 {
		pg.Limit = follow.MaxFollows
	}
	fs, err := a.follows.Follows(r.Context(), u.ID)
	if err != nil {
		return err
	}
	items := fs[min(pg.Offset, len(fs)):min(pg.Offset+pg.Limit, len(fs))]
	return a.writeJSON(w, r, http.StatusOK, page[follow.Subject]{orEmpty(items), len(fs), pg.Limit, pg.Offset})
}

// followSubject is the path's thing, checked as the page checks it: a strategy the user
// may not read answers as a missing one.
func (a *API) followSubject(r *http.Request) (follow.Subject, error) {
	s := follow.Subject{Kind: follow.Kind(r.PathValue("kind")), ID: r.PathValue("id")}
	return follow.Readable(r.Context(), a.plans, s, auth.StrategyReader(auth.UserFrom(r.Context())))
}

// addFollow follows the path's thing; following it again changes nothing.
func (a *API) addFollow(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanFollow(u); err != nil {
		return err
	}
	s, err := a.followSubject(r)
	if err != nil {
		return err
	}
	if err := a.follows.Follow(r.Context(), u.ID, s); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s)
}

// removeFollow unfollows the path's thing; unfollowing what is not followed changes nothing.
func (a *API) removeFollow(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanFollow(u); err != nil {
		return err
	}
	s := follow.Subject{Kind: follow.Kind(r.PathValue("kind")), ID: r.PathValue("id")}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := a.follows.Unfollow(r.Context(), u.ID, s); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
