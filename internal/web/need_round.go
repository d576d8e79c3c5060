package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// roundListPage lists the collection rounds, with the coordinators' form for a new one.
type roundListPage struct {
	needPage
	Rounds []need.Round
	New    need.Round
	Form   form
}

// roundPage is a round's dashboard: who has submitted and who has not.
type roundPage struct {
	needPage
	D          need.Dashboard
	CanRemind  bool
	Sent       int // reminders just sent, from ?sent=
	Submitters int
	Edit       need.Round // the coordinators' edit form, as typed
	Form       form
}

func (ui *UI) roundList(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderRoundList(w, r, http.StatusOK, need.Round{}, nil)
}

func (ui *UI) renderRoundList(w http.ResponseWriter, r *http.Request, status int, in need.Round, problems kovit.Problems) error {
	np, err := ui.needPage(r, "needui.rounds.title")
	if err != nil {
		return err
	}
	rounds, err := ui.Needs.ListRounds(r.Context())
	if err != nil {
		return err
	}
	ui.render(w, r, status, "need/rounds", roundListPage{needPage: np, Rounds: rounds, New: in, Form: form{Problems: problems}})
	return nil
}

// roundCreate opens a new collection round.
func (ui *UI) roundCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	in := need.Round{Title: r.PostFormValue("title"), Deadline: r.PostFormValue("deadline"),
		Instructions: r.PostFormValue("instructions"), Open: true}
	var created need.Round
	status, problems, err := trySave(nil, func() (err error) { created, err = ui.Needs.CreateRound(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/rounds/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderRoundList(w, r, status, in, problems)
}

func (ui *UI) roundShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.loadRound(r, id)
	if err != nil {
		return err
	}
	p.Sent, _ = strconv.Atoi(r.URL.Query().Get("sent"))
	ui.render(w, r, http.StatusOK, "need/round", p)
	return nil
}

func (ui *UI) loadRound(r *http.Request, id int64) (roundPage, error) {
	d, err := ui.Needs.Dashboard(r.Context(), id)
	if err != nil {
		return roundPage{}, err
	}
	d = d.ReadableBy(auth.NeedReader(auth.UserFrom(r.Context())))
	np, err := ui.needPage(r, "")
	if err != nil {
		return roundPage{}, err
	}
	np.Title = d.Round.Title
	return roundPage{needPage: np, D: d, CanRemind: np.Coordinator() && ui.Reminders != nil && d.Round.Open,
		Submitters: len(d.Rows) - len(d.Missing), Edit: d.Round}, nil
}

// roundUpdate changes a round's title, deadline and instructions, or closes or reopens
// it: a closed round takes no new needs.
func (ui *UI) roundUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := need.Round{ID: id, Title: r.PostFormValue("title"), Deadline: r.PostFormValue("deadline"),
		Instructions: r.PostFormValue("instructions"), Open: r.PostFormValue("open") == "true",
		Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Needs.UpdateRound(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/rounds/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadRound(r, id)
	if err != nil {
		return err
	}
	p.Form.refused(p.L, status, problems, &in.Version, p.D.Round.Version)
	p.Edit = in
	ui.render(w, r, status, "need/round", p)
	return nil
}

// roundRemind e-mails the editors of every municipality that has submitted nothing yet.
func (ui *UI) roundRemind(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if ui.Reminders == nil {
		return kovit.Errorf(kovit.EConflict, "needui.error.no_mail")
	}
	n, err := ui.Reminders.SendNow(ctx, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/rounds/"+strconv.FormatInt(id, 10)+"?sent="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
