package web

import (
	"net/http"
	"net/url"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/municipality"
)

// deskPage is a signed-in user's start page (internal/desk): an editor's to-do list in one
// list, a coordinator's queues by kind with filters, a reader's changes by module.
type deskPage struct {
	planPage
	desk.List
	Queues, Editor bool
	Since          time.Time // a reader's previous visit, or how far back the first looks
	Groups         []deskGroup
	Filter         desk.Filter
	Areas          []string
	Counties       []municipality.County
	Names          map[string]string // municipality names by EHAK
	// Choices link to the desk of each municipality of an editor of several.
	Choices []municipalityChoice
	// Following is how many things a reader follows: their changes are narrowed to them.
	Following int
}

type deskGroup struct {
	Key   string // a kind, or a reader's module
	Count int
	Items []desk.Item
	More  string // the module's full list, when the desk shows only the first PerKind
}

// MunicipalityName names a municipality of an item.
func (p deskPage) MunicipalityName(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

// deskRow is one item with its page, for the item template.
type deskRow struct {
	P deskPage
	I desk.Item
}

// Row pairs an item with the page, which names its municipality and speaks its language.
func (p deskPage) Row(i desk.Item) deskRow { return deskRow{p, i} }

// fullLists is where each queue continues past the desk's first PerKind items.
var fullLists = map[desk.Kind]string{desk.CellToVerify: "/eservices", desk.NeedToReview: "/needs?state=submitted",
	desk.StaleActivity: "/plan/attention", desk.CellUnfilled: "/eservices", desk.CellUnconfirmed: "/eservices"}

func (ui *UI) deskShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	want := r.URL.Query().Get("municipality")
	if err := auth.CheckMunicipalityChoice(u, want); err != nil {
		return err
	}
	v := desk.ViewerOf(u, want)
	p := deskPage{planPage: planPage{ui.page(r, "desk.title")}, Queues: v.Queues, Editor: v.Municipality != ""}
	p.Nav = "desk"
	var err error
	if v.Queues {
		p.Filter = desk.Filter{Area: r.URL.Query().Get("area"), County: r.URL.Query().Get("county")}
		if p.Areas, p.Counties, err = ui.Desk.Choices(ctx); err != nil {
			return err
		}
		if err := p.Filter.Check(p.Areas, p.Counties); err != nil {
			return err
		}
		v.Filter = p.Filter
	}
	now := ui.now()
	if v.ReadsChanges() {
		if v.LastVisit, err = ui.Visits.Visit(ctx, u.ID, now); err != nil {
			return err
		}
	}
	if v.ReadsChanges() && ui.Follows != nil {
		fs, err := ui.Follows.Follows(ctx, u.ID)
		if err != nil {
			return err
		}
		p.Following = len(fs)
	}
	p.Since = v.LastVisit
	if p.Since.IsZero() {
		p.Since = now.Add(-desk.FirstVisit)
	}
	if p.List, err = ui.Desk.For(ctx, v, now); err != nil {
		return err
	}
	for i, it := range p.List.Items {
		if it.Kind == desk.CommentOutcome {
			p.List.Items[i].Detail = advice.FatesText(it.Detail, p.L.T)
		}
	}
	// Every municipality, past the list's first page: a large country's queue names
	// municipalities of all its 10,800.
	ms, err := ui.everyMunicipality(ctx)
	if err != nil {
		return err
	}
	p.Names = make(map[string]string, len(ms))
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
	}
	p.Choices = municipalityChoices(v.Municipalities, v.Municipality, p.Names, "/desk")
	p.Groups = deskGroups(p.List)
	for k, g := range p.Groups {
		if g.More != "" && p.Editor && (g.Key == string(desk.CellUnfilled) || g.Key == string(desk.CellUnconfirmed)) {
			p.Groups[k].More = "/municipalities/" + v.Municipality + "/eservices" // their own services, not the matrix
		}
		if g.More != "" && g.Key == string(desk.CellToVerify) {
			p.Groups[k].More = queueMatrixLink(p.Filter) // the matrix as the queue is filtered
		}
	}
	ui.render(w, r, http.StatusOK, "desk/desk", p)
	return nil
}

// deskGroups splits the ordered items by kind, and a reader's changes by module.
func deskGroups(l desk.List) []deskGroup {
	var out []deskGroup
	at := map[string]int{}
	for _, i := range l.Items {
		key, count := string(i.Kind), l.Counts[i.Kind]
		if i.Kind == desk.Changed {
			key, count = "module."+i.Detail, 0
		}
		k, ok := at[key]
		if !ok {
			k, at[key] = len(out), len(out)
			g := deskGroup{Key: key, Count: count}
			if count > desk.PerKind {
				g.More = fullLists[i.Kind]
			}
			out = append(out, g)
		}
		out[k].Items = append(out[k].Items, i)
		if i.Kind == desk.Changed {
			out[k].Count++
		}
	}
	return out
}

// queueMatrixLink is the matrix narrowed as a coordinator's desk filter narrows the
// queue of cells to verify: the same county and area, which the matrix reads by the same
// names.
func queueMatrixLink(f desk.Filter) string {
	q := url.Values{}
	if f.County != "" {
		q.Set("county", f.County)
	}
	if f.Area != "" {
		q.Set("area", f.Area)
	}
	if len(q) == 0 {
		return fullLists[desk.CellToVerify]
	}
	return fullLists[desk.CellToVerify] + "?" + q.Encode()
}
