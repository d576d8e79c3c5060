package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/tabular"
)

// consolidatedListPage lists consolidated needs, with the coordinators' form that groups
// submitted needs into a new one.
type consolidatedListPage struct {
	needPage
	Items      []need.Consolidated
	Candidates []need.Need // submitted or under review, not yet in any consolidated need
	New        need.Consolidated
	Chosen     map[int64]bool
	Form       form
}

func (ui *UI) consolidatedList(w http.ResponseWriter, r *http.Request) error {
	return ui.renderConsolidatedList(w, r, http.StatusOK, need.Consolidated{Category: need.CatRecords}, nil, nil)
}

func (ui *UI) renderConsolidatedList(w http.ResponseWriter, r *http.Request, status int, in need.Consolidated, chosen map[int64]bool, problems kovit.Problems) error {
	ctx := r.Context()
	np, err := ui.needPage(r, "needui.consolidated.title")
	if err != nil {
		return err
	}
	np.Nav = "consolidated"
	items, err := ui.Needs.ListConsolidated(ctx, need.ConsolidatedFilter{PublishedOnly: auth.ListScope(np.User).PublishedOnly()})
	if err != nil {
		return err
	}
	p := consolidatedListPage{needPage: np, Items: items, New: in, Chosen: chosen, Form: form{Problems: problems}}
	if np.Coordinator() {
		p.Candidates, _, err = ui.Needs.ListNeeds(ctx, need.Filter{States: []need.State{need.Submitted, need.UnderReview}, Limit: need.MaxLimit})
		if err != nil {
			return err
		}
	}
	ui.render(w, r, status, "need/consolidated_list", p)
	return nil
}

// readConsolidated reads the coordinators' fields of a consolidated need over c.
func readConsolidated(r *http.Request, c need.Consolidated, p *kovit.Problems) need.Consolidated {
	c.Title = r.PostFormValue("title")
	c.Description = r.PostFormValue("description")
	c.Category = need.Category(r.PostFormValue("category"))
	c.BuildOnce = r.PostFormValue("build_once") != ""
	c.Published = r.PostFormValue("published") != ""
	c.StrategyFit = formInt(r, "strategy_fit", p)
	if v := r.PostFormValue("version"); v != "" {
		c.Version = formInt(r, "version", p)
	}
	c.Normalize()
	return c
}

// consolidatedCreate groups the ticked needs into a new consolidated need.
func (ui *UI) consolidatedCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	c := readConsolidated(r, need.Consolidated{}, &problems)
	chosen := map[int64]bool{}
	var ids []int64
	for _, v := range r.PostForm["need_id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("need_id", "need.error.unknown_need")
			continue
		}
		ids, chosen[id] = append(ids, id), true
	}
	var created need.Consolidated
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Needs.CreateConsolidated(ctx, c, ids); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/consolidated/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderConsolidatedList(w, r, status, c, chosen, problems)
}

// consolidatedExport sends the consolidated needs the user may see as CSV or XLSX.
func (ui *UI) consolidatedExport(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	items, err := ui.Needs.ListConsolidated(r.Context(), need.ConsolidatedFilter{PublishedOnly: auth.ListScope(u).PublishedOnly()})
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "koondvajadused", need.ConsolidatedSheet(items, lang(r)))
}

// measureExport sends the support measures the user may see as CSV or XLSX.
func (ui *UI) measureExport(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	items, err := ui.Needs.ListMeasures(r.Context(), need.MeasureFilter{PublishedOnly: auth.ListScope(u).PublishedOnly()})
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "meetmed", need.MeasureSheet(items, lang(r)))
}
