package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// ImportNeeds implements need.Store. A problem in any need fails the whole import, its
// fields prefixed with the need's place in the list ("3.title") so a preview can point
// at the row. Every need is checked before anything is written, and the needs, their
// services, events and audit events are then written a few hundred rows a statement,
// so that a whole import holds the write lock for a moment, not for seconds.
func (s *Store) ImportNeeds(ctx context.Context, needs []need.Need) ([]need.Need, error) {
	var p kovit.Problems
	for i := range needs {
		needs[i].State = need.Draft
		needs[i].Normalize()
		prefixed(&p, i, needs[i].Validate())
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var out []need.Need
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkImportedNeeds(ctx, needs); err != nil {
			return err
		}
		now := tx.s.now()
		args := make([]any, 0, 16*len(needs))
		for _, n := range needs {
			args = append(args, n.MunicipalityEHAK, n.RoundID, n.Title, n.Description, string(n.Category), n.Systems, costArg(n.Cost),
				string(n.Urgency), n.Timeframe, n.ContactName, n.ContactEmail, string(n.State), "", 1, now, now)
		}
		ids, err := tx.insertRows(ctx, `INSERT INTO needs (municipality_ehak, round_id, title, description, category, systems, cost,
			urgency, timeframe, contact_name, contact_email, state, state_reason, version, created_at, updated_at) VALUES`, 16, args)
		if err != nil {
			return fmt.Errorf("sqlstore: insert needs: %w", err)
		}
		var services, events []any
		by := actorOf(ctx)
		byID, byName := by.id, by.name
		for i, n := range needs {
			for _, c := range n.ServiceCodes {
				services = append(services, ids[i], c)
			}
			events = append(events, ids[i], "", string(n.State), byID, byName, "", now)
		}
		if _, err := tx.execRows(ctx, `INSERT INTO need_services (need_id, service_code) VALUES`, 2, services, ""); err != nil {
			return err
		}
		if _, err := tx.execRows(ctx, `INSERT INTO need_events (need_id, from_state, to_state, by_id, by_name, reason, at) VALUES`, 7, events, ""); err != nil {
			return fmt.Errorf("sqlstore: need events: %w", err)
		}
		if out, err = tx.needsByID(ctx, ids); err != nil {
			return err
		}
		changes := make([]auditChange, len(out))
		for i, n := range out {
			changes[i] = auditChange{strconv.FormatInt(n.ID, 10), audit.Create, nil, n}
		}
		return tx.recordMany(ctx, audit.KindNeed, changes)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkImportedNeeds is what createNeed checks of each need, for all of them in three
// queries: the municipality, the round (known, then open) and the services exist.
func (t *tx) checkImportedNeeds(ctx context.Context, needs []need.Need) error {
	munis, err := t.stringSet(ctx, `SELECT ehak FROM municipalities`)
	if err != nil {
		return err
	}
	services, err := t.stringSet(ctx, `SELECT code FROM services`)
	if err != nil {
		return err
	}
	rounds, err := t.roundsOpen(ctx)
	if err != nil {
		return err
	}
	var p kovit.Problems
	for i, n := range needs {
		var np kovit.Problems
		if !munis[n.MunicipalityEHAK] {
			np.Add("municipality_ehak", "error.unknown_municipality")
		}
		open, known := false, true
		if n.RoundID != nil {
			if open, known = rounds[*n.RoundID]; !known {
				np.Add("round_id", "need.error.unknown_round")
			}
		}
		for _, c := range n.ServiceCodes {
			if !services[c] {
				np.Add("service_codes", "need.error.unknown_service")
				break
			}
		}
		// As createNeed: a closed round is only said of a need whose links are all known.
		if len(np) == 0 && n.RoundID != nil && !open {
			np.Add("round_id", "need.error.round_closed")
		}
		prefixed(&p, i, np.Err())
	}
	return p.Err()
}

func (t *tx) roundsOpen(ctx context.Context) (map[int64]bool, error) {
	rows, err := t.query(ctx, `SELECT id, open FROM need_rounds`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: rounds: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		var open bool
		if err := rows.Scan(&id, &open); err != nil {
			return nil, err
		}
		out[id] = open
	}
	return out, rows.Err()
}

func (t *tx) stringSet(ctx context.Context, q string) (map[string]bool, error) {
	rows, err := t.query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %s: %w", q, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// needsByID reads back needs just written, in the order of ids, which ascend.
func (t *tx) needsByID(ctx context.Context, ids []int64) ([]need.Need, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	// Another transaction may have written needs between them: only ids are kept.
	found, _, err := needsFrom(ctx, t, ` WHERE id BETWEEN ? AND ?`, ` WHERE need_id BETWEEN ? AND ?`, ids[0], ids[len(ids)-1])
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	out := make([]need.Need, len(ids))
	for _, n := range found {
		if i, ok := at[n.ID]; ok {
			out[i] = n
		}
	}
	return out, nil
}
