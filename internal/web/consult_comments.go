package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// consultCommentsPage is the comments-and-responses table: every comment the user may
// see, with its disposition, the version that changed the text and the strategy item;
// managers moderate and dispose on it.
type consultCommentsPage struct {
	consultPage
	Rows     []consult.Row
	Versions int
	Section  string
	Status   string
	Pager    Pager
	// FormFor is the comment whose form was refused, with its problems in Form.
	FormFor int64
	Form    form
	In      consult.Disposition
}

// commentFilter reads the page's and the API's filter: a manager may list any status (all
// by default), everyone else the published comments and their own.
func commentFilter(r *http.Request, id int64) (consult.CommentFilter, error) {
	q := r.URL.Query()
	var problems kovit.Problems
	pg := readPage(q, 100, &problems)
	f := consult.CommentFilter{ConsultationID: id, SectionKey: q.Get("section"), Limit: pg.Limit, Offset: pg.Offset}
	u := auth.UserFrom(r.Context())
	if st := consult.Status(q.Get("status")); st != "" {
		f.Statuses = []consult.Status{st}
	}
	if auth.CanManageConsultation(u) != nil {
		f.Statuses = []consult.Status{consult.Published}
		if u != nil {
			f.AuthorID = u.ID
		}
	}
	if err := problems.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) consultComments(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	p, err := ui.loadConsultComments(r, c)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "consult/comments", p)
	return nil
}

func (ui *UI) loadConsultComments(r *http.Request, c consult.Consultation) (consultCommentsPage, error) {
	ctx := r.Context()
	f, err := commentFilter(r, c.ID)
	if err != nil {
		return consultCommentsPage{}, err
	}
	items, total, err := ui.Consult.Comments(ctx, f)
	if err != nil {
		return consultCommentsPage{}, err
	}
	versions, err := ui.Consult.DocVersions(ctx, c.ID)
	if err != nil {
		return consultCommentsPage{}, err
	}
	cp, err := ui.consultPage(r, "")
	if err != nil {
		return consultCommentsPage{}, err
	}
	cp.C = c
	cp.Title = cp.L.T("consult.comments.title", "Title", c.Title)
	rows := consult.Rows(consult.Readable(items, auth.ConsultationRule{U: cp.User}), versions, cp.From, cp.Disposition)
	q := r.URL.Query()
	return consultCommentsPage{consultPage: cp, Rows: rows, Versions: len(versions), Section: q.Get("section"), Status: q.Get("status"),
		Pager: newPager(r.URL.Path, q, total, f.Limit, f.Offset)}, nil
}

// consultExport sends the comments-and-responses table as CSV or XLSX: every comment the
// user may see, as the page shows them.
func (ui *UI) consultExport(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.readableConsultation(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f, err := commentFilter(r, c.ID)
	if err != nil {
		return err
	}
	versions, err := ui.Consult.DocVersions(ctx, c.ID)
	if err != nil {
		return err
	}
	cp, err := ui.consultPage(r, "")
	if err != nil {
		return err
	}
	rows, err := consult.AllRows(ctx, ui.Consult, f, auth.ConsultationRule{U: cp.User}, versions, cp.From, cp.Disposition)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "kommentaarid-"+strconv.FormatInt(c.ID, 10), consult.ResponsesSheet(rows, lang(r)))
}

// consultModerate publishes or rejects a comment waiting for moderation.
func (ui *UI) consultModerate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	k, err := ui.consultComment(ctx, r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	m := consult.Moderation{Publish: r.PostFormValue("decision") == "publish", Reason: r.PostFormValue("reason"), Version: formInt(r, "version", &problems)}
	return ui.afterCommentSave(w, r, k, problems, func() error { _, err := ui.Consult.ModerateComment(ctx, k.ID, m); return err }, consult.Disposition{})
}

// consultDispose records the association's response to a comment.
func (ui *UI) consultDispose(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	k, err := ui.consultComment(ctx, r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	d := consult.Disposition{Kind: consult.Kind(r.PostFormValue("disposition")), Reason: r.PostFormValue("reason"),
		ItemID: formID(r, "item_id", &problems), Version: formInt(r, "version", &problems)}
	if n := formInt(r, "changed_in", &problems); n > 0 {
		d.ChangedIn = &n
	}
	return ui.afterCommentSave(w, r, k, problems, func() error { _, err := ui.Consult.DisposeComment(ctx, k.ID, d); return err }, d)
}

// afterCommentSave saves and goes back to the comment in the table, or shows the table
// again with the comment's form refused.
func (ui *UI) afterCommentSave(w http.ResponseWriter, r *http.Request, k consult.Comment, problems kovit.Problems, save func() error, in consult.Disposition) error {
	status, problems, err := trySave(problems, save)
	if err != nil {
		return err
	}
	back := consultPath(k.ConsultationID, "/comments")
	if status == 0 {
		return ui.redirect(w, r, back+"#c"+strconv.FormatInt(k.ID, 10), "flash.saved")
	}
	c, err := ui.Consult.Consultation(r.Context(), k.ConsultationID)
	if err != nil {
		return err
	}
	p, err := ui.loadConsultComments(r, c)
	if err != nil {
		return err
	}
	p.FormFor, p.In = k.ID, in
	p.Form.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "consult/comments", p)
	return nil
}

// commentForms is one comment's moderation or disposition form in the table.
type commentForms struct {
	L       *i18n.Printer
	C       consult.Comment
	Kinds   []consult.Kind
	Open    bool // the consultation takes dispositions (open or closed)
	Refused bool // this comment's form was just refused
	Form    form
	In      consult.Disposition
}

// FormsFor is the forms of row r's comment, with what was typed when it was refused.
func (p consultCommentsPage) FormsFor(r consult.Row) commentForms {
	f := commentForms{L: p.L, C: r.Comment, Kinds: consult.Kinds, Open: p.C.Phase == consult.Open || p.C.Phase == consult.Closed,
		In: consult.Disposition{Kind: r.Comment.Disposition, Reason: r.Comment.Reason, ChangedIn: r.Comment.ChangedIn}}
	if r.Comment.Item != nil {
		f.In.ItemID = &r.Comment.Item.ID
	}
	if r.ID == p.FormFor {
		f.Refused, f.Form = true, p.Form
		if p.In.Kind != "" || p.In.Reason != "" {
			f.In = p.In
		}
	}
	return f
}
