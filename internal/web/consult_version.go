package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// consultVersionPage is the managers' form for the next version of the text, starting
// from the last one.
type consultVersionPage struct {
	consultPage
	Text, Note string
	Form       form
}

// consultDiffPage shows two versions side by side, section by section.
type consultDiffPage struct {
	consultPage
	Numbers  []int
	From, To int
	Note     string // the newer version's note
	Sections []consult.SectionDiff
}

func (ui *UI) consultVersionForm(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageConsultation(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	versions, err := ui.Consult.DocVersions(r.Context(), c.ID)
	if err != nil {
		return err
	}
	return ui.renderVersionForm(w, r, http.StatusOK, c, consult.Text(versions[len(versions)-1].Sections), "", form{})
}

func (ui *UI) renderVersionForm(w http.ResponseWriter, r *http.Request, status int, c consult.Consultation, text, note string, f form) error {
	p, err := ui.consultPage(r, "consult.version.new")
	if err != nil {
		return err
	}
	p.C = c
	ui.render(w, r, status, "consult/version", consultVersionPage{consultPage: p, Text: text, Note: note, Form: f})
	return nil
}

// consultVersionCreate publishes the next version of the text.
func (ui *UI) consultVersionCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	text, note := r.PostFormValue("text"), r.PostFormValue("note")
	read := formInt(r, "version", &problems)
	sections, err := consult.ParseText(text)
	problems = append(problems, kovit.FieldsOf(err)...)
	var made consult.DocVersion
	status, problems, err := trySave(problems, func() (err error) {
		made, err = ui.Consult.AddDocVersion(ctx, c.ID, consult.DocVersion{Note: note, Sections: sections}, read)
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, consultPath(c.ID, "/diff?from="+strconv.Itoa(made.Number-1)+"&to="+strconv.Itoa(made.Number)), "flash.saved")
	}
	f := form{}
	p := ui.page(r, "")
	f.refused(p.L, status, textProblems(problems), nil, 0)
	return ui.renderVersionForm(w, r, status, c, text, note, f)
}

func (ui *UI) consultDiff(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	versions, err := ui.Consult.DocVersions(r.Context(), c.ID)
	if err != nil {
		return err
	}
	from, to, err := diffRange(r, len(versions))
	if err != nil {
		return err
	}
	p, err := ui.consultPage(r, "")
	if err != nil {
		return err
	}
	p.C = c
	p.Title = p.L.T("consult.diff.title", "From", from, "To", to)
	page := consultDiffPage{consultPage: p, From: from, To: to, Note: versions[to-1].Note,
		Sections: consult.Diff(versions[from-1], versions[to-1])}
	for _, v := range versions {
		page.Numbers = append(page.Numbers, v.Number)
	}
	ui.render(w, r, http.StatusOK, "consult/diff", page)
	return nil
}

// diffRange reads ?from= and ?to=: by default the last version against the one before.
func diffRange(r *http.Request, n int) (from, to int, err error) {
	var p kovit.Problems
	q := r.URL.Query()
	from, to = intParam(q, "from", &p), intParam(q, "to", &p)
	if to == 0 {
		to = n
	}
	if from == 0 {
		from = max(to-1, 1)
	}
	if from > n {
		p.Add("from", "consult.error.no_version")
	}
	if to > n {
		p.Add("to", "consult.error.no_version")
	}
	return from, to, p.Err()
}
