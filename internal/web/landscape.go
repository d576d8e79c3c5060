package web

import (
	"context"
	"net/http"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// landscapePage is the Page of every catalogue and landscape page, with what they share.
type landscapePage struct {
	Page
	// Names are the municipalities' names by EHAK code.
	Names map[string]string
	// all are the municipalities the names come from, for a handler that needs more of
	// them than their names without reading them again.
	all []municipality.Municipality
}

// Name is a municipality's name, or its code when unknown.
func (p landscapePage) Name(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

// Money shows an amount in euros, or a dash when there is none.
func (p landscapePage) Money(m *kovit.Money) string {
	if m == nil {
		return "–"
	}
	return needPage{Page: p.Page}.Money(*m)
}

// MoneyOf shows an amount in euros.
func (p landscapePage) MoneyOf(m kovit.Money) string { return needPage{Page: p.Page}.Money(m) }

// Day shows a YYYY-MM-DD date as the language writes dates, or a dash.
func (p landscapePage) Day(s string) string {
	if s == "" {
		return "–"
	}
	return p.L.DateText(s)
}

// Coordinator reports whether the user keeps the catalogue.
func (p landscapePage) Coordinator() bool { return auth.Allowed(auth.CanEditCatalogue(p.User)) }

// SeesRows reports whether the user reads landscape rows, not only counts.
func (p landscapePage) SeesRows() bool { return auth.Allowed(auth.CanReadLandscape(p.User)) }

func (p landscapePage) Kinds() []landscape.Kind                    { return landscape.Kinds }
func (p landscapePage) Areas() []landscape.Area                    { return landscape.Areas }
func (p landscapePage) States() []landscape.State                  { return landscape.States }
func (p landscapePage) Statuses() []landscape.Status               { return landscape.Statuses }
func (p landscapePage) Verdicts() []landscape.Verdict              { return landscape.Verdicts }
func (p landscapePage) VersionStatuses() []landscape.VersionStatus { return landscape.VersionStatuses }

func (ui *UI) landscapePage(r *http.Request, titleKey string) (landscapePage, error) {
	p := landscapePage{Page: ui.page(r, titleKey)}
	p.Nav = "solutions"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return p, err
	}
	p.all = ms
	p.Names = make(map[string]string, len(ms))
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
	}
	return p, nil
}

// readableSolution loads a solution the user may read. A proposal is hidden from the
// public as a missing solution is, so nobody learns what has been proposed.
func (ui *UI) readableSolution(ctx context.Context, id int64) (landscape.Solution, error) {
	s, err := ui.Landscape.Solution(ctx, id)
	if err != nil {
		return s, err
	}
	if auth.CanReadSolution(auth.UserFrom(ctx), s.State == landscape.Accepted) != nil {
		return s, kovit.NotFound()
	}
	return s, nil
}

// solutionNames names every solution of the catalogue by id, merged ones included, for
// rows and exports.
func (ui *UI) solutionNames(ctx context.Context) (map[int64]string, []landscape.Solution, error) {
	all, _, err := ui.Landscape.ListSolutions(ctx, landscape.SolutionFilter{States: landscape.States, Limit: kovit.MaxLimit})
	names := make(map[int64]string, len(all))
	for _, s := range all {
		names[s.ID] = s.Name
	}
	return names, all, err
}

// splitList reads a form's list typed with commas, semicolons or new lines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == '\n' || c == '\r' })
}

// Msg pairs the page's printer with one of its forms, for the form-message partial.
func (p landscapePage) Msg(f form) messageView { return messageView{p.L, f} }
