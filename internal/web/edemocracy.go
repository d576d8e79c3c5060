package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
)

// edemocracyListPage is every municipality's e-democracy practice with the figures by
// peer group.
type edemocracyListPage struct {
	Page
	Group     string
	Groupings []string
	Summary   []edemocracy.Summary
	Rows      []practiceRow
}

type practiceRow struct {
	M municipality.Municipality
	P edemocracy.Practice
}

// edemocracyPage is one municipality's practice, with its editors' form.
type edemocracyPage struct {
	Page
	M       municipality.Municipality
	P       edemocracy.Practice
	CanEdit bool
	Modules []string
	Form    form
}

// Public reports whether module m is among the public ones.
func (p edemocracyPage) Public(m string) bool {
	for _, x := range p.P.PublicModules {
		if x == m {
			return true
		}
	}
	return false
}

// IntValue is an optional number as a form shows it.
func (p edemocracyPage) IntValue(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// MoneyValue is an optional amount as a form shows it.
func (p edemocracyPage) MoneyValue(m *kovit.Money) string { return moneyValue(m, p.L.Lang) }

func (ui *UI) edemocracyList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	group := r.URL.Query().Get("group")
	if group == "" {
		group = "type"
	}
	by, ok := survey.GroupingOf(group)
	if !ok {
		var p kovit.Problems
		p.Add("group", "survey.error.group")
		return p.Err()
	}
	ms, practices, byEHAK, err := ui.everyPractice(ctx)
	if err != nil {
		return err
	}
	p := edemocracyListPage{Page: ui.page(r, "edemocracy.title"), Group: group, Groupings: survey.Groupings, Summary: edemocracy.Summarize(ms, practices, by)}
	p.Nav = "edemocracy"
	for _, m := range ms {
		p.Rows = append(p.Rows, practiceRow{M: m, P: byEHAK[m.EHAK]})
	}
	ui.render(w, r, http.StatusOK, "edemocracy/list", p)
	return nil
}

func (ui *UI) loadEDemocracyPractice(r *http.Request) (edemocracyPage, error) {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	m, err := ui.Municipalities.Municipality(ctx, ehak)
	if err != nil {
		return edemocracyPage{}, err
	}
	pr, err := ui.EDemocracy.EDemocracyPractice(ctx, ehak)
	if err != nil {
		return edemocracyPage{}, err
	}
	p := edemocracyPage{Page: ui.page(r, ""), M: m, P: pr, Modules: edemocracy.Modules,
		CanEdit: auth.Allowed(auth.CanEditMunicipality(auth.UserFrom(ctx), ehak))}
	p.Title, p.Nav = p.L.T("edemocracy.of", "Name", m.Name), "edemocracy"
	return p, nil
}

func (ui *UI) edemocracyShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadEDemocracyPractice(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "edemocracy/show", p)
	return nil
}

// optionalInt reads an optional whole number of a form; empty is nil.
func optionalInt(r *http.Request, name string, p *kovit.Problems) *int {
	if strings.TrimSpace(r.PostFormValue(name)) == "" {
		return nil
	}
	n := wholeNumber(strings.Join(strings.Fields(r.PostFormValue(name)), ""), name, p)
	return &n
}

// edemocracySave stores the practice a municipality's editor enters.
func (ui *UI) edemocracySave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	page, err := ui.loadEDemocracyPractice(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := edemocracy.Practice{MunicipalityEHAK: ehak, CouncilSystem: r.PostFormValue("council_system"), Streaming: r.PostFormValue("streaming") == "on",
		Recordings: r.PostFormValue("recordings") == "on", Rahvaalgatus: r.PostFormValue("rahvaalgatus") == "on", OpenDataURL: r.PostFormValue("open_data_url"),
		BudgetYear: optionalInt(r, "budget_year", &problems), BudgetVotes: optionalInt(r, "budget_votes", &problems),
		InitiativeThreshold: optionalInt(r, "initiative_threshold", &problems), Consultations: formInt(r, "consultations", &problems),
		BudgetAmount: formMoney(r, "budget_amount", "edemocracy.error.money", &problems), Version: formInt(r, "version", &problems)}
	in.PublicModules = append(in.PublicModules, r.PostForm["public_modules"]...)
	status, problems, err := trySave(problems, func() error { _, err := ui.EDemocracy.EDemocracySavePractice(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, r.URL.Path, "flash.saved")
	}
	page.Form.refused(page.L, status, problems, &in.Version, page.P.Version)
	page.P = in
	ui.render(w, r, status, "edemocracy/show", page)
	return nil
}

// Votes is the participatory budget's votes in words.
func (p edemocracyPage) Votes() string {
	if p.P.BudgetVotes == nil {
		return ""
	}
	return p.L.T("edemocracy.votes", "Count", *p.P.BudgetVotes, "Votes", p.L.Int(*p.P.BudgetVotes))
}

// MoneyText is an amount in euros as the page's language writes it.
func (p edemocracyPage) MoneyText(m *kovit.Money) string {
	if m == nil {
		return ""
	}
	return p.L.Num(float64(*m)/100, 0) + " €"
}
