package web

import (
	"kovit/internal/audit"
	"kovit/internal/i18n"
)

// Small view values that let shared partials (templates/layout/partials.html) get both
// the printer and their data through a single template argument.

type pagerView struct {
	L *i18n.Printer
	P Pager
}

type fieldView struct {
	Name, Label, Type, Value, Autocomplete, Error string
	Required                                      bool
}

type changesView struct {
	L *i18n.Printer
	E audit.Event
}

func pagerOf(l *i18n.Printer, p Pager) pagerView { return pagerView{l, p} }

func changesOf(l *i18n.Printer, e audit.Event) changesView { return changesView{l, e} }

// fieldOf describes one labelled input with its error, for the "input" partial.
func fieldOf(l *i18n.Printer, f form, name, labelKey, value, typ, autocomplete string) fieldView {
	return fieldView{Name: name, Label: l.T(labelKey), Type: typ, Value: value, Autocomplete: autocomplete, Error: f.Error(l, name)}
}
