package api

import (
	"net/http"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
)

// deskAnswer is the desk as the page lists it (internal/desk): its items in urgency
// order, how many of each kind there are in all, and since when a reader's changes run.
type deskAnswer struct {
	page[desk.Item]
	Counts map[desk.Kind]int `json:"counts"`
	Since  time.Time         `json:"since"`
}

// getDesk answers the signed-in user's desk. Unlike the page it records no visit, so a
// municipality's tool polling it does not empty its user's list of changes.
func (a *API) getDesk(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	q := newQuery(r)
	want := q.str("municipality")
	if err := auth.CheckMunicipalityChoice(u, want); err != nil {
		return err
	}
	v := desk.ViewerOf(u, want)
	f := desk.Filter{Area: q.str("area"), County: q.str("county")}
	pg := q.page()
	var check error
	if v.Queues && (f.Area != "" || f.County != "") {
		areas, counties, err := a.desk.Choices(ctx)
		if err != nil {
			return err
		}
		check, v.Filter = f.Check(areas, counties), f
	}
	if err := q.check(check); err != nil {
		return err
	}
	now := time.Now().In(kovit.Estonia)
	var err error
	if v.ReadsChanges() {
		if v.LastVisit, err = a.visits.LastVisit(ctx, u.ID); err != nil {
			return err
		}
	}
	l, err := a.desk.For(ctx, v, now)
	if err != nil {
		return err
	}
	for i, it := range l.Items {
		if it.Kind == desk.CommentOutcome {
			l.Items[i].Detail = advice.FatesText(it.Detail, a.catalog.Printer(i18n.AcceptLang(r)).T)
		}
	}
	since := v.LastVisit
	if since.IsZero() {
		since = now.Add(-desk.FirstVisit)
	}
	return a.writeJSON(w, r, http.StatusOK, deskAnswer{page: pageOf(l.Items, pg), Counts: l.Counts, Since: since})
}
