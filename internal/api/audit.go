package api

import (
	"net/http"

	"kovit/internal/audit"
	"kovit/internal/auth"
)

func (a *API) listAuditEvents(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadAudit(auth.UserFrom(ctx)); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	f := audit.Filter{
		Entity:   q.str("entity"),
		EntityID: q.str("entity_id"),
		Action:   q.str("action"),
		ActorID:  int64(q.int("actor_id")),
		Since:    q.time("since", false),
		Until:    q.time("until", true),
		Limit:    pg.Limit,
		Offset:   pg.Offset,
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.audit.ListEvents(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[audit.Event]{orEmpty(items), total, f.Limit, f.Offset})
}
