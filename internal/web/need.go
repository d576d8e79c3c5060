package web

import (
	"context"
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

// needPage is the Page of every needs page, with the formatting those pages share.
type needPage struct {
	Page
	// Names are the municipalities' names by EHAK code.
	Names map[string]string
}

// Money shows an amount in whole euros, e.g. "12 000 €"; cents only when there are any.
func (p needPage) Money(m kovit.Money) string {
	prec := 0
	if m%100 != 0 {
		prec = 2
	}
	return p.L.Num(float64(m)/100, prec) + " €"
}

// Cost is an estimated cost, or a dash when it is not known.
func (p needPage) Cost(m *kovit.Money) string {
	if m == nil {
		return "–"
	}
	return p.Money(*m)
}

// Name is a municipality's name, or its code when unknown.
func (p needPage) Name(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

// Score shows a 0–1 score or similarity as points out of 100.
func (p needPage) Score(f float64) string { return p.L.Num(f*100, 1) }

// Num shows a decimal number with one decimal.
func (p needPage) Num(f float64) string { return p.L.Num(f, 1) }

// Coordinator reports whether the user runs the needs process: reviews, consolidates,
// ranks and maps needs to measures.
func (p needPage) Coordinator() bool { return auth.Allowed(auth.CanEditNational(p.User)) }

// SeesAll reports whether the user reads every municipality's needs (not an editor).
func (p needPage) SeesAll() bool { return auth.ListScope(p.User).EveryMunicipality() }

func (p needPage) Categories() []need.Category { return need.Categories }
func (p needPage) Urgencies() []need.Urgency   { return need.Urgencies }
func (p needPage) States() []need.State        { return need.States }

func (ui *UI) needPage(r *http.Request, titleKey string) (needPage, error) {
	p := needPage{Page: ui.page(r, titleKey)}
	p.Nav = "needs"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return p, err
	}
	p.Names = make(map[string]string, len(ms))
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
	}
	return p, nil
}

// readableNeed loads a need the user may read: an editor only their own municipality's,
// a reader only a submitted one. A missing need is refused as another municipality's
// would be, so nobody learns which needs exist.
func (ui *UI) readableNeed(ctx context.Context, id int64) (need.Need, error) {
	n, err := ui.Needs.Need(ctx, id)
	if err != nil {
		return n, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return n, auth.CanReadNeed(auth.UserFrom(ctx), n.MunicipalityEHAK, n.State.Editable())
}

// mayRead is the rule that keeps of a list or a trace only the needs the page's user may
// read (need.Readable).
func (p needPage) mayRead() need.ReadRule { return auth.NeedReader(p.User) }

// municipalitiesByEHAK is every municipality keyed by its code.
func (ui *UI) municipalitiesByEHAK(ctx context.Context) (map[string]municipality.Municipality, error) {
	ms, err := ui.allMunicipalities(ctx)
	out := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		out[m.EHAK] = m
	}
	return out, err
}

// needFormView gives the shared need-fields partial the printer and the form.
type needFormView struct {
	needPage
	needForm
}

// FormView pairs the page with a need form for the need-fields partial.
func (p needPage) FormView(f needForm) needFormView { return needFormView{p, f} }

// messageView gives the form-message partial one form of a page with several.
type messageView struct {
	L    *i18n.Printer
	Form form
}

// Msg pairs the page's printer with one of its forms, for the form-message partial.
func (p needPage) Msg(f form) messageView { return messageView{p.L, f} }

// consolidatedView gives the consolidated-fields partial the printer, values and form.
type consolidatedView struct {
	needPage
	C    need.Consolidated
	Form form
}

// ConsolidatedView pairs the page with a consolidated need's form values.
func (p needPage) ConsolidatedView(c need.Consolidated, f form) consolidatedView {
	return consolidatedView{p, c, f}
}

func (p needPage) ProjectStatuses() []need.ProjectStatus { return need.ProjectStatuses }

// measureView gives the measure-fields partial the printer and the form.
type measureView struct {
	needPage
	measureForm
}

// MeasureView pairs the page with a measure form.
func (p needPage) MeasureView(f measureForm) measureView { return measureView{p, f} }
