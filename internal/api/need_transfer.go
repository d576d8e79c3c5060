package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/tabular"
)

// SurveyPreview is what a survey file would import: its columns, the mapping used (the
// one sent, or one guessed from the Estonian or English headers), the needs read and every bad cell.
type SurveyPreview struct {
	Columns []string           `json:"columns"`
	Mapping need.Mapping       `json:"mapping"`
	Needs   []need.Need        `json:"needs"`
	Errors  []tabular.RowError `json:"errors"`
	Applied bool               `json:"applied"`
}

// importNeeds reads a survey spreadsheet (multipart field "file", XLSX or CSV) with an
// optional column mapping (field "mapping", JSON). Without apply=true it only previews;
// with it, the needs are stored as drafts, all or none. Editors import only their own
// municipality's rows.
func (a *API) importNeeds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanImport(u); err != nil {
		return err
	}
	var p kovit.Problems
	header, rows, err := uploadTable(w, r)
	if err != nil {
		return err
	}
	out := SurveyPreview{Columns: header, Mapping: need.GuessMapping(header)}
	if s := r.FormValue("mapping"); s != "" {
		out.Mapping = need.Mapping{}
		if err := json.Unmarshal([]byte(s), &out.Mapping); err != nil {
			p.Add("mapping", "error.json")
			return p.Err()
		}
	}
	if err := out.Mapping.Validate(header); err != nil {
		return err
	}
	ms, err := a.allMunicipalities(r, municipality.Filter{})
	if err != nil {
		return err
	}
	names := need.MunicipalityNames(ms)
	may := func(ehak string) error { return auth.CanEditMunicipality(u, ehak) }
	needs, errs := need.ParseSurvey(header, rows, out.Mapping, names, may)
	out.Needs, out.Errors = orEmpty(needs), orEmpty(errs)
	if r.FormValue("apply") != "true" {
		return a.writeJSON(w, r, http.StatusOK, out)
	}
	for _, e := range errs {
		if e.Key == "need.error.other_municipality" {
			return kovit.Forbidden()
		}
	}
	if len(errs) > 0 {
		for _, e := range errs {
			p.Add(strconv.Itoa(e.Row)+"."+e.Column, e.Key)
		}
		return p.Err()
	}
	created, err := a.needs.ImportNeeds(ctx, needs)
	if err != nil {
		return err
	}
	out.Needs, out.Applied = created, true
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// exportNeeds writes the needs the user may read as the survey import reads them, with
// their id, state and round after: need.NeedsSheet, the file the page sends too.
func (a *API) exportNeeds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	q := newQuery(r)
	f := need.Filter{MunicipalityEHAK: q.str("municipality"), RoundID: int64(q.int("round")), Limit: need.MaxLimit}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	if err := scopeNeeds(u, &f); err != nil {
		return err
	}
	var all []need.Need
	for {
		items, total, err := a.needs.ListNeeds(ctx, f)
		if err != nil {
			return err
		}
		all = append(all, items...)
		if f.Offset += f.Limit; f.Offset >= total {
			break
		}
	}
	return tabular.WriteHTTP(w, r, "vajadused", need.NeedsSheet(all, i18n.AcceptLang(r)))
}

func (a *API) exportConsolidated(w http.ResponseWriter, r *http.Request) error {
	if err := newQuery(r).check(nil); err != nil {
		return err
	}
	f := need.ConsolidatedFilter{PublishedOnly: auth.ListScope(auth.UserFrom(r.Context())).PublishedOnly()}
	items, err := a.needs.ListConsolidated(r.Context(), f)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "koondvajadused", need.ConsolidatedSheet(items, i18n.AcceptLang(r)))
}

func (a *API) exportMeasures(w http.ResponseWriter, r *http.Request) error {
	if err := newQuery(r).check(nil); err != nil {
		return err
	}
	f := need.MeasureFilter{PublishedOnly: auth.ListScope(auth.UserFrom(r.Context())).PublishedOnly()}
	items, err := a.needs.ListMeasures(r.Context(), f)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "meetmed", need.MeasureSheet(items, i18n.AcceptLang(r)))
}

// measureProposal is the proposal for the ministry: as JSON, or at proposal.xlsx as a
// workbook of its summary, ranked consolidated needs and municipalities' parts.
func (a *API) measureProposal(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := newQuery(r).check(nil); err != nil {
		return err
	}
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	m, err := a.readableMeasure(r)
	if err != nil {
		return err
	}
	p, err := a.needs.Proposal(ctx, m.ID)
	if err != nil {
		return err
	}
	if !strings.HasSuffix(r.URL.Path, ".xlsx") {
		return a.writeJSON(w, r, http.StatusOK, p)
	}
	return tabular.WriteWorkbookHTTP(w, "meetme-ettepanek-"+strconv.FormatInt(m.ID, 10), need.ProposalSheets(p, a.catalog.Printer("et").T)...)
}
