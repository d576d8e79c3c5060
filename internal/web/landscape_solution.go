package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/tabular"
)

// solutionListPage is the catalogue, filtered and paged, with how many run each solution.
type solutionListPage struct {
	landscapePage
	Items     []landscape.Solution
	Total     int
	Pager     Pager
	Query     url.Values
	Filter    landscape.SolutionFilter
	Usage     map[int64]map[landscape.Status]int
	CanCreate bool
}

// Running is how many municipalities run solution id (piloting, in production, retiring).
func (p solutionListPage) Running(id int64) int { return running(p.Usage[id]) }

func running(u map[landscape.Status]int) int {
	n := 0
	for st, k := range u {
		if st.Running() {
			n += k
		}
	}
	return n
}

// ExportQuery keeps the filters for the CSV and XLSX links.
func (p solutionListPage) ExportQuery() string {
	q := cloneQuery(p.Query)
	q.Del("offset")
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// solutionFilter reads the catalogue's filters; the public sees accepted solutions only.
func solutionFilter(u *auth.User, q url.Values) (landscape.SolutionFilter, error) {
	var p kovit.Problems
	pg := readPage(q, 100, &p)
	f := landscape.SolutionFilter{Kind: landscape.Kind(q.Get("kind")), Area: landscape.Area(q.Get("area")),
		Query: strings.TrimSpace(q.Get("q")), Limit: pg.Limit, Offset: pg.Offset}
	if s := q.Get("state"); s != "" {
		f.States = []landscape.State{landscape.State(s)}
	}
	if auth.CanReadSolution(u, false) != nil {
		if len(f.States) > 0 && f.States[0] != landscape.Accepted {
			p.Add("state", "landscape.error.state")
		}
		f.States = []landscape.State{landscape.Accepted}
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) solutionList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := solutionFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := ui.Landscape.ListSolutions(ctx, f)
	if err != nil {
		return err
	}
	lp, err := ui.landscapePage(r, "landscape.solutions.title")
	if err != nil {
		return err
	}
	p := solutionListPage{landscapePage: lp, Items: items, Total: total, Query: r.URL.Query(), Filter: f,
		Pager:     newPager("/solutions", r.URL.Query(), total, f.Limit, f.Offset),
		CanCreate: auth.Allowed(auth.CanProposeSolution(u)) || lp.Coordinator()}
	if p.Usage, err = ui.Landscape.Usage(ctx); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "landscape/solutions", p)
	return nil
}

// solutionExport sends the catalogue the filters select as CSV or XLSX.
func (ui *UI) solutionExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, err := solutionFilter(auth.UserFrom(ctx), r.URL.Query())
	if err != nil {
		return err
	}
	f.Offset, f.Limit = 0, kovit.MaxLimit
	items, _, err := ui.Landscape.ListSolutions(ctx, f)
	if err != nil {
		return err
	}
	usage, err := ui.Landscape.Usage(ctx)
	if err != nil {
		return err
	}
	users := map[int64]int{}
	for id, u := range usage {
		users[id] = running(u)
	}
	return tabular.WriteHTTP(w, r, "lahendused", landscape.SolutionsSheet(items, users, lang(r)))
}

// solutionPage shows one solution: its versions, who runs it (counts for the public, the
// municipalities with their contacts for the signed-in), and the coordinator's forms.
type solutionPage struct {
	landscapePage
	S        landscape.Solution
	Usage    map[landscape.Status]int
	Users    []solutionUser
	Targets  []landscape.Solution // where a proposal may be merged
	Events   []audit.Event
	Edit     solutionForm
	MergedTo string
	Spread   []landscape.YearCount
	Costs    []landscape.BandCost // for signed-in users; figures of few municipalities withheld
}

// solutionUser is one municipality running the solution, for "who else runs this?".
type solutionUser struct {
	Row     landscape.Row
	Name    string
	Contact string
	Email   string
	Stale   bool
}

func (p solutionPage) UsageOf(st landscape.Status) int { return p.Usage[st] }

func (ui *UI) solutionShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.loadSolution(r, id)
	if err != nil {
		return err
	}
	p.Edit = solutionForm{In: p.S}
	ui.render(w, r, http.StatusOK, "landscape/solution", p)
	return nil
}

func (ui *UI) loadSolution(r *http.Request, id int64) (solutionPage, error) {
	ctx := r.Context()
	s, err := ui.readableSolution(ctx, id)
	if err != nil {
		return solutionPage{}, err
	}
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return solutionPage{}, err
	}
	lp.Title = s.Name
	p := solutionPage{landscapePage: lp, S: s}
	usage, err := ui.Landscape.Usage(ctx)
	if err != nil {
		return p, err
	}
	p.Usage = usage[id]
	if s.MergedInto != nil {
		if t, err := ui.Landscape.Solution(ctx, *s.MergedInto); err == nil {
			p.MergedTo = t.Name
		}
	}
	rows, _, err := ui.Landscape.ListRows(ctx, landscape.RowFilter{SolutionID: id, Limit: kovit.MaxLimit})
	if err != nil {
		return p, err
	}
	p.Spread = landscape.Spread(id, rows)
	if lp.SeesRows() {
		byEHAK, err := ui.municipalitiesByEHAK(ctx)
		if err != nil {
			return p, err
		}
		population := make(map[string]int, len(byEHAK))
		for ehak, m := range byEHAK {
			population[ehak] = m.Population
		}
		p.Costs = landscape.CostsByBand(id, rows, population)
		now := ui.Now()
		for _, row := range rows {
			m := byEHAK[row.MunicipalityEHAK]
			if !auth.ContractReader(lp.User)(row.MunicipalityEHAK) {
				row = row.WithoutCosts()
			}
			p.Users = append(p.Users, solutionUser{Row: row, Name: m.Name, Contact: m.Contact.Name, Email: m.Contact.Email, Stale: row.Stale(now)})
		}
		events, _, err := ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindSolution, EntityID: strconv.FormatInt(id, 10), Limit: 50})
		if err != nil {
			return p, err
		}
		p.Events = events
	}
	if lp.Coordinator() && s.State == landscape.Proposed {
		all, _, err := ui.Landscape.ListSolutions(ctx, landscape.SolutionFilter{States: []landscape.State{landscape.Accepted}, Limit: kovit.MaxLimit})
		if err != nil {
			return p, err
		}
		p.Targets = all
	}
	return p, nil
}
