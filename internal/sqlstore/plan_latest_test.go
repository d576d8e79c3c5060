package sqlstore_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The latest value of each indicator, read from the latest values alone, is the last point
// of the series worked out from every value: municipalities that report on different days,
// two values on one day, and a national indicator beside broken-down ones.
func TestLatestValues(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
		values := map[plan.Aggregation][]plan.Measurement{
			plan.NoBreakdown: {{Value: 5, Date: day(3)}, {Value: 7, Date: day(9)}, {Value: 6, Date: day(9)}, {Value: 1, Date: day(2)}},
			plan.Mean: {{MunicipalityEHAK: "0793", Value: 10, Date: day(1)}, {MunicipalityEHAK: "0784", Value: 20, Date: day(5)},
				{MunicipalityEHAK: "0793", Value: 30, Date: day(8)}, {MunicipalityEHAK: "0793", Value: 40, Date: day(8)},
				{MunicipalityEHAK: "0171", Value: 0, Date: day(2)}, {MunicipalityEHAK: "0784", Value: 2, Date: day(3)}},
		}
		values[plan.Sum], values[plan.Share] = values[plan.Mean], values[plan.Mean]
		ids := map[int64]plan.Indicator{}
		for agg, ms := range values {
			ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Näitaja " + string(agg), Better: plan.HigherIsBetter, Breakdown: agg})
			if err != nil {
				t.Fatal(err)
			}
			ids[ind.ID] = ind
			for _, m := range ms {
				m.IndicatorID = ind.ID
				if _, err := s.AddMeasurement(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
		}
		got, err := s.LatestValues(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]plan.Point{}
		for id, ind := range ids {
			all, err := s.Measurements(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			series := ind.Series(all, 79)
			want[id] = series[len(series)-1]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("latest values (-from every value +read):\n%s", diff)
		}
	})
}
