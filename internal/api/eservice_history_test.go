package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"kovit/internal/api"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func shares(items []eservice.MonthShare) []float64 {
	var out []float64
	for _, p := range items {
		out = append(out, p.Share)
	}
	return out
}

func TestServiceAdoptionAndForecast(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		ctx := context.Background()
		var met []int64
		scale, _ := store.Scale(ctx)
		for _, l := range scale[:4] {
			for _, c := range l.Criteria {
				met = append(met, c.ID)
			}
		}
		online := eservice.CellInput{Offering: eservice.Offered, Met: met}
		snapshot := func(month string) {
			if err := store.TakeSnapshot(ctx, month); err != nil {
				t.Fatal(err)
			}
		}
		save := func(ehak string, in eservice.CellInput) {
			if _, err := store.SaveCell(ctx, ehak, "SOC-001", in); err != nil {
				t.Fatal(err)
			}
		}
		snapshot("2026-08")
		save("0793", online)
		snapshot("2026-09")

		var f api.ServiceForecast
		s.get("/api/v1/services/SOC-001/forecast", "", &f)
		if f.Enough || f.Forecast.Points != 2 || f.Forecast.Likely != nil || f.Method == "" || f.Level != 3 {
			t.Errorf("forecast from two months: %+v", f)
		}

		save("0784", online)
		save("0171", eservice.CellInput{Offering: eservice.NotApplicable})
		snapshot("2026-10")

		var h api.ServiceAdoption
		s.get("/api/v1/services/SOC-001/adoption", "", &h)
		got := map[int][]float64{}
		for _, series := range h.Series {
			got[series.Level] = shares(series.Items)
		}
		atThree := []float64{0, 1.0 / 79, 2.0 / 78} // 0793, then 0784 too, of the applicable
		want := map[int][]float64{1: atThree, 2: atThree, 3: atThree, 4: {0, 0, 0}, 5: {0, 0, 0}}
		if diff := cmp.Diff(want, got); diff != "" || h.ServiceCode != "SOC-001" || len(h.Series) != 5 || h.Series[0].Level != 1 {
			t.Errorf("adoption %+v (-want +got)\n%s", h, diff)
		}
		ms, _, err := store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		residents := 0
		for _, m := range ms {
			residents += m.Population
		}
		const tartu, tallinn = 100724, 453864
		wantPop := []float64{0, float64(tartu) / float64(residents), float64(tartu+tallinn) / float64(residents)}
		if diff := cmp.Diff(wantPop, shares(h.Population), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("population online (-want +got)\n%s", diff)
		}
		if m := h.Population[2].Month; m.Format("2006-01-02") != "2026-10-01" {
			t.Errorf("month %v", m)
		}
		s.get("/api/v1/services/SOC-001/adoption?k=4", "", &h)
		if len(h.Series) != 1 || h.Series[0].Level != 4 || len(h.Series[0].Items) != 3 || h.Series[0].Items[2].Share != 0 || len(h.Population) != 3 {
			t.Errorf("adoption at level 4: %+v", h)
		}

		r := s.do(req{path: "/api/v1/services/SOC-001/forecast?target=0.5", lang: "en"})
		if r.status != http.StatusOK || r.header.Get("Content-Language") != "en" {
			t.Fatalf("forecast: %d %v", r.status, r.header)
		}
		r.decode(t, &f)
		fc := f.Forecast
		if !f.Enough || fc.Target != 0.5 || fc.Points != 3 || fc.Slope <= 0 || fc.Likely == nil || fc.Earliest == nil || fc.Earliest.After(*fc.Likely) {
			t.Errorf("forecast %+v", f)
		}
		var none api.ServiceForecast
		s.get("/api/v1/services/SOC-001/forecast?k=5", "", &none)
		if !none.Enough || none.Forecast.Likely != nil || none.Forecast.Latest != nil {
			t.Errorf("nobody at level 5 is no trend: %+v", none)
		}

		p := s.do(req{path: "/api/v1/services/SOC-001/forecast?target=1.5&k=0"}).problem(t, http.StatusUnprocessableEntity)
		if diff := cmp.Diff([]string{"k", "target"}, p.fields()); diff != "" {
			t.Errorf("bad parameters (-want +got)\n%s", diff)
		}
		s.do(req{path: "/api/v1/services/NOPE-1/adoption"}).problem(t, http.StatusNotFound)
		s.do(req{path: "/api/v1/services/SOC-001/adoption?k=0"}).problem(t, http.StatusUnprocessableEntity)
	})
}
