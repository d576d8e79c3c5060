package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// The round of comment's form: opening a round, its recipients by name or peer group, its
// sections and restricted readers, and changing its details later.

type roundFormPage struct {
	advicePage
	R              advice.Round
	Edit           bool // changing an open round: its sections stay
	Counties       []municipality.County
	SectionsText   string
	ViewersText    string
	Municipalities []municipality.Municipality
	Form           form
}

// Chosen reports whether the form chose municipality ehak as a recipient.
func (p roundFormPage) Chosen(ehak string) bool {
	for _, e := range p.R.Recipients {
		if e == ehak {
			return true
		}
	}
	return false
}

func (ui *UI) commentRoundNew(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageRounds(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderRoundForm(w, r, http.StatusOK, roundFormPage{R: advice.Round{Public: true, InternalDays: advice.DefaultInternalDays}})
}

func (ui *UI) renderRoundForm(w http.ResponseWriter, r *http.Request, status int, p roundFormPage) error {
	key := "advice.rounds.new"
	if p.Edit {
		key = "advice.rounds.edit"
	}
	ap, err := ui.advicePage(r, key)
	if err != nil {
		return err
	}
	ap.Sub = "rounds"
	p.advicePage = ap
	if p.Municipalities, err = ui.allMunicipalities(r.Context()); err != nil {
		return err
	}
	if p.Counties, err = ui.Municipalities.ListCounties(r.Context()); err != nil {
		return err
	}
	ui.render(w, r, status, "advice/round_new", p)
	return nil
}

// Bands are the population bands a round may be sent to, as peer groups.
func (roundFormPage) Bands() []eservice.Band { return eservice.Bands }

// peerRecipients are the municipalities of the peer groups chosen: "type:linn",
// "county:0079", "band:lt5000" (eservice.Peers' groups).
func (ui *UI) peerRecipients(ctx context.Context, groups []string) ([]string, error) {
	if len(groups) == 0 {
		return nil, nil
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, g := range groups {
		kind, value, _ := strings.Cut(g, ":")
		for _, m := range ms {
			if kind == "type" && string(m.Type) == value || kind == "county" && m.CountyEHAK == value ||
				kind == "band" && eservice.BandOf(m.Population) == value {
				out = append(out, m.EHAK)
			}
		}
	}
	return out, nil
}

// parseSections reads the sections as typed: blocks separated by an empty line, the first
// line of each its heading.
func parseSections(text string) []advice.Section {
	var out []advice.Section
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		heading, body, _ := strings.Cut(block, "\n")
		out = append(out, advice.Section{Heading: heading, Text: body})
	}
	return out
}

// viewerIDs finds the named people by e-mail, one a line; an unknown address is a problem.
func (ui *UI) viewerIDs(ctx context.Context, text string, p *kovit.Problems) []int64 {
	ids := []int64{}
	for _, line := range strings.Split(text, "\n") {
		email := strings.TrimSpace(line)
		if email == "" {
			continue
		}
		u, err := ui.Users.UserByEmail(ctx, email)
		if err != nil {
			p.Add("viewers", "advice.error.viewer")
			return ids
		}
		ids = append(ids, u.ID)
	}
	return ids
}

// commentRoundEdit is the form that changes a round's details: a deadline the ministry
// moved, the named people, the municipalities asked.
func (ui *UI) commentRoundEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	rd, err := ui.readRound(r)
	if err != nil {
		return err
	}
	var emails []string
	for _, id := range rd.Viewers {
		if u, err := ui.Users.User(ctx, id); err == nil && u.Email != "" {
			emails = append(emails, u.Email)
		}
	}
	return ui.renderRoundForm(w, r, http.StatusOK, roundFormPage{R: rd, Edit: true, ViewersText: strings.Join(emails, "\n")})
}

// roundFromForm reads the round's details as the form sends them.
func (ui *UI) roundFromForm(r *http.Request, problems *kovit.Problems) (roundFormPage, error) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return roundFormPage{}, kovit.Errorf(kovit.EInvalid, "error.invalid")
	}
	p := roundFormPage{SectionsText: r.PostFormValue("sections"), ViewersText: r.PostFormValue("viewers")}
	p.R = advice.Round{Title: r.PostFormValue("title"), Ministry: r.PostFormValue("ministry"), DossierURL: r.PostFormValue("dossier_url"),
		ReceivedOn: r.PostFormValue("received_on"), MinistryDeadline: r.PostFormValue("ministry_deadline"),
		InternalDays: formInt(r, "internal_days", problems), Public: r.PostFormValue("public") == "true",
		Sections: parseSections(p.SectionsText), Viewers: ui.viewerIDs(ctx, p.ViewersText, problems)}
	if r.PostFormValue("all") != "true" {
		groups, err := ui.peerRecipients(ctx, r.PostForm["group"])
		if err != nil {
			return p, err
		}
		p.R.Recipients = append(r.PostForm["recipients"], groups...)
		if len(p.R.Recipients) == 0 {
			problems.Add("recipients", "advice.error.recipients")
		}
	}
	ui.Calendar.Schedule(&p.R)
	return p, nil
}

// commentRoundUpdate saves the round's details; the internal deadline is computed again.
func (ui *UI) commentRoundUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	before, err := ui.readRound(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	p, err := ui.roundFromForm(r, &problems)
	if err != nil {
		return err
	}
	p.R.ID, p.R.Version, p.Edit = before.ID, formInt(r, "version", &problems), true
	p.R.Sections, p.R.BoardApprovedOn, p.R.BoardNote = before.Sections, before.BoardApprovedOn, before.BoardNote
	status, problems, err := trySave(problems, func() error { _, err := ui.Rounds.UpdateCommentRound(ctx, p.R); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/comment-rounds/"+strconv.FormatInt(before.ID, 10), "flash.saved")
	}
	p.Form.refused(ui.Catalog.Printer(lang(r)), status, problems, &p.R.Version, before.Version)
	return ui.renderRoundForm(w, r, status, p)
}

func (ui *UI) commentRoundCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	p, err := ui.roundFromForm(r, &problems)
	if err != nil {
		return err
	}
	var created advice.Round
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Rounds.CreateCommentRound(ctx, p.R); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/comment-rounds/"+strconv.FormatInt(created.ID, 10), "advice.flash.round_opened")
	}
	p.Form = form{Problems: problems}
	return ui.renderRoundForm(w, r, status, p)
}
