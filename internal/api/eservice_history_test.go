package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestServiceHistoryAndForecast(t *testing.T) {
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

		var h api.ServiceHistory
		s.get("/api/v1/services/SOC-001/history", "", &h)
		var got []float64
		for _, p := range h.Items {
			got = append(got, p.Share)
		}
		if diff := cmp.Diff([]float64{0, 1.0 / 79, 2.0 / 78}, got); diff != "" || h.Total != 3 || h.Level != 3 || h.ServiceCode != "SOC-001" {
			t.Errorf("history %+v (-want +got)\n%s", h, diff)
		}
		if h.Items[2].Month.Format("2006-01-02") != "2026-10-01" {
			t.Errorf("month %v", h.Items[2].Month)
		}
		s.get("/api/v1/services/SOC-001/history?k=4", "", &h)
		if len(h.Items) != 3 || h.Items[2].Share != 0 {
			t.Errorf("history at level 4: %+v", h)
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
		s.do(req{path: "/api/v1/services/NOPE-1/history"}).problem(t, http.StatusNotFound)
	})
}
