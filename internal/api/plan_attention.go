package api

import (
	"net/http"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// listAttention is what the "needs attention" pages list, for signed-in users: everything,
// or with ?municipality= what that municipality must see to (plan.AttentionFilter).
func (a *API) listAttention(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	q := newQuery(r)
	_, editorOf := auth.ReadableDrafts(auth.UserFrom(ctx))
	f := plan.AttentionFilter{Municipality: q.str("municipality"), StrategyID: int64(q.int("strategy")), EditorOf: editorOf}
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if f.Municipality != "" {
		if _, err := a.municipalities.Municipality(ctx, f.Municipality); kovit.ErrorCode(err) == kovit.ENotFound {
			var p kovit.Problems
			p.Add("municipality", "transfer.error.unknown_municipality")
			return p.Err()
		} else if err != nil {
			return err
		}
	}
	items, err := a.plans.Attention(ctx, f, time.Now().In(kovit.Estonia))
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}
