package web

import (
	"context"
	"html/template"
	"math"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// planPage is the Page of every action-plan page, with the formatting those pages share.
type planPage struct {
	Page
}

// Text shows et/en data text in the page's language. The seeded strategies lack some
// Estonian wording: the English stands in, marked as such so no reader takes it for a slip;
// the Estonian that stands in on an English page carries lang="et".
func (p planPage) Text(et, en string) template.HTML {
	if (p.L.Lang == "en" && en != "") || strings.TrimSpace(et) == "" {
		if p.L.Lang == "et" && en != "" {
			return template.HTML(`<span lang="en">` + template.HTMLEscapeString(en) + `</span> <small class="lang-mark">(` +
				template.HTMLEscapeString(p.L.T("planui.in_english")) + `)</small>`)
		}
		return template.HTML(template.HTMLEscapeString(en))
	}
	if p.L.Lang == "en" {
		// Estonian standing in on an English page is marked for screen readers and translators.
		return template.HTML(`<span lang="et">` + template.HTMLEscapeString(et) + `</span>`)
	}
	return template.HTML(template.HTMLEscapeString(et))
}

// TextLang is "en" where Text shows English standing in on an Estonian page, "et" where
// it shows Estonian standing in on an English page, else "". An
// <option> holds text only, so it carries this as its lang attribute.
func (p planPage) TextLang(et, en string) string {
	if p.L.Lang == "et" && strings.TrimSpace(et) == "" && en != "" {
		return "en"
	}
	if p.L.Lang == "en" && en == "" && strings.TrimSpace(et) != "" {
		return "et"
	}
	return ""
}

// PlainText is Text as plain text, for an <option>: the English that stands in, unmarked
// but for the option's lang (TextLang).
func (p planPage) PlainText(et, en string) string {
	if p.TextLang(et, en) == "en" || (p.L.Lang == "en" && en != "") {
		return en
	}
	return et
}

// Percent shows a progress share (0..1) as a whole percentage.
func (p planPage) Percent(share float64) string { return p.L.Percent(math.Round(share*100), 0) }

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

// Period is a span of optional dates, saying which end is missing instead of "… – …".
func (p planPage) Period(start, end *time.Time) string {
	return p.L.Period(dateValue(start), dateValue(end))
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
