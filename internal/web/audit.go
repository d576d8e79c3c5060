package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

type auditPage struct {
	Page
	Events []audit.Event
	Query  url.Values
	Pager  Pager
}

// auditFilter reads the filter form; dates are days as the date input sends them.
func auditFilter(q url.Values) (audit.Filter, error) {
	var p kovit.Problems
	pg := readPage(q, 0, &p)
	f := audit.Filter{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Action: q.Get("action"),
		Limit: pg.Limit, Offset: pg.Offset}
	if s := q.Get("actor"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			p.Add("actor", "error.number")
		}
		f.ActorID = id
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
		add  int
	}{{"since", &f.Since, 0}, {"until", &f.Until, 1}} {
		if s := q.Get(d.name); s != "" {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				p.Add(d.name, "error.date")
			}
			*d.dst = t.AddDate(0, 0, d.add) // "until" includes the whole day
		}
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) auditList(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadAudit(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := auditFilter(q)
	if err != nil {
		return err
	}
	events, total, err := ui.Audit.ListEvents(r.Context(), f)
	if err != nil {
		return err
	}
	p := auditPage{Page: ui.page(r, "audit.title"), Events: events, Query: q,
		Pager: newPager("/admin/audit", q, total, f.Limit, f.Offset)}
	p.Nav = "audit"
	ui.render(w, r, http.StatusOK, "admin/audit", p)
	return nil
}

func (ui *UI) auditExport(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadAudit(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 500, 0
	events, _, err := ui.Audit.ListEvents(r.Context(), f)
	if err != nil {
		return err
	}
	l := ui.Catalog.Printer(lang(r))
	t := tabular.Table{Sheet: l.T("audit.title"), Header: []string{l.T("audit.at"), l.T("audit.actor"),
		l.T("audit.entity"), l.T("audit.entity_id"), l.T("audit.action"), l.T("audit.before"), l.T("audit.after")}}
	for _, e := range events {
		t.Rows = append(t.Rows, []any{l.DateTime(e.At), e.ActorName, e.Entity, e.EntityID, e.Action, string(e.Before), string(e.After)})
	}
	return tabular.WriteHTTP(w, r, "audit", t)
}
