package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// practiceListPage is the practice library, searched and paged.
type practiceListPage struct {
	landscapePage
	Items     []landscape.Practice
	Total     int
	Pager     Pager
	Query     string
	Status    string
	CanCreate bool
}

func (p landscapePage) PracticeStatuses() []landscape.PracticeStatus {
	return landscape.PracticeStatuses
}

func (ui *UI) practiceList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	q := r.URL.Query()
	var problems kovit.Problems
	pg := readPage(q, 50, &problems)
	f := landscape.PracticeFilter{Query: strings.TrimSpace(q.Get("q")), Tag: q.Get("tag"), Limit: pg.Limit, Offset: pg.Offset}
	status := q.Get("status")
	switch {
	case auth.CanValidatePractice(u) == nil && status != "":
		f.Statuses = []landscape.PracticeStatus{landscape.PracticeStatus(status)}
	case auth.CanValidatePractice(u) != nil:
		// Others see the published library; their own proposals are linked from their pages.
		f.Statuses, status = []landscape.PracticeStatus{landscape.PracticePublished}, ""
	}
	if err := problems.Err(); err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return err
	}
	items, total, err := ui.Landscape.ListPractices(ctx, f)
	if err != nil {
		return err
	}
	lp, err := ui.landscapePage(r, "practice.title")
	if err != nil {
		return err
	}
	lp.Nav = "practices"
	ui.render(w, r, http.StatusOK, "landscape/practices", practiceListPage{landscapePage: lp, Items: items, Total: total, Query: f.Query,
		Status: status, Pager: newPager("/practices", q, total, f.Limit, f.Offset), CanCreate: auth.Allowed(auth.CanProposePractice(u))})
	return nil
}

// practicePage is one practice, its adopters and how far each has got, and the forms.
type practicePage struct {
	landscapePage
	P         landscape.Practice
	Adoptions []landscape.Adoption
	Solutions map[int64]string
	// AdoptAs is the municipality the user may adopt for ("" when none), and Adopted
	// whether it already has.
	AdoptAs     string
	Adopted     bool
	CanValidate bool
	Form        form
	Differences string
}

func (ui *UI) readablePractice(r *http.Request) (landscape.Practice, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return landscape.Practice{}, err
	}
	p, err := ui.Landscape.Practice(r.Context(), id)
	if err != nil {
		return p, err
	}
	if auth.CanReadPractice(auth.UserFrom(r.Context()), p.Status == landscape.PracticePublished, p.ProposedBy) != nil {
		return p, kovit.NotFound()
	}
	return p, nil
}

func (ui *UI) loadPractice(r *http.Request) (practicePage, error) {
	ctx := r.Context()
	p, err := ui.readablePractice(r)
	if err != nil {
		return practicePage{}, err
	}
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return practicePage{}, err
	}
	lp.Nav, lp.Title = "practices", p.Title
	page := practicePage{landscapePage: lp, P: p, CanValidate: auth.Allowed(auth.CanValidatePractice(lp.User))}
	if page.Adoptions, err = ui.Landscape.Adoptions(ctx, p.ID); err != nil {
		return page, err
	}
	if names, _, err := ui.solutionNames(ctx); err == nil {
		page.Solutions = names
	} else {
		return page, err
	}
	own := auth.ListScope(lp.User).Municipality
	if own != "" && p.Status == landscape.PracticePublished && auth.Allowed(auth.CanAdopt(lp.User, own)) {
		page.AdoptAs = own
		for _, a := range page.Adoptions {
			page.Adopted = page.Adopted || a.MunicipalityEHAK == own
		}
	}
	return page, nil
}

func (ui *UI) practiceShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPractice(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "landscape/practice", p)
	return nil
}

// practiceForm is the new-practice form.
type practiceNewPage struct {
	landscapePage
	In             landscape.Practice
	Municipalities []municipality.Municipality
	Form           form
}

func (p practiceNewPage) Joined(list []string) string { return strings.Join(list, ", ") }

// Has reports whether the form's practice comes from municipality ehak.
func (p practiceNewPage) Has(ehak string) bool {
	for _, m := range p.In.Municipalities {
		if m == ehak {
			return true
		}
	}
	return false
}

func (ui *UI) practiceNew(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanProposePractice(u); err != nil {
		return err
	}
	in := landscape.Practice{ContactName: u.Name, ContactEmail: u.Email}
	if own := auth.ListScope(u).Municipality; own != "" {
		in.Municipalities = []string{own}
	}
	return ui.renderPracticeNew(w, r, http.StatusOK, in, form{})
}

func (ui *UI) renderPracticeNew(w http.ResponseWriter, r *http.Request, status int, in landscape.Practice, f form) error {
	lp, err := ui.landscapePage(r, "practice.new")
	if err != nil {
		return err
	}
	lp.Nav = "practices"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return err
	}
	ui.render(w, r, status, "landscape/practice_new", practiceNewPage{landscapePage: lp, In: in, Municipalities: ms, Form: f})
	return nil
}

// practiceCreate adds a practice: submitted for coordinators to validate.
func (ui *UI) practiceCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanProposePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	in := landscape.Practice{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), Problem: r.PostFormValue("problem"),
		WhatDone: r.PostFormValue("what_was_done"), Resources: r.PostFormValue("resources"), Results: r.PostFormValue("results"),
		EvidenceURL: r.PostFormValue("evidence_url"), Municipalities: r.PostForm["municipalities"], ContactName: r.PostFormValue("contact_name"),
		ContactEmail: r.PostFormValue("contact_email"), ServiceCodes: splitList(r.PostFormValue("service_codes")),
		Links: strings.Fields(r.PostFormValue("links")), Tags: splitList(r.PostFormValue("tags")), Status: landscape.PracticeSubmitted,
		SolutionIDs: formIDs(r, "solution_ids", "landscape.error.practice_link", &problems)}
	in.NationalActivityID = formID(r, "national_activity_id", &problems)
	in.Normalize()
	alsoInvalid(&problems, in.Validate())
	var created landscape.Practice
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Landscape.CreatePractice(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/practices/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderPracticeNew(w, r, status, in, form{Problems: problems})
}

// practiceStatus is a coordinator's move of a practice: validated, published, archived.
func (ui *UI) practiceStatus(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanValidatePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.Landscape.Practice(ctx, id)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	p.Status = landscape.PracticeStatus(r.PostFormValue("status"))
	p.Version = formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.UpdatePractice(ctx, p); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/practices/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	page, err := ui.loadPractice(r)
	if err != nil {
		return err
	}
	page.Form.refused(page.L, status, problems, nil, 0)
	ui.render(w, r, status, "landscape/practice", page)
	return nil
}

// practiceAdopt adopts a published practice into the user's municipality's own plan.
func (ui *UI) practiceAdopt(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanAdopt(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	p, err := ui.readablePractice(r)
	if err != nil {
		return err
	}
	differences := r.PostFormValue("differences")
	var a landscape.Adoption
	status, problems, err := trySave(nil, func() (err error) {
		a, err = ui.Landscape.Adopt(ctx, landscape.Adoption{PracticeID: p.ID, MunicipalityEHAK: ehak, Differences: differences})
		return err
	})
	if kovit.ErrorCode(err) == kovit.EConflict {
		status, err = http.StatusConflict, nil
		problems = nil
	}
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/activities/"+strconv.FormatInt(a.ActivityID, 10), "practice.flash.adopted")
	}
	page, err := ui.loadPractice(r)
	if err != nil {
		return err
	}
	page.Form.Problems, page.Differences = problems, differences
	if status == http.StatusConflict {
		page.Form.Message = page.L.T("practice.error.adopt")
	}
	ui.render(w, r, status, "landscape/practice", page)
	return nil
}
