package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// AddParticipants implements plan.Store: every municipality is checked before any is
// added, so a list with one unknown municipality adds nothing, and all are added under
// one actor and time, an audit event each.
func (s *Store) AddParticipants(ctx context.Context, activityID int64, ehaks []string) ([]plan.Participant, error) {
	var out []plan.Participant
	err := s.transact(ctx, func(tx *tx) error {
		_, st, err := tx.activity(ctx, activityID)
		if err != nil {
			return err
		}
		known, err := tx.stringSet(ctx, `SELECT ehak FROM municipalities`)
		if err != nil {
			return err
		}
		taken := map[string]bool{}
		rows, err := tx.query(ctx, `SELECT municipality_ehak FROM plan_participants WHERE activity_id = ?`, activityID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				rows.Close()
				return err
			}
			taken[e] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var pr kovit.Problems
		var add []string
		for _, e := range ehaks {
			switch {
			case !known[e]:
				if !pr.Has("municipality_ehak") {
					pr.Add("municipality_ehak", "error.unknown_municipality")
				}
			case !taken[e]:
				taken[e] = true
				add = append(add, e)
			}
		}
		if err := pr.Err(); err != nil {
			return err
		}
		slices.Sort(add)
		at, by := s.now(), actorOf(ctx).name
		var args []any
		for _, e := range add {
			p := plan.Participant{ActivityID: activityID, MunicipalityEHAK: e}.Normalize(st.Statuses)
			args = append(args, p.ActivityID, p.MunicipalityEHAK, p.Status, p.Completion, dayArg(p.Due), 1, at, by)
		}
		if _, err := tx.execRows(ctx, `INSERT INTO plan_participants (`+participantColumns+`) VALUES`, 8, args, ""); err != nil {
			return fmt.Errorf("sqlstore: insert participants: %w", err)
		}
		changes := make([]auditChange, 0, len(add))
		for _, e := range add {
			p, err := tx.participant(ctx, activityID, e)
			if err != nil {
				return err
			}
			out = append(out, p)
			changes = append(changes, auditChange{participantKey(p), audit.Create, nil, p})
		}
		if len(changes) == 0 {
			return nil
		}
		return tx.recordMany(ctx, audit.KindParticipant, changes)
	})
	return out, err
}
