package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"kovit/internal/kovit"
)

// Printer speaks one language. Templates call it as {{.L.T "key"}}.
type Printer struct {
	Lang    string
	catalog *Catalog
	loc     *goi18n.Localizer
	plain   map[string]string
}

// T returns the message id in the printer's language. Args are name/value pairs for the
// message's template, e.g. T("list.count", "Count", 79); a "Count" argument also chooses
// the plural form.
func (p *Printer) T(id string, args ...any) string {
	if len(args) == 0 {
		if s, ok := p.plain[id]; ok {
			return s
		}
	}
	data := map[string]any{}
	var count any
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		data[name] = args[i+1]
		if name == "Count" {
			count = args[i+1]
		}
	}
	s, err := p.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil || !p.catalog.ids[p.Lang][id] {
		p.catalog.missing.Store(p.Lang+":"+id, true)
		if s == "" {
			return id
		}
	}
	return s
}

// Has reports whether the message exists in this language.
func (p *Printer) Has(id string) bool { return p.catalog.ids[p.Lang][id] }

// Date formats a day: 25.11.2026 in Estonian, 25 Nov 2026 in English.
func (p *Printer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang == "et" {
		return t.Format("02.01.2006")
	}
	return t.Format("2 Jan 2006")
}

// DateTime formats a moment in Estonian time, where kovit's users are.
func (p *Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(kovit.Estonia)
	if p.Lang == "et" {
		return t.Format("02.01.2006 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}

// Int formats a whole number: 1 234 in Estonian (no-break space), 1,234 in English.
func (p *Printer) Int(n int) string { return p.Num(float64(n), 0) }

// Num formats a number with prec decimals: 1 234,5 in Estonian, 1,234.5 in English.
func (p *Printer) Num(f float64, prec int) string {
	group, decimal := "\u00a0", ","
	if p.Lang == "en" {
		group, decimal = ",", "."
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', prec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if f < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a percentage with prec decimals: 52 % in Estonian, which puts a no-break
// space before the sign, 52% in English. Every percentage on a page or chart goes through it.
func (p *Printer) Percent(f float64, prec int) string {
	if p.Lang == "en" {
		return p.Num(f, prec) + "%"
	}
	return p.Num(f, prec) + "\u00a0%"
}

// PercentInt is Percent for a whole number of percent, as completion is kept.
func (p *Printer) PercentInt(n int) string { return p.Percent(float64(n), 0) }
