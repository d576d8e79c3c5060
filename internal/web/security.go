package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/tabular"
)

// securityPage is the Page of every security page, with what they share.
type securityPage struct {
	Page
	Names    map[string]string // municipalities' names by EHAK
	Counties map[string]string // counties' names by EHAK
	Today    string
}

// Coordinator reports whether the user runs the rounds.
func (p securityPage) Coordinator() bool { return auth.Allowed(auth.CanManageSecurityRounds(p.User)) }

// Own is the municipality whose assessment the user works on, "" when none.
func (p securityPage) Own() string { return auth.AssessmentOf(p.User) }

// Name is a municipality's name, or its code when unknown.
func (p securityPage) Name(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

// Share shows a 0–1 share as a whole percentage.
func (p securityPage) Share(f float64) string { return p.L.Percent(f*100, 0) }

// Status names an answer's status.
func (p securityPage) Status(s security.Status) string {
	if s == "" {
		return p.L.T("security.status.none")
	}
	return p.L.T("security.status." + string(s))
}

// Phase names a round's phase today.
func (p securityPage) Phase(r security.Round) string {
	return p.L.T("security.phase." + string(r.PhaseOn(p.Today)))
}

// Group names a peer group of the aggregates.
func (p securityPage) Group(s security.Spread) string {
	switch s.Group {
	case "country":
		return p.L.T("security.group.country")
	case "type":
		return p.L.T("security.group.type") + ": " + p.L.T("type."+s.Key)
	case "band":
		return p.L.T("security.group.band") + ": " + p.L.T("eservice.band."+s.Key)
	}
	name := s.Key
	if n, ok := p.Counties[s.Key]; ok {
		name = n
	}
	return p.L.T("security.group.county") + ": " + name
}

func (p securityPage) Statuses() []security.Status { return security.Statuses }
func (p securityPage) Tiers() []security.Tier      { return security.Tiers }

func (ui *UI) securityPage(r *http.Request, titleKey string) (securityPage, error) {
	p := securityPage{Page: ui.page(r, titleKey), Today: security.Day(ui.Now())}
	p.Nav = "security"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return p, err
	}
	p.Names, p.Counties = make(map[string]string, len(ms)), map[string]string{}
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
		p.Counties[m.CountyEHAK] = m.CountyName
	}
	return p, nil
}

// securityHomePage lists the rounds: signed-in users see every round, the public the
// published ones, whose aggregates are public.
type securityHomePage struct {
	securityPage
	Rounds []security.Round
	Years  []int
	New    security.Round
	Form   form
}

func (ui *UI) securityHome(w http.ResponseWriter, r *http.Request) error {
	return ui.renderSecurityHome(w, r, http.StatusOK, security.Round{}, nil)
}

func (ui *UI) renderSecurityHome(w http.ResponseWriter, r *http.Request, status int, in security.Round, problems kovit.Problems) error {
	p, err := ui.securityPage(r, "security.title")
	if err != nil {
		return err
	}
	rounds, err := ui.Security.SecurityRounds(r.Context())
	if err != nil {
		return err
	}
	signedIn := auth.Allowed(auth.CanReadSecurityRounds(p.User))
	shown := rounds[:0]
	for _, rd := range rounds {
		if signedIn || rd.PhaseOn(p.Today) == security.Published {
			shown = append(shown, rd)
		}
	}
	years, err := ui.Security.EITSYears(r.Context())
	if err != nil {
		return err
	}
	if in.Year == 0 && len(years) > 0 {
		in.Year = years[0]
	}
	ui.render(w, r, status, "security/home", securityHomePage{securityPage: p, Rounds: shown, Years: years, New: in, Form: form{Problems: problems}})
	return nil
}

func roundFromForm(r *http.Request, p *kovit.Problems) security.Round {
	return security.Round{Title: r.PostFormValue("title"), Year: formInt(r, "year", p), Deadline: r.PostFormValue("deadline"),
		CorrectionUntil: r.PostFormValue("correction_until"), PublishOn: r.PostFormValue("publish_on")}
}

// securityRoundCreate opens a round: every municipality's editors hear of it.
func (ui *UI) securityRoundCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	in := roundFromForm(r, &problems)
	var created security.Round
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Security.CreateSecurityRound(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/security/rounds/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderSecurityHome(w, r, status, in, problems)
}

// securityRoundView is a round's page: its dates, the user's own assessment, the
// coordinators' progress of every municipality (who has started, who has signed off:
// never an answer) and, once published, the aggregates.
type securityRoundView struct {
	securityPage
	R        security.Round
	Progress []roundProgress // coordinators only
	Edit     security.Round
	Form     form
}

type roundProgress struct {
	EHAK      string
	Started   bool
	Answers   int
	Prefilled int
}

func (ui *UI) securityRoundShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := auth.CanReadSecurityRounds(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	p, err := ui.loadSecurityRound(r, id)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "security/round", p)
	return nil
}

func (ui *UI) loadSecurityRound(r *http.Request, id int64) (securityRoundView, error) {
	ctx := r.Context()
	rd, err := ui.Security.SecurityRound(ctx, id)
	if err != nil {
		return securityRoundView{}, err
	}
	sp, err := ui.securityPage(r, "")
	if err != nil {
		return securityRoundView{}, err
	}
	sp.Title = rd.Title
	p := securityRoundView{securityPage: sp, R: rd, Edit: rd}
	if sp.Coordinator() {
		if p.Progress, err = ui.roundProgress(ctx, rd.ID); err != nil {
			return p, err
		}
	}
	return p, nil
}

// roundProgress counts each municipality's answers, for coordinators, who read them all.
func (ui *UI) roundProgress(ctx context.Context, roundID int64) ([]roundProgress, error) {
	answers, err := ui.Security.SecurityRoundAnswers(ctx, roundID)
	if err != nil {
		return nil, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]roundProgress, 0, len(ms))
	for _, m := range ms {
		as, ok := answers[m.EHAK]
		row := roundProgress{EHAK: m.EHAK, Started: ok, Answers: len(as)}
		for _, a := range as {
			if a.Prefilled {
				row.Prefilled++
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func (ui *UI) securityRoundUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := roundFromForm(r, &problems)
	in.ID, in.Version = id, formInt(r, "version", &problems)
	current, err := ui.Security.SecurityRound(ctx, id)
	if err != nil {
		return err
	}
	in.Year = current.Year
	status, problems, err := trySave(problems, func() error { _, err := ui.Security.UpdateSecurityRound(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/security/rounds/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadSecurityRound(r, id)
	if err != nil {
		return err
	}
	p.Form.refused(p.L, status, problems, &in.Version, p.R.Version)
	p.Edit = in
	ui.render(w, r, status, "security/round", p)
	return nil
}

// securityAggregatesPage is a round's published peer aggregates.
type securityAggregatesPage struct {
	securityPage
	R       security.Round
	Spreads []security.Spread
}

// aggregatesOf computes a round's aggregates for a user who may read them: anyone once the
// round is published, coordinators before. Before, they answer as a missing page does.
func aggregatesOf(ctx context.Context, s security.Store, ms []municipality.Municipality, u *auth.User, id int64, today string) (security.Round, []security.Spread, error) {
	rd, err := s.SecurityRound(ctx, id)
	if err != nil {
		return rd, nil, err
	}
	if auth.CanReadSecurityAggregates(u, rd.PhaseOn(today) == security.Published) != nil {
		return rd, nil, kovit.NotFound()
	}
	spreads, err := security.LoadAggregates(ctx, s, rd, ms)
	return rd, spreads, err
}

func (ui *UI) securityAggregates(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.securityPage(r, "security.aggregates.title")
	if err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return err
	}
	rd, spreads, err := aggregatesOf(r.Context(), ui.Security, ms, p.User, id, p.Today)
	if err != nil {
		return err
	}
	if isExport(r) {
		return writeAggregates(w, r, p, spreads)
	}
	ui.render(w, r, http.StatusOK, "security/aggregates", securityAggregatesPage{securityPage: p, R: rd, Spreads: spreads})
	return nil
}

func writeAggregates(w http.ResponseWriter, r *http.Request, p securityPage, spreads []security.Spread) error {
	return tabularWrite(w, r, "e-its-koond", security.AggregatesSheet(spreads, p.L.Lang, p.Group))
}

// isExport reports whether the request asks for a spreadsheet rather than the page.
func isExport(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, ".csv") || strings.HasSuffix(r.URL.Path, ".xlsx")
}

func tabularWrite(w http.ResponseWriter, r *http.Request, name string, t tabular.Table) error {
	return tabular.WriteHTTP(w, r, name, t)
}
