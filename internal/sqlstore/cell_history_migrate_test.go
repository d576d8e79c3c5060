package sqlstore_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestHistoryMigration fills snapshot_cells as kovit kept it before migration 00036 —
// cells that change, stay, vanish and come back, over snapshot months with a calendar
// gap — and migrates it: the matrix as of every past month, one municipality's history
// and the per-service tallies are identical before and after, and the changes take
// fewer rows than the copies did.
func TestHistoryMigration(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			s := storeBefore(t, engine, 35)
			months := []string{"2025-11", "2025-12", "2026-02", "2026-03", "2026-04"}
			rng := mrand.New(mrand.NewPCG(17, 36))
			var copies int
			for _, m := range months {
				if err := s.ExecRaw(ctx, `INSERT INTO matrix_snapshots (month, taken_at) VALUES (?, ?)`, m, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)); err != nil {
					t.Fatal(err)
				}
			}
			state := map[[2]string][2]any{}
			for _, m := range months {
				for e := range 6 {
					for v := range 5 {
						key := [2]string{fmt.Sprintf("%04d", e), fmt.Sprintf("SRV-%d", v)}
						_, had := state[key]
						switch r := rng.IntN(10); {
						case r == 0: // gone this month
							delete(state, key)
							continue
						case r < 4 || !had: // changed, or back
							off := []eservice.Offering{eservice.Offered, eservice.NotOffered, eservice.NotApplicable}[rng.IntN(3)]
							state[key] = [2]any{string(off), rng.IntN(6)}
						}
						st := state[key]
						if err := s.ExecRaw(ctx, `INSERT INTO snapshot_cells (month, municipality_ehak, service_code, offering, level) VALUES (?, ?, ?, ?, ?)`,
							m, key[0], key[1], st[0], st[1]); err != nil {
							t.Fatal(err)
						}
						copies++
					}
				}
			}
			before := map[string][]eservice.SnapshotCell{}
			for _, m := range months {
				rows, err := s.QueryRaw(ctx, `SELECT month, municipality_ehak, service_code, offering, level FROM snapshot_cells
					WHERE month = ? ORDER BY municipality_ehak, service_code`, m)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var c eservice.SnapshotCell
					if err := rows.Scan(&c.Month, &c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level); err != nil {
						t.Fatal(err)
					}
					before[m] = append(before[m], c)
				}
				rows.Close()
			}
			wantTallies := tallyCells(before)

			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			after := snapshotsByMonth(t, s)
			for _, m := range months {
				if !reflect.DeepEqual(before[m], after[m]) {
					t.Errorf("the matrix as of %s:\nbefore %v\nafter  %v", m, before[m], after[m])
				}
			}
			own, err := s.MunicipalitySnapshots(ctx, "0003")
			if err != nil {
				t.Fatal(err)
			}
			var wantOwn []eservice.SnapshotCell
			for _, m := range months {
				for _, c := range before[m] {
					if c.MunicipalityEHAK == "0003" {
						wantOwn = append(wantOwn, c)
					}
				}
			}
			if !reflect.DeepEqual(own, wantOwn) {
				t.Errorf("one municipality's history:\n got %v\nwant %v", own, wantOwn)
			}
			tallies, err := s.SnapshotTallies(ctx, months[0])
			if err != nil || !reflect.DeepEqual(tallies, wantTallies) {
				t.Errorf("tallies %v %v\nwant %v", tallies, err, wantTallies)
			}
			changes, err := s.TableRows(ctx, "cell_changes")
			if err != nil || changes == 0 || changes >= int64(copies) {
				t.Errorf("%d changes for %d copies, %v", changes, copies, err)
			}
		})
	}
}

// tallyCells counts each month's cells per service as eservice.SnapshotTally does.
func tallyCells(byMonth map[string][]eservice.SnapshotCell) []eservice.SnapshotTally {
	var months []string
	for m := range byMonth {
		months = append(months, m)
	}
	var out []eservice.SnapshotTally
	slices.Sort(months)
	for _, m := range months {
		per := map[string]*eservice.SnapshotTally{}
		var codes []string
		for _, c := range byMonth[m] {
			t := per[c.ServiceCode]
			if t == nil {
				t = &eservice.SnapshotTally{Month: m, ServiceCode: c.ServiceCode}
				per[c.ServiceCode] = t
				codes = append(codes, c.ServiceCode)
			}
			if c.Offering == eservice.NotApplicable {
				t.NotApplicable++
			} else if c.Level >= eservice.Online {
				t.Online++
			}
		}
		slices.Sort(codes)
		for _, code := range codes {
			out = append(out, *per[code])
		}
	}
	return out
}
