package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// loadCandidates lists the needs that may be added to the consolidated need, filtered
// by the page's q (search) and all (every category) parameters.
func (ui *UI) loadCandidates(r *http.Request, p *consolidatedPage) error {
	q := r.URL.Query()
	p.CandidateQuery, p.AllCategories = strings.TrimSpace(q.Get("q")), q.Get("all") == "1"
	f := need.Filter{States: []need.State{need.Submitted, need.UnderReview}, Query: p.CandidateQuery, Limit: need.MaxLimit}
	if !p.AllCategories {
		f.Category = p.C.Category
	}
	if kovit.TooLong(f.Query, 200) {
		f.Query = ""
	}
	found, _, err := ui.Needs.ListNeeds(r.Context(), f)
	if err != nil {
		return err
	}
	for _, n := range found {
		if n.ConsolidatedID == nil {
			p.Candidates = append(p.Candidates, n)
		}
	}
	return nil
}

// CandidatesLink is the page with the candidates of every category, or of its own.
func (p consolidatedPage) CandidatesLink(all bool) string {
	return p.Path() + p.candidateQuery(all) + "#link-h"
}

// LinkAction is where the add-needs form posts, keeping the candidates' filters so a
// form with problems lists the same needs again.
func (p consolidatedPage) LinkAction() string {
	return p.Path() + "/needs" + p.candidateQuery(p.AllCategories)
}

func (p consolidatedPage) candidateQuery(all bool) string {
	v := url.Values{}
	if p.CandidateQuery != "" {
		v.Set("q", p.CandidateQuery)
	}
	if all {
		v.Set("all", "1")
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// consolidatedLink accepts the ticked needs into the consolidated need.
func (ui *UI) consolidatedLink(w http.ResponseWriter, r *http.Request) error {
	return ui.consolidatedAction(w, r, auth.CanEditNational,
		func(p *consolidatedPage, problems *kovit.Problems) error {
			p.Chosen = map[int64]bool{}
			var ids []int64
			for _, v := range r.PostForm["need_id"] {
				id, err := strconv.ParseInt(v, 10, 64)
				if err != nil || id < 1 {
					problems.Add("need_id", "need.error.unknown_need")
					return nil
				}
				ids, p.Chosen[id] = append(ids, id), true
			}
			if len(ids) == 0 {
				problems.Add("need_id", "needui.consolidated.choose_none")
				return nil
			}
			_, err := ui.Needs.LinkNeeds(r.Context(), p.C.ID, ids)
			return renameField(err, "need_ids", "need_id")
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			p.LinkForm = form{Problems: problems, Message: conflict}
		})
}

// renameField reports the store's problems of field from as problems of the form's to.
func renameField(err error, from, to string) error {
	if kovit.ErrorCode(err) != kovit.EInvalid {
		return err
	}
	var p kovit.Problems
	for _, f := range kovit.FieldsOf(err) {
		if f.Field == from {
			f.Field = to
		}
		p.Add(f.Field, f.Key)
	}
	return p.Err()
}
