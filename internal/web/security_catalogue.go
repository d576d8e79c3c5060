package web

import (
	"errors"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/eits"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// securityCataloguePage is an E-ITS catalogue year: its modules by group, how many
// measures each has, and the coordinators' import of the year's measures.
type securityCataloguePage struct {
	securityPage
	Year     int
	Years    []int
	Rows     []security.Module
	Measures map[string]int // measures per module
	Total    int
	Result   *security.ImportResult
	Form     form
}

func (ui *UI) securityCatalogue(w http.ResponseWriter, r *http.Request) error {
	return ui.renderCatalogue(w, r, http.StatusOK, 0, nil, nil)
}

func (ui *UI) renderCatalogue(w http.ResponseWriter, r *http.Request, status, year int, res *security.ImportResult, problems kovit.Problems) error {
	ctx := r.Context()
	p, err := ui.securityPage(r, "security.catalogue.title")
	if err != nil {
		return err
	}
	years, err := ui.Security.EITSYears(ctx)
	if err != nil {
		return err
	}
	if year == 0 && len(years) > 0 {
		year = years[0]
	}
	if q := r.URL.Query().Get("year"); q != "" {
		if year, err = strconv.Atoi(q); err != nil {
			return kovit.NotFound()
		}
	}
	rows, err := ui.Security.EITSModules(ctx, year)
	if err != nil {
		return err
	}
	if len(rows) == 0 && len(years) > 0 {
		return kovit.NotFound()
	}
	measures, err := ui.Security.EITSMeasures(ctx, year)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, m := range measures {
		counts[m.ModuleCode]++
	}
	ui.render(w, r, status, "security/catalogue", securityCataloguePage{securityPage: p, Year: year, Years: years, Rows: rows,
		Measures: counts, Total: len(measures), Result: res, Form: form{Problems: problems}})
	return nil
}

// securityImport replaces a catalogue year's measures with those of a file RIA's E-ITS
// API returned.
func (ui *UI) securityImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return kovit.NotFound()
	}
	r.Body = http.MaxBytesReader(w, r.Body, eits.MaxBytes+64<<10)
	file, _, err := r.FormFile("file")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return kovit.Errorf(kovit.ETooLarge, "error.too_large")
	case err != nil:
		var p kovit.Problems
		p.Add("file", "security.error.no_file")
		return ui.renderCatalogue(w, r, http.StatusUnprocessableEntity, year, nil, p)
	}
	defer file.Close()
	var res security.ImportResult
	status, problems, err := trySave(nil, func() error {
		ms, err := eits.Decode(file, year)
		if err != nil {
			return err
		}
		res, err = ui.Security.ImportEITSMeasures(ctx, year, ms)
		return err
	})
	if err != nil {
		return err
	}
	if status != 0 {
		return ui.renderCatalogue(w, r, status, year, nil, problems)
	}
	return ui.renderCatalogue(w, r, http.StatusOK, year, &res, nil)
}
