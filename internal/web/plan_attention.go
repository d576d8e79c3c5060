package web

import (
	"net/http"
	"strconv"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// attentionPage lists what needs attention, grouped by kind: across every strategy not
// archived (/plan/attention, with a strategy filter), or a municipality's own
// (/municipalities/{ehak}/attention).
type attentionPage struct {
	planPage
	Groups     []attentionGroup
	Total      int
	Strategies []plan.Strategy   // the filter's choices; none on a municipality's page
	Strategy   int64             // filter: only this strategy
	EHAK, Name string            // the municipality, on its page
	Names      map[string]string // municipality names by EHAK
}

// MunicipalityName names a municipality of an overdue participation.
func (p attentionPage) MunicipalityName(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

type attentionGroup struct {
	Kind  plan.AttentionKind
	Items []plan.AttentionItem
}

// attentionKinds is the order of the groups: late work first, then silence.
var attentionKinds = []plan.AttentionKind{plan.OverdueParticipant, plan.OverdueTask, plan.StaleActivity}

func groupAttention(items []plan.AttentionItem) []attentionGroup {
	var out []attentionGroup
	for _, k := range attentionKinds {
		g := attentionGroup{Kind: k}
		for _, i := range items {
			if i.Kind == k {
				g.Items = append(g.Items, i)
			}
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// now is the request's moment in Estonian time, as due dates are Estonian calendar days.
func (ui *UI) now() time.Time { return ui.Now().In(kovit.Estonia) }

func (ui *UI) planAttention(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	_, editorOf := auth.ReadableDrafts(auth.UserFrom(ctx))
	f := plan.AttentionFilter{EditorOf: editorOf}
	if s := r.URL.Query().Get("strategy"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 1 {
			var p kovit.Problems
			p.Add("strategy", "error.number")
			return p.Err()
		}
		f.StrategyID = id
	}
	items, err := ui.Plans.Attention(ctx, f, ui.now())
	if err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(ms))
	for _, m := range ms {
		names[m.EHAK] = m.Name
	}
	strategies, _, err := ui.Plans.ListStrategies(ctx, plan.StrategyFilter{Statuses: []plan.StrategyStatus{plan.Draft, plan.Adopted},
		EditorOf: editorOf, Limit: 500})
	if err != nil {
		return err
	}
	p := attentionPage{planPage: planPage{ui.page(r, "plantransfer.attention.title")}, Groups: groupAttention(items),
		Total: len(items), Strategies: strategies, Strategy: f.StrategyID, Names: names}
	p.Nav = "plan"
	ui.render(w, r, http.StatusOK, "plan/attention", p)
	return nil
}

func (ui *UI) municipalityAttention(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	m, err := ui.Municipalities.Municipality(ctx, r.PathValue("ehak"))
	if err != nil {
		return err
	}
	_, editorOf := auth.ReadableDrafts(auth.UserFrom(ctx))
	items, err := ui.Plans.Attention(ctx, plan.AttentionFilter{Municipality: m.EHAK, EditorOf: editorOf}, ui.now())
	if err != nil {
		return err
	}
	p := attentionPage{planPage: planPage{ui.page(r, "")}, Groups: groupAttention(items), Total: len(items), EHAK: m.EHAK, Name: m.Name,
		Names: map[string]string{m.EHAK: m.Name}}
	p.Title, p.Nav = p.L.T("plantransfer.attention.municipality_title", "Name", m.Name), "municipalities"
	ui.render(w, r, http.StatusOK, "plan/attention", p)
	return nil
}
