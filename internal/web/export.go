package web

import (
	"net/http"

	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

func (ui *UI) municipalityExport(w http.ResponseWriter, r *http.Request) error {
	f, err := municipalityFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.Limit, f.Offset = municipality.MaxLimit, 0
	items, _, err := ui.Municipalities.ListMunicipalities(r.Context(), f)
	if err != nil {
		return err
	}
	l := ui.page(r, "").L
	t := tabular.Table{Sheet: l.T("municipalities.title"), Header: []string{
		"EHAK", l.T("field.name"), l.T("field.type"), l.T("field.county"), l.T("field.population"),
		l.T("field.population_year"), l.T("field.area"), l.T("field.website"),
		l.T("field.contact_name"), l.T("field.contact_email"), l.T("field.contact_phone")}}
	for _, m := range items {
		t.Rows = append(t.Rows, []any{m.EHAK, m.Name, string(m.Type), m.CountyName, m.Population,
			m.PopulationYear, m.AreaKm2, m.Website, m.Contact.Name, m.Contact.Email, m.Contact.Phone})
	}
	return tabular.WriteHTTP(w, r, "kov", t)
}
