package web

import (
	"context"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/tabular"
)

// planPage is the Page of every action-plan page, with the formatting those pages share.
type planPage struct {
	Page
}

// Text shows et/en data text in the page's language. The seeded strategies lack some
// Estonian wording: the English stands in, marked as such so no reader takes it for a slip.
func (p planPage) Text(et, en string) template.HTML {
	if (p.L.Lang == "en" && en != "") || strings.TrimSpace(et) == "" {
		if p.L.Lang == "et" && en != "" {
			return template.HTML(`<span lang="en">` + template.HTMLEscapeString(en) + `</span> <small class="lang-mark">(` +
				template.HTMLEscapeString(p.L.T("planui.in_english")) + `)</small>`)
		}
		return template.HTML(template.HTMLEscapeString(en))
	}
	return template.HTML(template.HTMLEscapeString(et))
}

// Percent shows a progress share (0..1) as a whole percentage.
func (p planPage) Percent(share float64) string { return p.L.Num(math.Round(share*100), 0) + "%" }

// Whole is a share as a whole number of percent, for <progress value>.
func (p planPage) Whole(share float64) int { return int(math.Round(share * 100)) }

// StatusName names a status of a strategy's list in the page's language.
func (p planPage) StatusName(ss plan.Statuses, key string) string {
	s, ok := ss.Find(key)
	if !ok {
		return key
	}
	if p.L.Lang == "en" && s.NameEn != "" {
		return s.NameEn
	}
	return s.NameEt
}

// LevelName names the level kind of a strategy's tree in the page's language.
func (p planPage) LevelName(levels plan.Levels, k plan.Kind) string {
	n := levels.Of(k)
	if p.L.Lang == "en" && n.En != "" {
		return n.En
	}
	return n.Et
}

// Day formats an optional date.
func (p planPage) Day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return p.L.Date(*t)
}

// readableStrategy loads a strategy the user may see (plan.CheckRead).
func (ui *UI) readableStrategy(ctx context.Context, id int64) (plan.Strategy, error) {
	s, err := ui.Plans.Strategy(ctx, id)
	if err == nil {
		err = plan.CheckRead(ctx, ui.Plans, s, auth.StrategyReader(auth.UserFrom(ctx)))
	}
	if err != nil {
		return plan.Strategy{}, err
	}
	return s, nil
}

// mayEditStrategy is the policy's answer for s: nil when the user may change it. A failed
// owner lookup is returned too, so a page hides its forms and a post fails.
func (ui *UI) mayEditStrategy(ctx context.Context, s plan.Strategy) error {
	ehak, err := plan.OwnerEHAK(ctx, ui.Plans, s)
	if err != nil {
		return err
	}
	return auth.CanEditStrategy(auth.UserFrom(ctx), ehak)
}

// mayEditStrategyID is mayEditStrategy for the strategy with id, or for the strategy of
// the node with id when node is set. An unknown id is answered as a national strategy
// would be, so a refused user learns nothing of what exists.
func (ui *UI) mayEditStrategyID(ctx context.Context, id int64, node bool) error {
	if node {
		n, err := ui.Plans.Node(ctx, id)
		if err != nil {
			return auth.HideMissing(auth.UserFrom(ctx), err)
		}
		id = n.StrategyID
	}
	s, err := ui.Plans.Strategy(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return ui.mayEditStrategy(ctx, s)
}

// pathID reads a numeric path value; anything else is not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, kovit.NotFound()
	}
	return id, nil
}

// optionalDate reads a form date as 2026-11-25 or 25.11.2026; empty is nil.
func optionalDate(r *http.Request, name string, p *kovit.Problems) *time.Time {
	d, ok := tabular.ParseDate(r.PostFormValue(name))
	if !ok {
		p.Add(name, "error.date")
	}
	return d
}

// formInt reads a whole number from a form; empty is 0.
func formInt(r *http.Request, name string, p *kovit.Problems) int {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.Add(name, "error.number")
	}
	return n
}

// formFloat reads a decimal number, with a point or an Estonian decimal comma.
func formFloat(r *http.Request, name string, p *kovit.Problems) float64 {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return 0
	}
	f, err := tabular.ParseDecimal(s)
	if err != nil {
		p.Add(name, "error.number")
	}
	return f
}

// dateValue is an optional date as an <input type=date> value.
func dateValue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
