package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/tabular"
)

// maxWriteHeld is how long an import may keep the write lock: another municipality's
// save waits that long. A 100,000-row import once held it for 24 s.
const maxWriteHeld = 2 * time.Second

// TestMaximalImportsHoldTheLockBriefly imports tabular.MaxRows rows of each kind (needs,
// plan nodes, matrix cells) and times only the write transaction, begin to commit.
func TestMaximalImportsHoldTheLockBriefly(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 2, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		imports := []struct {
			name string
			run  func() error
		}{
			{"needs", func() error {
				needs := make([]need.Need, tabular.MaxRows)
				for i := range needs {
					needs[i] = need.Need{MunicipalityEHAK: "0793", Title: "Vajadus " + strconv.Itoa(i), Category: need.CatOther,
						Description: "Kirjeldus", ServiceCodes: []string{"SOC-001"}}
				}
				_, err := s.ImportNeeds(ctx, needs)
				return err
			}},
			{"plan", func() error {
				st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Suur kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
				if err != nil {
					return err
				}
				_, err = s.ImportPlan(ctx, st.ID, maximalPlan())
				return err
			}},
			{"cells", func() error {
				ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: 100})
				if err != nil {
					return err
				}
				services, err := s.ListServices(ctx, false)
				if err != nil {
					return err
				}
				var rows []eservice.ImportRow
				for len(rows) < tabular.MaxRows {
					for _, m := range ms {
						for _, sv := range services {
							rows = append(rows, eservice.ImportRow{Row: len(rows) + 2, MunicipalityEHAK: m.EHAK, ServiceCode: sv.Code,
								Input: eservice.CellInput{Offering: eservice.Offered, System: "S" + strconv.Itoa(len(rows))}})
						}
					}
				}
				_, err = s.ImportCells(ctx, rows[:tabular.MaxRows])
				return err
			}},
		}
		for _, im := range imports {
			t.Run(im.name, func(t *testing.T) {
				var longest time.Duration
				s.WriteHeld = func(d time.Duration) { longest = max(longest, d) }
				defer func() { s.WriteHeld = nil }()
				if err := im.run(); err != nil {
					t.Fatal(err)
				}
				t.Logf("longest write transaction: %v", longest)
				if longest > maxWriteHeld {
					t.Errorf("an import held the write lock for %v, over %v", longest, maxWriteHeld)
				}
			})
		}
	})
}

// maximalPlan is tabular.MaxRows rows of a new plan: 100 goals of 10 directions of
// activities.
func maximalPlan() []plan.ImportRow {
	var rows []plan.ImportRow
	add := func(code string, kind plan.Kind) {
		rows = append(rows, plan.ImportRow{Row: len(rows) + 2, Code: code, Kind: kind, TitleEt: "Rida " + code, Status: plan.NotStarted})
	}
	for g := 1; len(rows) < tabular.MaxRows; g++ {
		add(strconv.Itoa(g), plan.Goal)
		for d := 1; d <= 10 && len(rows) < tabular.MaxRows; d++ {
			dir := strconv.Itoa(g) + "." + strconv.Itoa(d)
			add(dir, plan.Direction)
			for a := 1; a <= 18 && len(rows) < tabular.MaxRows; a++ {
				add(dir+"."+strconv.Itoa(a), plan.Activity)
			}
		}
	}
	return rows
}
