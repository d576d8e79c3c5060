package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/server"
)

// Page is what every page's layout needs; each page struct embeds it.
type Page struct {
	L         *i18n.Printer
	User      *auth.User
	Title     string
	Path      string // the current URL, to come back to after a language switch
	Nav       string // which main menu entry is current
	Flash     string
	Synthetic bool
	RequestID string
	Unread    int // the signed-in user's unread notifications, on the navigation
	// Waiting is what waits on the user's desk, shown beside it in the navigation.
	Waiting int
	base    string       // the configured base URL, for LangURL
	follows *followState // the user's follows, read when a page shows a Follow button
}

// IsAdmin and the other role checks are for showing menu entries; the handlers enforce.
func (p Page) IsAdmin() bool     { return auth.Allowed(auth.CanAdminister(p.User)) }
func (p Page) CanAudit() bool    { return auth.Allowed(auth.CanReadAudit(p.User)) }
func (p Page) OtherLang() string { return map[string]string{"et": "en", "en": "et"}[p.L.Lang] }

// LangURL is this page's address in language l (the hreflang alternates): absolute when a
// base URL is configured, as search engines want them.
func (p Page) LangURL(l string) string {
	u, err := url.Parse(p.Path)
	if err != nil {
		u = &url.URL{Path: "/"}
	}
	q := u.Query()
	q.Set("lang", l)
	u.RawQuery = q.Encode()
	return p.base + u.RequestURI()
}

// EtLang is "et" where an English page shows a name's Estonian because it has no English
// (en is empty), else "": the element showing it carries it as its lang attribute.
func (p Page) EtLang(en string) string {
	if p.L.Lang == "en" && strings.TrimSpace(en) == "" {
		return "et"
	}
	return ""
}

// Actor is who made a change or wrote an update, with the system's name in the page's language.
func (p Page) Actor(name string) string {
	if name == audit.SystemActor {
		return p.L.T("actor.system")
	}
	return name
}

func (ui *UI) page(r *http.Request, titleKey string) Page {
	p := Page{
		L:         ui.Catalog.Printer(lang(r)),
		User:      auth.UserFrom(r.Context()),
		Path:      r.URL.RequestURI(),
		Synthetic: ui.Synthetic,
		RequestID: server.RequestID(r.Context()),
		base:      strings.TrimRight(ui.BaseURL, "/"),
	}
	p.follows = ui.followStateOf(r.Context(), p.User)
	if titleKey != "" {
		p.Title = p.L.T(titleKey)
	}
	if p.User != nil && ui.Notifications != nil {
		// A count that cannot be read leaves the navigation without it, not the page.
		p.Unread, _ = ui.Notifications.UnreadNotifications(r.Context(), p.User.ID)
	}
	if key := ui.Auth.Sessions.PopString(r.Context(), "flash"); key != "" {
		p.Flash = p.L.T(key)
	}
	if p.User != nil && ui.Desk != nil {
		// A count that cannot be read leaves the menu without it, not the page unserved.
		var err error
		if p.Waiting, err = ui.deskWaiting(r.Context(), p.User); err != nil {
			ui.Logger.Warn("desk count", "err", err, "id", p.RequestID)
		}
	}
	return p
}

// lang is the language a page is served in (i18n.CookieLang).
func lang(r *http.Request) string { return i18n.CookieLang(r) }

// errorPage shows an error with its status.
type errorPage struct {
	Page
	Status  int
	Message string
	Fields  []string
}

// Pager is the paging state of a list page.
type Pager struct {
	Total, Limit, Offset int
	query                url.Values
	path                 string
}

func newPager(path string, q url.Values, total, limit, offset int) Pager {
	return Pager{Total: total, Limit: limit, Offset: offset, query: q, path: path}
}

func (p Pager) From() int { return min(p.Offset+1, p.Total) }
func (p Pager) To() int   { return min(p.Offset+p.Limit, p.Total) }
func (p Pager) HasPrev() bool {
	return p.Offset > 0
}
func (p Pager) HasNext() bool { return p.Offset+p.Limit < p.Total }
func (p Pager) Prev() string  { return p.at(max(p.Offset-p.Limit, 0)) }
func (p Pager) Next() string  { return p.at(p.Offset + p.Limit) }

func (p Pager) at(offset int) string {
	q := cloneQuery(p.query)
	q.Set("offset", strconv.Itoa(offset))
	return p.path + "?" + q.Encode()
}

// readPage reads a list page's limit and offset by kovit.ParsePage, the API's rule too;
// def is the page's own page size, 0 for its filter's.
func readPage(q url.Values, def int, problems *kovit.Problems) kovit.Page {
	pg, err := kovit.ParsePage(q, def)
	*problems = append(*problems, kovit.FieldsOf(err)...)
	return pg
}

// readSort reads a list page's sort and order by kovit.ParseSort, the API's rule too.
func readSort(q url.Values, problems *kovit.Problems) kovit.Sort {
	s, err := kovit.ParseSort(q)
	*problems = append(*problems, kovit.FieldsOf(err)...)
	return s
}

// sortState gives a list page its sortable column headers; list pages embed it, so
// templates call {{.SortLink "name"}} and {{.AriaSort "name"}}.
type sortState struct {
	path  string
	query url.Values
	field string
	desc  bool
}

// SortLink returns the URL that sorts the list by field, flipping the order when the list
// is already sorted by it. A new order starts again from the first page.
func (s sortState) SortLink(field string) string {
	q := cloneQuery(s.query)
	q.Del("offset")
	q.Del("order")
	q.Set("sort", field)
	if s.field == field && !s.desc {
		q.Set("order", "desc")
	}
	return s.path + "?" + q.Encode()
}

// AriaSort is the aria-sort value of a column header.
func (s sortState) AriaSort(field string) string {
	switch {
	case s.field != field:
		return "none"
	case s.desc:
		return "descending"
	}
	return "ascending"
}

func cloneQuery(q url.Values) url.Values {
	out := make(url.Values, len(q))
	for k, v := range q {
		out[k] = v
	}
	return out
}
