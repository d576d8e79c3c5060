package web

import (
	"net/http"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// consultShowPage is a consultation: one version of its text with each section's
// comment count, the comment form while it takes comments, and the managers' forms.
type consultShowPage struct {
	consultPage
	V        consult.DocVersion // the version shown, the latest unless ?version= says
	Latest   int
	Numbers  []int
	Counts   map[string]int
	Pending  int // comments waiting for moderation, for managers
	Takes    bool
	Comment  commentAs
	In       consult.Comment // the comment form, as typed
	Form     form
	Edit     consult.Consultation
	EditForm form
	MoveForm form
	Outcome  string
	Events   []audit.Event
}

// commentAs is how the user may comment: Allowed, for municipality Ehak or as the public
// through moderation.
type commentAs struct {
	Allowed   bool
	Ehak      string
	Moderated bool
}

func (ui *UI) consultShow(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	p, err := ui.loadConsultShow(r, c.ID)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "consult/show", p)
	return nil
}

func (ui *UI) loadConsultShow(r *http.Request, id int64) (consultShowPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	c, err := ui.Consult.Consultation(ctx, id)
	if err != nil {
		return consultShowPage{}, err
	}
	if auth.CanReadConsultation(u, c.Phase.Public()) != nil {
		return consultShowPage{}, kovit.NotFound()
	}
	versions, err := ui.Consult.DocVersions(ctx, id)
	if err != nil {
		return consultShowPage{}, err
	}
	cp, err := ui.consultPage(r, "")
	if err != nil {
		return consultShowPage{}, err
	}
	cp.C, cp.Title = c, c.Title
	p := consultShowPage{consultPage: cp, Latest: len(versions), V: versions[len(versions)-1], Edit: c}
	var problems kovit.Problems
	if n := intParam(r.URL.Query(), "version", &problems); n >= 1 && n <= len(versions) {
		p.V = versions[n-1]
	} else if err := problems.Err(); err != nil || r.URL.Query().Has("version") {
		return p, kovit.NotFound()
	}
	for _, v := range versions {
		p.Numbers = append(p.Numbers, v.Number)
	}
	if p.Counts, err = ui.Consult.SectionCounts(ctx, id); err != nil {
		return p, err
	}
	p.Takes = c.Takes(ui.Now().UTC().Format("2006-01-02"))
	if ehak, moderated, err := auth.CommentAs(u, c.PublicComments); err == nil {
		p.Comment = commentAs{Allowed: true, Ehak: ehak, Moderated: moderated}
	}
	if p.Manager() {
		if _, p.Pending, err = ui.Consult.Comments(ctx, consult.CommentFilter{ConsultationID: id, Statuses: []consult.Status{consult.Pending}, Limit: 1}); err != nil {
			return p, err
		}
		if p.Events, _, err = ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindConsultation, EntityID: strconv.FormatInt(id, 10), Limit: 20}); err != nil {
			return p, err
		}
	}
	return p, nil
}

// consultAddComment stores a comment on a section of the latest version: a
// municipality's at once, the public's for moderation.
func (ui *UI) consultAddComment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanComment(u); err != nil {
		return err
	}
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	ehak, moderated, err := auth.CommentAs(u, c.PublicComments)
	if err != nil {
		return err
	}
	in := consult.Comment{ConsultationID: c.ID, SectionKey: r.PostFormValue("section"), Passage: r.PostFormValue("passage"),
		Body: r.PostFormValue("body"), AuthorID: u.ID, AuthorName: u.Name, MunicipalityEHAK: ehak, Status: consult.Published}
	if moderated {
		in.Status = consult.Pending
	}
	status, problems, err := trySave(nil, func() error { _, err := ui.Consult.AddConsultationComment(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		flash := "consult.flash.commented"
		if moderated {
			flash = "consult.flash.moderated"
		}
		return ui.redirect(w, r, consultPath(c.ID, ""), flash)
	}
	p, err := ui.loadConsultShow(r, c.ID)
	if err != nil {
		return err
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	p.In = in
	ui.render(w, r, status, "consult/show", p)
	return nil
}
