package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"kovit/internal/audit"
	"kovit/internal/eservice"
)

// service_totals holds each service's national aggregates (eservice.ServiceTotal). Every
// write of a cell goes through saveCells, which adds what it changed to them in the same
// transaction; the migration that made the table and kovit demo, which fills cells in
// bulk, count them from the cells (RebuildServiceTotals).
//
// The writes add differences (UPDATE … SET online = online + ?) rather than count a
// service's cells again: two transactions changing cells of one service at once on
// PostgreSQL would each count without the other's change, and the second commit would
// lose the first's. An addition waits for the other's row lock and adds to its result.

const serviceTotalColumns = `service_code, filled, not_applicable, online, population_online, self_reported, returned`

// totalsDelta is what a save adds to one service's totals.
type totalsDelta struct {
	filled, notApplicable, online int
	selfReported, returned        int
	population                    int64
}

// addToTotals adds the change from each save's cell before to its cell after to the
// services' totals: saveCells's and a review's (ReviewCell). Services are written in code order, so that two saves lock their rows
// in the same order and cannot deadlock.
func (t *tx) addToTotals(ctx context.Context, saves []cellSave, after []eservice.Cell) error {
	online := func(c eservice.Cell) int {
		if c.Version > 0 && c.Offering != eservice.NotApplicable && c.Level >= eservice.Online {
			return 1
		}
		return 0
	}
	na := func(c eservice.Cell) int {
		if c.Version > 0 && c.Offering == eservice.NotApplicable {
			return 1
		}
		return 0
	}
	verified := func(c eservice.Cell, v eservice.Verification) int {
		if c.Version > 0 && c.Verification == v {
			return 1
		}
		return 0
	}
	deltas := map[string]*totalsDelta{}
	var ehaks []string
	for i, sv := range saves {
		b, a := sv.before, after[i]
		d := totalsDelta{notApplicable: na(a) - na(b), online: online(a) - online(b),
			selfReported: verified(a, eservice.SelfReported) - verified(b, eservice.SelfReported),
			returned:     verified(a, eservice.Returned) - verified(b, eservice.Returned)}
		if b.Version == 0 {
			d.filled = 1
		}
		if d == (totalsDelta{}) {
			continue
		}
		sum := deltas[a.ServiceCode]
		if sum == nil {
			sum = &totalsDelta{}
			deltas[a.ServiceCode] = sum
		}
		sum.filled, sum.notApplicable, sum.online = sum.filled+d.filled, sum.notApplicable+d.notApplicable, sum.online+d.online
		sum.selfReported, sum.returned = sum.selfReported+d.selfReported, sum.returned+d.returned
		if d.online != 0 {
			ehaks = append(ehaks, a.MunicipalityEHAK)
		}
	}
	if len(deltas) == 0 {
		return nil
	}
	population, err := t.populations(ctx, ehaks)
	if err != nil {
		return err
	}
	for i, sv := range saves {
		if d := online(after[i]) - online(sv.before); d != 0 {
			deltas[after[i].ServiceCode].population += int64(d) * population[after[i].MunicipalityEHAK]
		}
	}
	codes := make([]string, 0, len(deltas))
	for code := range deltas {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	args := make([]any, 0, 7*len(codes))
	for _, code := range codes {
		d := deltas[code]
		args = append(args, code, d.filled, d.notApplicable, d.online, d.population, d.selfReported, d.returned)
	}
	if _, err := t.execRows(ctx, `INSERT INTO service_totals (`+serviceTotalColumns+`) VALUES`, 7, args,
		`ON CONFLICT (service_code) DO UPDATE SET filled = service_totals.filled + excluded.filled,
		not_applicable = service_totals.not_applicable + excluded.not_applicable,
		online = service_totals.online + excluded.online,
		population_online = service_totals.population_online + excluded.population_online,
		self_reported = service_totals.self_reported + excluded.self_reported,
		returned = service_totals.returned + excluded.returned`); err != nil {
		return fmt.Errorf("sqlstore: service totals: %w", err)
	}
	return nil
}

// populations reads the residents of the municipalities named, in the transaction.
func (t *tx) populations(ctx context.Context, ehaks []string) (map[string]int64, error) {
	slices.Sort(ehaks)
	ehaks = slices.Compact(ehaks)
	out := make(map[string]int64, len(ehaks))
	for chunk := range slices.Chunk(ehaks, maxBatchParams) {
		args := make([]any, len(chunk))
		for i, e := range chunk {
			args[i] = e
		}
		rows, err := t.query(ctx, `SELECT ehak, population FROM municipalities WHERE ehak IN (`+marks(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: populations: %w", err)
		}
		for rows.Next() {
			var ehak string
			var pop int64
			if err := rows.Scan(&ehak, &pop); err != nil {
				rows.Close()
				return nil, err
			}
			out[ehak] = pop
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// countTotals is every service's totals counted from its cells, as the migration counts
// them: what RebuildServiceTotals writes and what tests hold the kept-up totals against.
const countTotals = `SELECT c.service_code, COUNT(*),
	SUM(CASE WHEN c.offering = 'not_applicable' THEN 1 ELSE 0 END),
	SUM(CASE WHEN c.offering <> 'not_applicable' AND c.level >= 3 THEN 1 ELSE 0 END),
	SUM(CASE WHEN c.offering <> 'not_applicable' AND c.level >= 3 THEN m.population ELSE 0 END),
	SUM(CASE WHEN c.verification = 'self_reported' THEN 1 ELSE 0 END),
	SUM(CASE WHEN c.verification = 'returned' THEN 1 ELSE 0 END)
	FROM service_cells c JOIN municipalities m ON m.ehak = c.municipality_ehak
	GROUP BY c.service_code`

// RebuildServiceTotals counts every service's totals from its cells again: for kovit
// demo, which fills the cells in bulk, past saveCells.
func (s *Store) RebuildServiceTotals(ctx context.Context) error {
	return s.transact(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM service_totals`); err != nil {
			return fmt.Errorf("sqlstore: rebuild service totals: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO service_totals (`+serviceTotalColumns+`) `+countTotals); err != nil {
			return fmt.Errorf("sqlstore: rebuild service totals: %w", err)
		}
		tx.changed[audit.KindServiceCell] = nil // the kept totals (cellCopy) go with the cells
		return nil
	})
}

// ServiceTotals reads every service's kept totals, ordered by code.
func (s *Store) ServiceTotals(ctx context.Context) ([]eservice.ServiceTotal, error) {
	return serviceTotals(ctx, s, `SELECT `+serviceTotalColumns+` FROM service_totals ORDER BY service_code`)
}

// CountedTotals counts every service's totals from the cells, ordered by code: what the
// kept totals must equal.
func (s *Store) CountedTotals(ctx context.Context) ([]eservice.ServiceTotal, error) {
	return serviceTotals(ctx, s, countTotals+` ORDER BY c.service_code`)
}

func serviceTotals(ctx context.Context, q querier, query string) ([]eservice.ServiceTotal, error) {
	rows, err := q.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: service totals: %w", err)
	}
	defer rows.Close()
	var out []eservice.ServiceTotal
	for rows.Next() {
		var t eservice.ServiceTotal
		if err := rows.Scan(&t.Code, &t.Filled, &t.NotApplicable, &t.Online, &t.PopulationOnline, &t.SelfReported, &t.Returned); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
