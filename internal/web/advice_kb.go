package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// visibilitiesOf are the entry visibilities u may read (auth.ReadableVisibilities).
func visibilitiesOf(u *auth.User) []advice.Visibility {
	var out []advice.Visibility
	for _, v := range auth.ReadableVisibilities(u) {
		out = append(out, advice.Visibility(v))
	}
	return out
}

// entryFilter reads a knowledge-base search, narrowed to what the user may read.
func entryFilter(u *auth.User, q url.Values) (advice.EntryFilter, error) {
	var p kovit.Problems
	pg := readPage(q, 20, &p)
	f := advice.EntryFilter{Visibilities: visibilitiesOf(u), Topic: advice.Topic(q.Get("topic")), Tag: q.Get("tag"),
		Query: strings.TrimSpace(q.Get("q")), FlaggedOnly: q.Get("flagged") == "1", Limit: pg.Limit, Offset: pg.Offset}
	if v := q.Get("visibility"); v != "" {
		if !advice.Visibility(v).Valid() {
			p.Add("visibility", "advice.error.visibility")
		} else if auth.CanReadEntry(u, v) != nil {
			f.Visibilities = nil // a visibility the user may not read lists nothing
		} else {
			f.Visibilities = []advice.Visibility{advice.Visibility(v)}
		}
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

type kbListPage struct {
	advicePage
	Items  []advice.Entry
	Total  int
	Pager  Pager
	Query  url.Values
	Filter advice.EntryFilter
	Tags   []string
}

// ExportQuery keeps the search for the CSV and XLSX links.
func (p kbListPage) ExportQuery() string {
	q := cloneQuery(p.Query)
	q.Del("offset")
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// Visibilities are the choices of the visibility filter and form.
func (advicePage) Visibilities() []advice.Visibility { return advice.Visibilities }

// kbList searches the knowledge base: anyone reads the public entries, signed-in users
// the internal ones, coordinators the drafts.
func (ui *UI) kbList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := entryFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := ui.Advice.SearchEntries(ctx, f)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "advice.kb.title")
	if err != nil {
		return err
	}
	ap.Sub = "kb"
	p := kbListPage{advicePage: ap, Total: total, Query: r.URL.Query(), Filter: f,
		Pager: newPager("/kb", r.URL.Query(), total, f.Limit, f.Offset)}
	for _, e := range items {
		p.Items = append(p.Items, readableEntry(u, e))
	}
	if p.Tags, err = ui.readableTags(ctx, u); err != nil {
		return err
	}
	if u == nil {
		w.Header().Set("Cache-Control", "public")
	}
	ui.render(w, r, http.StatusOK, "advice/kb", p)
	return nil
}

// readableTags lists the tags of the entries u may read, so a draft's tags do not show.
func (ui *UI) readableTags(ctx context.Context, u *auth.User) ([]string, error) {
	if auth.CanManageKnowledge(u) == nil {
		return ui.Advice.EntryTags(ctx)
	}
	all, _, err := ui.Advice.SearchEntries(ctx, advice.EntryFilter{Visibilities: visibilitiesOf(u), Limit: kovit.MaxLimit})
	var out []string
	for _, e := range all {
		for _, t := range e.Tags {
			if !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readableEntry leaves the link back to the question to coordinators.
func readableEntry(u *auth.User, e advice.Entry) advice.Entry {
	if auth.CanManageKnowledge(u) != nil {
		return e.Anonymous()
	}
	return e
}

// kbExport sends the entries the search selects that the user may read.
func (ui *UI) kbExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := entryFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	var items []advice.Entry
	for f.Offset = 0; ; f.Offset += kovit.MaxLimit {
		f.Limit = kovit.MaxLimit
		page, total, err := ui.Advice.SearchEntries(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range page {
			items = append(items, readableEntry(u, e))
		}
		if f.Offset+f.Limit >= total {
			break
		}
	}
	return tabular.WriteHTTP(w, r, "teadmusbaas", advice.EntriesSheet(items, lang(r)))
}

// readEntry is entry id if the user may read it; one they may not is answered as a
// missing one is.
func (ui *UI) readEntry(ctx context.Context, id int64) (advice.Entry, error) {
	u := auth.UserFrom(ctx)
	e, err := ui.Advice.Entry(ctx, id)
	if err != nil {
		if auth.CanReadInternal(u) != nil {
			return e, err
		}
		return e, auth.HideMissing(u, err)
	}
	if err := auth.CanReadEntry(u, string(e.Visibility)); err != nil {
		if u == nil {
			return e, kovit.NotFound() // the public learns nothing of drafts and internal entries
		}
		return e, err
	}
	return readableEntry(u, e), nil
}

type kbEntryPage struct {
	advicePage
	E      advice.Entry
	Events []audit.Event
}

func (ui *UI) kbShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := ui.readEntry(ctx, id)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "")
	if err != nil {
		return err
	}
	ap.Title, ap.Sub = e.Title, "kb"
	p := kbEntryPage{advicePage: ap, E: e}
	if ap.Coordinator() {
		if p.Events, _, err = ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindKBEntry, EntityID: strconv.FormatInt(id, 10), Limit: 100}); err != nil {
			return err
		}
	}
	if auth.UserFrom(ctx) == nil {
		w.Header().Set("Cache-Control", "public")
	}
	ui.render(w, r, http.StatusOK, "advice/kb_entry", p)
	return nil
}

type kbFormPage struct {
	advicePage
	E        advice.Entry
	TagsText string
	Form     form
}

// kbNew is the form of a new entry; ?inquiry= fills it from an answered question with the
// municipality's name taken out.
func (ui *UI) kbNew(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageKnowledge(auth.UserFrom(ctx)); err != nil {
		return err
	}
	e := advice.Entry{Topic: advice.TopicLaw, Visibility: advice.Draft}
	if s := r.URL.Query().Get("inquiry"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return kovit.NotFound()
		}
		q, err := ui.Advice.Inquiry(ctx, id)
		if err != nil {
			return err
		}
		names := []string{}
		if m, err := ui.Municipalities.Municipality(ctx, q.MunicipalityEHAK); err == nil {
			names = append(names, m.Name, strings.Fields(m.Name)[0])
		}
		e = advice.FromInquiry(q, names)
	}
	return ui.renderKBForm(w, r, http.StatusOK, e, strings.Join(e.Tags, "\n"), nil)
}

func (ui *UI) renderKBForm(w http.ResponseWriter, r *http.Request, status int, e advice.Entry, tags string, problems kovit.Problems) error {
	key := "advice.kb.new"
	if e.ID != 0 {
		key = "advice.kb.edit"
	}
	ap, err := ui.advicePage(r, key)
	if err != nil {
		return err
	}
	ap.Sub = "kb"
	ui.render(w, r, status, "advice/kb_form", kbFormPage{advicePage: ap, E: e, TagsText: tags, Form: form{Problems: problems}})
	return nil
}

func entryFromForm(r *http.Request, p *kovit.Problems) (advice.Entry, string) {
	tags := r.PostFormValue("tags")
	e := advice.Entry{Title: r.PostFormValue("title"), Question: r.PostFormValue("question"), Answer: r.PostFormValue("answer"),
		Topic: advice.Topic(r.PostFormValue("topic")), Visibility: advice.Visibility(r.PostFormValue("visibility")),
		ReviewedOn: r.PostFormValue("reviewed_on"), Tags: strings.Split(tags, "\n")}
	if id := r.PostFormValue("inquiry_id"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			p.Add("inquiry_id", "advice.error.inquiry")
		}
		e.InquiryID = &n
	}
	return e, tags
}

func (ui *UI) kbCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageKnowledge(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	e, tags := entryFromForm(r, &problems)
	var created advice.Entry
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Advice.CreateEntry(ctx, e); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/kb/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderKBForm(w, r, status, e, tags, problems)
}

func (ui *UI) kbEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageKnowledge(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := ui.Advice.Entry(ctx, id)
	if err != nil {
		return err
	}
	return ui.renderKBForm(w, r, http.StatusOK, e, strings.Join(e.Tags, "\n"), nil)
}

func (ui *UI) kbUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageKnowledge(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	e, tags := entryFromForm(r, &problems)
	e.ID, e.Version = id, formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Advice.UpdateEntry(ctx, e); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/kb/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	current, err := ui.Advice.Entry(ctx, id)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "advice.kb.edit")
	if err != nil {
		return err
	}
	p := kbFormPage{advicePage: ap, E: e, TagsText: tags}
	p.Form.refused(p.L, status, problems, &p.E.Version, current.Version)
	ui.render(w, r, status, "advice/kb_form", p)
	return nil
}
