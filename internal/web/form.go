package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// form carries a submitted form's problems back to its template.
type form struct {
	Problems kovit.Problems
	Message  string // a message for the whole form, e.g. a conflict
	// Prefix begins the ids of the form's fields where a page has several forms with the
	// same field names (a row of a table each); "" means the usual "f-".
	Prefix string
}

// FieldID is the id of the form's field name, which its error summary links to.
func (f form) FieldID(name string) string {
	if f.Prefix == "" {
		return "f-" + name
	}
	return f.Prefix + name
}

// Error returns the translated message for field, or "".
func (f form) Error(l *i18n.Printer, field string) string {
	for _, p := range f.Problems {
		if p.Field == field {
			return l.T(p.Key)
		}
	}
	return ""
}

// refused fills f after a save trySave did not make: the field problems and, for a stale
// version, the conflict message unless the handler has set a more telling one. On a
// conflict *version, when given, becomes current: the form shows what was typed on the
// version stored now, so that a second save is a deliberate choice.
func (f *form) refused(l *i18n.Printer, status int, problems kovit.Problems, version *int, current int) {
	f.Problems = problems
	if status != http.StatusConflict {
		return
	}
	if f.Message == "" {
		f.Message = l.T("error.conflict")
	}
	if version != nil {
		*version = current
	}
}

// trySave runs save unless the form already has problems, and sorts what happened into
// what a form page does next: 0 when saved, 422 with the field problems, 409 for a stale
// version. Any other error is returned for the error page.
func trySave(problems kovit.Problems, save func() error) (int, kovit.Problems, error) {
	if len(problems) > 0 {
		return http.StatusUnprocessableEntity, problems, nil
	}
	err := save()
	switch kovit.ErrorCode(err) {
	case "":
		return 0, nil, nil
	case kovit.EInvalid:
		return http.StatusUnprocessableEntity, kovit.FieldsOf(err), nil
	case kovit.EConflict:
		if e := kovit.AsError(err); e != nil && e.Key == "error.conflict" {
			return http.StatusConflict, nil, nil
		}
	}
	return 0, nil, err
}

// pathID reads a numeric path value; anything else is not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, kovit.NotFound()
	}
	return id, nil
}

// wholeNumber is the one rule for a whole-number field of a form or a query; empty is 0.
// Every such field kovit has (a version, a year, a count, a percentage, an id) is 0 or
// more, so a negative is refused as a non-number is, naming the field; a narrower range is
// the domain's to check.
func wholeNumber(s, name string, p *kovit.Problems) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		p.Add(name, "error.number")
		return 0
	}
	return n
}

// intParam reads a whole number from a query or an already parsed form (wholeNumber).
func intParam(q url.Values, name string, p *kovit.Problems) int {
	return wholeNumber(q.Get(name), name, p)
}

// formInt reads a whole number from a posted form (wholeNumber).
func formInt(r *http.Request, name string, p *kovit.Problems) int {
	return wholeNumber(r.PostFormValue(name), name, p)
}

// formID reads an optional id from a form; empty or 0 is nil.
func formID(r *http.Request, name string, p *kovit.Problems) *int64 {
	v := formInt(r, name, p)
	if v <= 0 {
		return nil
	}
	id := int64(v)
	return &id
}

// formIDs reads the ids of a checkbox group, skipping the hidden empty value.
func formIDs(r *http.Request, name, key string, problems *kovit.Problems) []int64 {
	var out []int64
	for _, v := range r.PostForm[name] {
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add(name, key)
			return nil
		}
		out = append(out, id)
	}
	return out
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

// optionalDate reads a form date as 2026-11-25 or 25.11.2026; empty is nil.
func optionalDate(r *http.Request, name string, p *kovit.Problems) *time.Time {
	d, ok := tabular.ParseDate(r.PostFormValue(name))
	if !ok {
		p.Add(name, "error.date")
	}
	return d
}

// dateValue is an optional date as an <input type=date> value.
func dateValue(t *time.Time) string {
	if t == nil || t.IsZero() { // a form sent back without a valid day shows none, not 0001-01-01
		return ""
	}
	return t.Format(time.DateOnly)
}

// moneyValue writes an amount for a form field, with a decimal comma in Estonian.
func moneyValue(m *kovit.Money, lang string) string {
	if m == nil {
		return ""
	}
	s := strings.TrimSuffix(m.String(), ".00")
	if lang == "et" {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// formMoney reads an amount in euros, e.g. "1 234,50", from a form; empty is nil. key is
// the module's message for an amount that cannot be read.
func formMoney(r *http.Request, name, key string, p *kovit.Problems) *kovit.Money {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return nil
	}
	m, err := kovit.ParseMoney(s)
	if err != nil {
		p.Add(name, key)
		return nil
	}
	return &m
}
