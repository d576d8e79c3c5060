package web

import (
	"net/http"
	"net/url"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/tabular"
)

// needListPage lists the needs a user may see, filtered and paged.
type needListPage struct {
	needPage
	sortState
	Items          []need.Need
	Total          int
	Pager          Pager
	Query          url.Values
	Filter         need.Filter
	Rounds         []need.Round
	Municipalities []municipality.Municipality
	CanCreate      bool
}

// ExportQuery keeps the filters for the CSV and XLSX links.
func (p needListPage) ExportQuery() string {
	q := cloneQuery(p.Query)
	q.Del("offset")
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// needFilter reads the list's filters, narrowed to the needs the user may read: an
// editor's own municipalities' (all of them, or the one the filter names), a reader's
// submitted ones (auth.NeedScopeAll).
func needFilter(u *auth.User, q url.Values) (need.Filter, error) {
	ehaks, submittedOnly, err := auth.NeedScopeAll(u)
	if err != nil {
		return need.Filter{}, err
	}
	var p kovit.Problems
	pg, s := readPage(q, 50, &p), readSort(q, &p)
	f := need.Filter{MunicipalityEHAK: q.Get("municipality"), Category: need.Category(q.Get("category")),
		Query: strings.TrimSpace(q.Get("q")), Offset: pg.Offset, Limit: pg.Limit,
		Sort: s.Field, Desc: s.Desc}
	f.RoundID = int64(intParam(q, "round", &p))
	if s := q.Get("state"); s != "" {
		f.States = []need.State{need.State(s)}
	}
	if !f.WithinAny(ehaks, submittedOnly) {
		return f, kovit.Forbidden()
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) needList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := needFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	items, total, err := ui.Needs.ListNeeds(ctx, f)
	if err != nil {
		return err
	}
	np, err := ui.needPage(r, "needui.list.title")
	if err != nil {
		return err
	}
	p := needListPage{needPage: np, sortState: sortState{"/needs", r.URL.Query(), f.Sort, f.Desc}, Items: items, Total: total, Query: r.URL.Query(), Filter: f,
		Pager:     newPager("/needs", r.URL.Query(), total, f.Limit, f.Offset),
		CanCreate: auth.Allowed(auth.CanImport(u))}
	if p.Rounds, err = ui.Needs.ListRounds(ctx); err != nil {
		return err
	}
	if np.SeesAll() {
		if p.Municipalities, err = ui.allMunicipalities(ctx); err != nil {
			return err
		}
	} else if p.Municipalities, err = ui.ownMunicipalities(ctx, u); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "need/list", p)
	return nil
}

// needExport sends the needs the filters select as CSV or XLSX, in the columns the
// survey import reads (need.NeedsSheet), in the user's language.
func (ui *UI) needExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f, err := needFilter(u, r.URL.Query())
	if err != nil {
		return err
	}
	var items []need.Need
	for f.Offset = 0; ; f.Offset += need.MaxLimit {
		f.Limit = need.MaxLimit
		page, total, err := ui.Needs.ListNeeds(ctx, f)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if f.Offset+f.Limit >= total {
			break
		}
	}
	return tabular.WriteHTTP(w, r, "vajadused", need.NeedsSheet(items, lang(r)))
}
