package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// Consultations on the association's drafts (issue 16), as the pages serve them: a draft
// is answered to all but its managers as a missing consultation, comments pass through
// consult.Readable.

// ConsultationDetail is a consultation with every version of its text.
type ConsultationDetail struct {
	Consultation consult.Consultation `json:"consultation"`
	Versions     []consult.DocVersion `json:"versions"`
}

// NewConsultation is what creates a consultation: its details and the first text.
type NewConsultation struct {
	Title          string            `json:"title"`
	Summary        string            `json:"summary"`
	OpensOn        string            `json:"opens_on"`
	ClosesOn       string            `json:"closes_on"`
	PublicComments bool              `json:"public_comments"`
	Note           string            `json:"note"`
	Sections       []consult.Section `json:"sections"`
}

// NewDocVersion is the next version of the text; Version is the consultation's version read.
type NewDocVersion struct {
	Note     string            `json:"note"`
	Sections []consult.Section `json:"sections"`
	Version  int               `json:"version"`
}

// NewComment is a comment on a section of the latest version.
type NewComment struct {
	SectionKey string `json:"section_key"`
	Passage    string `json:"passage"`
	Body       string `json:"body"`
}

// DiffAnswer is two versions side by side.
type DiffAnswer struct {
	From     int                   `json:"from"`
	To       int                   `json:"to"`
	Sections []consult.SectionDiff `json:"sections"`
}

func (a *API) listConsultations(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	f := consult.Filter{Phase: consult.Phase(q.str("phase")), Limit: pg.Limit, Offset: pg.Offset,
		PublicOnly: auth.CanManageConsultation(auth.UserFrom(r.Context())) != nil}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.consult.ListConsultations(r.Context(), f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[consult.Consultation]{orEmpty(items), total, f.Limit, f.Offset})
}

// readableConsultation is the path's consultation if the user may read it; a draft is
// missing to everyone but its managers.
func (a *API) readableConsultation(r *http.Request) (consult.Consultation, error) {
	id, err := pathID(r)
	if err != nil {
		return consult.Consultation{}, err
	}
	c, err := a.consult.Consultation(r.Context(), id)
	if err != nil {
		return c, err
	}
	if auth.CanReadConsultation(auth.UserFrom(r.Context()), c.Phase.Public()) != nil {
		return consult.Consultation{}, kovit.NotFound()
	}
	return c, nil
}

func (a *API) getConsultation(w http.ResponseWriter, r *http.Request) error {
	c, err := a.readableConsultation(r)
	if err != nil {
		return err
	}
	versions, err := a.consult.DocVersions(r.Context(), c.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, ConsultationDetail{c, versions})
}

func (a *API) createConsultation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var in NewConsultation
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.consult.CreateConsultation(ctx, consult.Consultation{Title: in.Title, Summary: in.Summary, OpensOn: in.OpensOn,
		ClosesOn: in.ClosesOn, PublicComments: in.PublicComments}, consult.DocVersion{Note: in.Note, Sections: in.Sections})
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/consultations/"+strconv.FormatInt(c.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, c)
}

func (a *API) updateConsultation(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.consult.Consultation, a.consult.UpdateConsultation, func(before, c consult.Consultation, p *kovit.Problems) int {
		readOnly(p, "id", c.ID != before.ID)
		readOnly(p, "phase", c.Phase != before.Phase)
		readOnly(p, "outcome", c.Outcome != before.Outcome)
		readOnly(p, "versions", c.Versions != before.Versions)
		readOnly(p, "comments", c.Comments != before.Comments)
		return c.Version
	})
}

func (a *API) moveConsultation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var m consult.Move
	if err := decodeJSON(w, r, &m); err != nil {
		return err
	}
	c, err := a.consult.MoveConsultation(ctx, id, m)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

func (a *API) addDocVersion(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in NewDocVersion
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	v, err := a.consult.AddDocVersion(ctx, id, consult.DocVersion{Note: in.Note, Sections: in.Sections}, in.Version)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, v)
}

func (a *API) consultationDiff(w http.ResponseWriter, r *http.Request) error {
	c, err := a.readableConsultation(r)
	if err != nil {
		return err
	}
	versions, err := a.consult.DocVersions(r.Context(), c.ID)
	if err != nil {
		return err
	}
	q := newQuery(r)
	from, to := q.int("from"), q.int("to")
	if to == 0 {
		to = len(versions)
	}
	if from == 0 {
		from = max(to-1, 1)
	}
	var p kovit.Problems
	if from < 1 || from > len(versions) {
		p.Add("from", "consult.error.no_version")
	}
	if to < 1 || to > len(versions) {
		p.Add("to", "consult.error.no_version")
	}
	if err := q.check(p.Err()); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, DiffAnswer{from, to, consult.Diff(versions[from-1], versions[to-1])})
}

// commentFilter is the comments a user may list: a manager any status, everyone else
// the published ones and their own.
func commentFilter(r *http.Request, id int64) (consult.CommentFilter, error) {
	q := newQuery(r)
	pg := q.page()
	f := consult.CommentFilter{ConsultationID: id, SectionKey: q.str("section"), Limit: pg.Limit, Offset: pg.Offset}
	if st := consult.Status(q.str("status")); st != "" {
		f.Statuses = []consult.Status{st}
	}
	if u := auth.UserFrom(r.Context()); auth.CanManageConsultation(u) != nil {
		f.Statuses = []consult.Status{consult.Published}
		if u != nil {
			f.AuthorID = u.ID
		}
	}
	return f, q.check(f.Validate())
}

func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	c, err := a.readableConsultation(r)
	if err != nil {
		return err
	}
	f, err := commentFilter(r, c.ID)
	if err != nil {
		return err
	}
	items, total, err := a.consult.Comments(r.Context(), f)
	if err != nil {
		return err
	}
	items = consult.Readable(items, auth.ConsultationRule{U: auth.UserFrom(r.Context())})
	return a.writeJSON(w, r, http.StatusOK, page[consult.Comment]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) exportComments(w http.ResponseWriter, r *http.Request) error {
	c, err := a.readableConsultation(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f, err := commentFilter(r, c.ID)
	if err != nil {
		return err
	}
	versions, err := a.consult.DocVersions(ctx, c.ID)
	if err != nil {
		return err
	}
	lang := i18n.AcceptLang(r)
	from, err := a.commentFrom(ctx, a.catalog.Printer(lang))
	if err != nil {
		return err
	}
	l := a.catalog.Printer(lang)
	disposition := func(k consult.Kind) string { return l.T("consult.kind." + string(k)) }
	rows, err := consult.AllRows(ctx, a.consult, f, auth.ConsultationRule{U: auth.UserFrom(ctx)}, versions, from, disposition)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "kommentaarid-"+strconv.FormatInt(c.ID, 10), consult.ResponsesSheet(rows, lang))
}

// commentFrom names who a comment speaks for, in l's language.
func (a *API) commentFrom(ctx context.Context, l *i18n.Printer) (func(string) string, error) {
	ms, _, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(ms))
	for _, m := range ms {
		names[m.EHAK] = m.Name
	}
	return func(ehak string) string {
		if ehak == "" {
			return l.T("consult.comment.public")
		}
		if n, ok := names[ehak]; ok {
			return n
		}
		return ehak
	}, nil
}

func (a *API) addComment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanComment(u); err != nil {
		return err
	}
	c, err := a.readableConsultation(r)
	if err != nil {
		return err
	}
	ehak, moderated, err := auth.CommentAs(u, c.PublicComments)
	if err != nil {
		return err
	}
	var in NewComment
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	k := consult.Comment{ConsultationID: c.ID, SectionKey: in.SectionKey, Passage: in.Passage, Body: in.Body, AuthorID: u.ID,
		AuthorName: u.Name, MunicipalityEHAK: ehak, Status: consult.Published}
	if moderated {
		k.Status = consult.Pending
	}
	if k, err = a.consult.AddConsultationComment(ctx, k); err != nil {
		return err
	}
	k, _ = consult.ReadableComment(k, auth.ConsultationRule{U: u})
	return a.writeJSON(w, r, http.StatusCreated, k)
}

// managedComment is the path's comment of the path's consultation, for a manager.
func (a *API) managedComment(r *http.Request) (consult.Comment, error) {
	if err := auth.CanManageConsultation(auth.UserFrom(r.Context())); err != nil {
		return consult.Comment{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return consult.Comment{}, err
	}
	cid, err := strconv.ParseInt(r.PathValue("comment"), 10, 64)
	if err != nil || cid < 1 {
		return consult.Comment{}, kovit.NotFound()
	}
	k, err := a.consult.Comment(r.Context(), cid)
	if err == nil && k.ConsultationID != id {
		err = kovit.NotFound()
	}
	return k, err
}

// actOnComment decodes a manager's act on the path's comment (a moderation or a
// disposition) and answers the comment as act leaves it.
func actOnComment[T any](a *API, w http.ResponseWriter, r *http.Request, act func(context.Context, int64, T) (consult.Comment, error)) error {
	k, err := a.managedComment(r)
	if err != nil {
		return err
	}
	var in T
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if k, err = act(r.Context(), k.ID, in); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, k)
}

func (a *API) moderateComment(w http.ResponseWriter, r *http.Request) error {
	return actOnComment(a, w, r, a.consult.ModerateComment)
}

func (a *API) disposeComment(w http.ResponseWriter, r *http.Request) error {
	return actOnComment(a, w, r, a.consult.DisposeComment)
}
