package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// consultListPage lists the consultations; the public sees those past their draft.
type consultListPage struct {
	consultPage
	Items []consult.Consultation
	Phase string
	Pager Pager
}

// consultNewPage is the coordinators' form for a new consultation and its first text.
type consultNewPage struct {
	consultPage
	In   consult.Consultation
	Text string
	Form form
}

func (ui *UI) consultList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var problems kovit.Problems
	pg := readPage(q, 50, &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	f := consult.Filter{Phase: consult.Phase(q.Get("phase")), Limit: pg.Limit, Offset: pg.Offset,
		PublicOnly: auth.CanManageConsultation(auth.UserFrom(r.Context())) != nil}
	items, total, err := ui.Consult.ListConsultations(r.Context(), f)
	if err != nil {
		return err
	}
	p, err := ui.consultPage(r, "consult.list.title")
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "consult/list", consultListPage{consultPage: p, Items: items, Phase: q.Get("phase"),
		Pager: newPager("/consultations", q, total, f.Limit, f.Offset)})
	return nil
}

func (ui *UI) consultNew(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageConsultation(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderConsultNew(w, r, http.StatusOK, consult.Consultation{}, "", nil)
}

func (ui *UI) renderConsultNew(w http.ResponseWriter, r *http.Request, status int, in consult.Consultation, text string, problems kovit.Problems) error {
	p, err := ui.consultPage(r, "consult.new.title")
	if err != nil {
		return err
	}
	ui.render(w, r, status, "consult/new", consultNewPage{consultPage: p, In: in, Text: text, Form: form{Problems: problems}})
	return nil
}

// consultCreate stores a draft consultation with the first version of its text.
func (ui *UI) consultCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	in := consultInput(r)
	text := r.PostFormValue("text")
	var problems kovit.Problems
	sections, err := consult.ParseText(text)
	problems = append(problems, kovit.FieldsOf(err)...)
	var created consult.Consultation
	status, problems, err := trySave(problems, func() (err error) {
		created, err = ui.Consult.CreateConsultation(ctx, in, consult.DocVersion{Note: r.PostFormValue("note"), Sections: sections})
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, consultPath(created.ID, ""), "flash.saved")
	}
	return ui.renderConsultNew(w, r, status, in, text, textProblems(problems))
}

// textProblems names a section's problem by the text field the sections were typed in.
func textProblems(problems kovit.Problems) kovit.Problems {
	out := make(kovit.Problems, 0, len(problems))
	for _, p := range problems {
		if len(p.Field) > 8 && p.Field[:8] == "sections" {
			p.Field = "text"
		}
		out = append(out, p)
	}
	return out
}

func consultInput(r *http.Request) consult.Consultation {
	return consult.Consultation{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"),
		OpensOn: r.PostFormValue("opens_on"), ClosesOn: r.PostFormValue("closes_on"), PublicComments: r.PostFormValue("public_comments") == "on"}
}

// consultUpdate changes a consultation's title, summary, dates and public comments.
func (ui *UI) consultUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := consultInput(r)
	in.ID, in.Version = id, formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Consult.UpdateConsultation(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, consultPath(id, ""), "flash.saved")
	}
	p, err := ui.loadConsultShow(r, id)
	if err != nil {
		return err
	}
	p.EditForm.refused(p.L, status, problems, &in.Version, p.C.Version)
	p.Edit = in
	ui.render(w, r, status, "consult/show", p)
	return nil
}

// consultMove moves a consultation to its next phase.
func (ui *UI) consultMove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	m := consult.Move{To: consult.Phase(r.PostFormValue("to")), Outcome: r.PostFormValue("outcome"), Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Consult.MoveConsultation(ctx, id, m); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, consultPath(id, ""), "flash.saved")
	}
	p, err := ui.loadConsultShow(r, id)
	if err != nil {
		return err
	}
	p.MoveForm.refused(p.L, status, problems, nil, 0)
	p.Outcome = m.Outcome
	ui.render(w, r, status, "consult/show", p)
	return nil
}
