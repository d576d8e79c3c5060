package sqlstore_test

import (
	"context"
	"runtime"
	"strconv"
	"syscall"
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
// new plan nodes, changed plan nodes, matrix cells) and times only the write
// transaction, from taking the lock to commit.
func TestMaximalImportsHoldTheLockBriefly(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 2, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		var held lockHeld // the longest write transaction of the import being run
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
				_, err = s.ImportPlan(ctx, st.ID, maximalPlan(""))
				return err
			}},
			{"plan updates", func() error {
				st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Muudetav kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
				if err != nil {
					return err
				}
				if _, err = s.ImportPlan(ctx, st.ID, maximalPlan("")); err != nil {
					return err
				}
				// An import that changes saved nodes carries their versions, as kovit's
				// own export does.
				tree, err := s.StrategyTree(ctx, st.ID)
				if err != nil {
					return err
				}
				version := map[string]int{}
				for _, n := range tree.Nodes {
					version[n.Code] = n.Version
				}
				rows := maximalPlan(" muudetud")
				for i := range rows {
					rows[i].Version = version[rows[i].Code]
				}
				held = lockHeld{}
				_, err = s.ImportPlan(ctx, st.ID, rows)
				return err
			}},
			{"cells", func() error {
				st := time.Now().String() // every run changes every cell
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
								Input: eservice.CellInput{Offering: eservice.Offered, System: "S" + strconv.Itoa(len(rows)) + st}})
						}
					}
				}
				_, err = s.ImportCells(ctx, rows[:tabular.MaxRows])
				return err
			}},
		}
		for _, im := range imports {
			t.Run(im.name, func(t *testing.T) {
				defer func() { s.OnWrite = nil }()
				held = lockHeld{}
				s.OnWrite = held.measure
				// The import runs on this goroutine: on one thread, whose CPU time is the
				// transaction's work whatever else the machine is doing meanwhile.
				runtime.LockOSThread()
				err := im.run()
				runtime.UnlockOSThread()
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("longest write transaction: %v of CPU, %v of wall time", held.cpu, held.wall)
				if held.cpu > maxWriteHeld {
					t.Errorf("an import held the write lock for %v of work, over %v", held.cpu, maxWriteHeld)
				}
			})
		}
	})
}

// lockHeld is the longest write transaction seen, in CPU time of its thread and in wall
// time. A shared machine stretches wall time at random; the CPU time is what the work
// costs.
type lockHeld struct{ cpu, wall time.Duration }

func (l *lockHeld) measure() (ended func()) {
	cpu, wall := threadCPU(), time.Now()
	return func() {
		l.cpu, l.wall = max(l.cpu, threadCPU()-cpu), max(l.wall, time.Since(wall))
	}
}

// threadCPU is the CPU time of the calling thread (Linux's RUSAGE_THREAD).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maximalPlan is tabular.MaxRows rows of a plan: goals of 10 directions of 18
// activities, each title ending in suffix.
func maximalPlan(suffix string) []plan.ImportRow {
	var rows []plan.ImportRow
	add := func(code string, kind plan.Kind) {
		rows = append(rows, plan.ImportRow{Row: len(rows) + 2, Code: code, Kind: kind, TitleEt: "Rida " + code + suffix, Status: plan.NotStarted})
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
