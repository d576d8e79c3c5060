package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// advicePage is what every page of the advice module shows: the module's sub-navigation
// and the municipalities' names.
type advicePage struct {
	Page
	Sub   string // the current sub-navigation entry: inquiries, stats, kb, rounds
	names map[string]string
	cal   *advice.Calendar
}

// Name is a municipality's name by its EHAK code.
func (p advicePage) Name(ehak string) string {
	if n, ok := p.names[ehak]; ok {
		return n
	}
	return ehak
}

// Coordinator reports whether the user works for the association: takes up and answers
// questions, keeps the knowledge base.
func (p advicePage) Coordinator() bool { return auth.Allowed(auth.CanManageKnowledge(p.User)) }

// Topics and States are the choices the forms and filters offer.
func (advicePage) Topics() []advice.Topic { return advice.Topics }
func (advicePage) States() []advice.State { return advice.States }

func (ui *UI) advicePage(r *http.Request, titleKey string) (advicePage, error) {
	p := advicePage{Page: ui.page(r, titleKey)}
	p.Nav = "advice"
	names, err := ui.municipalityNames(r.Context())
	p.names = names
	return p, err
}

func (ui *UI) municipalityNames(ctx context.Context) (map[string]string, error) {
	ms, err := ui.allMunicipalities(ctx)
	out := make(map[string]string, len(ms))
	for _, m := range ms {
		out[m.EHAK] = m.Name
	}
	return out, err
}

// inquiryRow is a question in a list with its clock.
type inquiryRow struct {
	advice.Inquiry
	Clock advice.Clock
}

type inquiryListPage struct {
	advicePage
	Items          []inquiryRow
	Total          int
	Pager          Pager
	Query          url.Values
	Filter         advice.InquiryFilter
	Municipalities []municipality.Municipality
	CanAsk         bool
}

// ExportQuery keeps the filters for the CSV and XLSX links.
func (p inquiryListPage) ExportQuery() string {
	q := cloneQuery(p.Query)
	q.Del("offset")
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// inquiryFilter reads a list's filters, narrowed to the questions the user may read.
func inquiryFilter(u *auth.User, q url.Values) (advice.InquiryFilter, error) {
	ehak, err := auth.InquiryScope(u)
	if err != nil {
		return advice.InquiryFilter{}, err
	}
	var p kovit.Problems
	pg := readPage(q, 50, &p)
	f := advice.InquiryFilter{MunicipalityEHAK: q.Get("municipality"), Topic: advice.Topic(q.Get("topic")),
		Year: intParam(q, "year", &p), Limit: pg.Limit, Offset: pg.Offset}
	if s := q.Get("state"); s != "" {
		f.States = []advice.State{advice.State(s)}
	}
	if !f.Within(ehak) {
		return f, kovit.Forbidden()
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) inquiryList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := inquiryFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := ui.Advice.ListInquiries(ctx, f)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "advice.inquiries.title")
	if err != nil {
		return err
	}
	ap.Sub = "inquiries"
	p := inquiryListPage{advicePage: ap, Total: total, Query: r.URL.Query(), Filter: f,
		Pager: newPager("/inquiries", r.URL.Query(), total, f.Limit, f.Offset), CanAsk: auth.Allowed(auth.CanImport(u))}
	now := ui.Now()
	for _, q := range items {
		p.Items = append(p.Items, inquiryRow{q, ui.Calendar.Clock(q, now)})
	}
	if ap.Coordinator() {
		if p.Municipalities, err = ui.allMunicipalities(ctx); err != nil {
			return err
		}
	}
	ui.render(w, r, http.StatusOK, "advice/inquiries", p)
	return nil
}

// inquiryExport sends the questions the filters select, with their clocks.
func (ui *UI) inquiryExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, err := inquiryFilter(auth.UserFrom(ctx), r.URL.Query())
	if err != nil {
		return err
	}
	var items []advice.Inquiry
	for f.Offset = 0; ; f.Offset += kovit.MaxLimit {
		f.Limit = kovit.MaxLimit
		page, total, err := ui.Advice.ListInquiries(ctx, f)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if f.Offset+f.Limit >= total {
			break
		}
	}
	names, err := ui.municipalityNames(ctx)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "kusimused", advice.InquiriesSheet(ui.Calendar, items, names, ui.Now(), lang(r)))
}

type inquiryFormPage struct {
	advicePage
	In             advice.Inquiry
	LinksText      string
	Municipalities []municipality.Municipality
	Form           form
}

func (ui *UI) inquiryNew(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanImport(u); err != nil {
		return err
	}
	return ui.renderInquiryForm(w, r, http.StatusOK, advice.Inquiry{MunicipalityEHAK: auth.ListScope(u).Municipality, Topic: advice.TopicLaw}, "", nil)
}

func (ui *UI) renderInquiryForm(w http.ResponseWriter, r *http.Request, status int, in advice.Inquiry, links string, problems kovit.Problems) error {
	ap, err := ui.advicePage(r, "advice.inquiry.new")
	if err != nil {
		return err
	}
	p := inquiryFormPage{advicePage: ap, In: in, LinksText: links, Form: form{Problems: problems}}
	if auth.ListScope(ap.User).EveryMunicipality() {
		if p.Municipalities, err = ui.allMunicipalities(r.Context()); err != nil {
			return err
		}
	}
	ui.render(w, r, status, "advice/inquiry_new", p)
	return nil
}

// inquiryCreate asks the association a question on a municipality's behalf.
func (ui *UI) inquiryCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	ehak := r.PostFormValue("municipality_ehak")
	if ehak == "" {
		ehak = auth.ListScope(u).Municipality
	}
	if err := auth.CanAskInquiry(u, ehak); err != nil {
		return err
	}
	links := r.PostFormValue("links")
	in := advice.Inquiry{MunicipalityEHAK: ehak, Topic: advice.Topic(r.PostFormValue("topic")), Subject: r.PostFormValue("subject"),
		Question: r.PostFormValue("question"), Links: strings.Split(links, "\n")}
	var created advice.Inquiry
	status, problems, err := trySave(nil, func() (err error) { created, err = ui.Advice.CreateInquiry(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/inquiries/"+strconv.FormatInt(created.ID, 10), "advice.flash.asked")
	}
	return ui.renderInquiryForm(w, r, status, in, links, problems)
}

// readableInquiry is question id if the user may read it; one they may not is answered
// as a missing one is.
func (ui *UI) readableInquiry(ctx context.Context, id int64) (advice.Inquiry, error) {
	q, err := ui.Advice.Inquiry(ctx, id)
	if err != nil {
		return q, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return q, auth.CanReadInquiry(auth.UserFrom(ctx), q.MunicipalityEHAK)
}

// inquiryPage is one question: its clock, answer, the moves the user may make, its history.
type inquiryPage struct {
	advicePage
	Q      advice.Inquiry
	Clock  advice.Clock
	Moves  []advice.State
	Events []audit.Event
	Move   advice.Move
	Form   form
}

// MoveLabel names a move's button.
func (p inquiryPage) MoveLabel(to advice.State) string {
	if to == advice.InProgress && p.Q.State != advice.New {
		if p.Q.State == advice.Waiting {
			return p.L.T("advice.move.reply")
		}
		return p.L.T("advice.move.reopen")
	}
	return p.L.T("advice.move." + string(to))
}

func (ui *UI) inquiryShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.loadInquiry(r, id)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "advice/inquiry", p)
	return nil
}

func (ui *UI) loadInquiry(r *http.Request, id int64) (inquiryPage, error) {
	ctx := r.Context()
	q, err := ui.readableInquiry(ctx, id)
	if err != nil {
		return inquiryPage{}, err
	}
	ap, err := ui.advicePage(r, "")
	if err != nil {
		return inquiryPage{}, err
	}
	ap.Title = q.Subject
	p := inquiryPage{advicePage: ap, Q: q, Clock: ui.Calendar.Clock(q, ui.Now())}
	for _, to := range advice.States {
		m := advice.Move{To: to, Answer: "x", Note: "x"}
		if m.Check(q.State) == nil && auth.CanMoveInquiry(ap.User, q.MunicipalityEHAK, m.ByMunicipality(q.State)) == nil {
			p.Moves = append(p.Moves, to)
		}
	}
	p.Events, _, err = ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindInquiry, EntityID: strconv.FormatInt(id, 10), Limit: 100})
	return p, err
}

// inquiryMove moves a question on: the association takes it up, asks back or answers; the
// municipality replies, closes or reopens it.
func (ui *UI) inquiryMove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q, err := ui.readableInquiry(ctx, id)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	m := advice.Move{To: advice.State(r.PostFormValue("to")), Answer: r.PostFormValue("answer"), Note: r.PostFormValue("note"),
		Version: formInt(r, "version", &problems)}
	if err := auth.CanMoveInquiry(auth.UserFrom(ctx), q.MunicipalityEHAK, m.ByMunicipality(q.State)); err != nil {
		return err
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Advice.MoveInquiry(ctx, id, m); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/inquiries/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadInquiry(r, id)
	if err != nil {
		return err
	}
	p.Form.refused(p.L, status, problems, &m.Version, p.Q.Version)
	p.Move = m
	ui.render(w, r, status, "advice/inquiry", p)
	return nil
}

// statsPage is the association's answering record: per topic and year.
type statsPage struct {
	advicePage
	Stats []advice.Stat
}

// inquiryStats shows the medians and shares on time to every signed-in user: they count
// questions and name no municipality.
func (ui *UI) inquiryStats(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	all, err := ui.Advice.AllInquiries(ctx)
	if err != nil {
		return err
	}
	stats := ui.Calendar.Statistics(all)
	if strings.HasSuffix(r.URL.Path, ".csv") || strings.HasSuffix(r.URL.Path, ".xlsx") {
		return tabular.WriteHTTP(w, r, "statistika", advice.StatsSheet(stats, lang(r)))
	}
	ap, err := ui.advicePage(r, "advice.stats.title")
	if err != nil {
		return err
	}
	ap.Sub = "stats"
	ui.render(w, r, http.StatusOK, "advice/stats", statsPage{advicePage: ap, Stats: stats})
	return nil
}

// When is t's Estonian calendar day, as the clock counts it.
func (p advicePage) When(t time.Time) string { return p.L.Date(t.In(kovit.Estonia)) }

// Share is a share on time as a percentage, "–" before any answer.
func (p advicePage) Share(f *float64) string {
	if f == nil {
		return "–"
	}
	return p.L.Percent(*f*100, 0)
}

// Days is a median in working days, "–" before any answer.
func (p advicePage) Days(f *float64) string {
	if f == nil {
		return "–"
	}
	return p.L.Num(*f, 1)
}

// clockView hands the "advice-clock" partial the printer with a clock.
type clockView struct {
	L *i18n.Printer
	C advice.Clock
}

// ClockView is c for the "advice-clock" partial.
func (p advicePage) ClockView(c advice.Clock) clockView { return clockView{p.L, c} }
