package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const participantColumns = `activity_id, municipality_ehak, status, completion, due_date, version, updated_at, updated_by`

func scanParticipant(row scanner) (plan.Participant, error) {
	var p plan.Participant
	var due sql.NullString
	err := row.Scan(&p.ActivityID, &p.MunicipalityEHAK, &p.Status, &p.Completion, &due, &p.Version, &p.UpdatedAt, &p.UpdatedBy)
	p.Due = dayFrom(due)
	return p, err
}

// participantsFrom reads the participants that filter (a WHERE clause) selects.
func participantsFrom(ctx context.Context, q querier, filter string, args ...any) ([]plan.Participant, error) {
	rows, err := q.query(ctx, `SELECT `+participantColumns+` FROM plan_participants`+filter+
		` ORDER BY activity_id, municipality_ehak`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: participants: %w", err)
	}
	defer rows.Close()
	var out []plan.Participant
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Participants implements plan.Store.
func (s *Store) Participants(ctx context.Context, f plan.ParticipantFilter) ([]plan.Participant, error) {
	var w where
	if f.ActivityID != 0 {
		w.add("activity_id = ?", f.ActivityID)
	}
	if f.MunicipalityEHAK != "" {
		w.add("municipality_ehak = ?", f.MunicipalityEHAK)
	}
	if len(w.conds) == 0 {
		var p kovit.Problems
		p.Add("activity_id", "error.required")
		return nil, p.Err()
	}
	return participantsFrom(ctx, s, w.String(), w.args...)
}

func (t *tx) participant(ctx context.Context, activityID int64, ehak string) (plan.Participant, error) {
	p, err := scanParticipant(t.queryRow(ctx, `SELECT `+participantColumns+` FROM plan_participants
		WHERE activity_id = ? AND municipality_ehak = ?`, activityID, ehak))
	return p, notFound(err)
}

// activity returns the activity with id and its strategy, for a change under it:
// participants, tasks and updates hang only under activities, and never change under an
// archived strategy.
func (t *tx) activity(ctx context.Context, id int64) (plan.Node, plan.Strategy, error) {
	n, err := nodeFrom(ctx, t, id)
	if err != nil {
		return n, plan.Strategy{}, err
	}
	if n.Kind != plan.Activity {
		var p kovit.Problems
		p.Add("activity_id", "plan.error.not_activity")
		return n, plan.Strategy{}, p.Err()
	}
	st, err := strategyFrom(ctx, t, n.StrategyID)
	if err == nil {
		err = st.Status.Writable()
	}
	return n, st, err
}

// writable refuses a change under an archived strategy (plan.StrategyStatus.Writable):
// the strategy with id, or the strategy of the node with id when node is set. An id that
// names nothing passes: the caller's own lookup answers it.
func (t *tx) writable(ctx context.Context, id int64, node bool) error {
	q := `SELECT status FROM plan_strategies WHERE id = ?`
	if node {
		q = `SELECT st.status FROM plan_strategies st JOIN plan_nodes n ON n.strategy_id = st.id WHERE n.id = ?`
	}
	var status plan.StrategyStatus
	err := t.queryRow(ctx, q, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqlstore: strategy status: %w", err)
	}
	return status.Writable()
}

func participantKey(p plan.Participant) string {
	return fmt.Sprintf("%d/%s", p.ActivityID, p.MunicipalityEHAK)
}

// activitiesOf returns the activities of participant keys; nil if any key is not one, so
// that the caller drops everything rather than too little.
func activitiesOf(keys []string) []int64 {
	var out []int64
	for _, k := range keys {
		a, _, _ := strings.Cut(k, "/")
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return nil
		}
		out = append(out, id)
	}
	return out
}

// AddParticipant implements plan.Store.
func (s *Store) AddParticipant(ctx context.Context, p plan.Participant) (plan.Participant, error) {
	var out plan.Participant
	err := s.transact(ctx, func(tx *tx) error {
		_, st, err := tx.activity(ctx, p.ActivityID)
		if err != nil {
			return err
		}
		p = p.Normalize(st.Statuses)
		if err := p.Validate(st.Statuses); err != nil {
			return err
		}
		var known, taken int
		if err := tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM municipalities WHERE ehak = ?),
			(SELECT COUNT(*) FROM plan_participants WHERE activity_id = ? AND municipality_ehak = ?)`,
			p.MunicipalityEHAK, p.ActivityID, p.MunicipalityEHAK).Scan(&known, &taken); err != nil {
			return err
		}
		var pr kovit.Problems
		if known == 0 {
			pr.Add("municipality_ehak", "error.unknown_municipality")
		} else if taken > 0 {
			pr.Add("municipality_ehak", "plan.error.participant_exists")
		}
		if err := pr.Err(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO plan_participants (`+participantColumns+`) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
			p.ActivityID, p.MunicipalityEHAK, p.Status, p.Completion, dayArg(p.Due), s.now(), actorOf(ctx).name); err != nil {
			return fmt.Errorf("sqlstore: insert participant: %w", err)
		}
		if out, err = tx.participant(ctx, p.ActivityID, p.MunicipalityEHAK); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindParticipant, participantKey(out), audit.Create, nil, out)
	})
	return out, err
}

// UpdateParticipant implements plan.Store.
func (s *Store) UpdateParticipant(ctx context.Context, p plan.Participant) (plan.Participant, error) {
	var after plan.Participant
	err := s.transact(ctx, func(tx *tx) error {
		before, err := tx.participant(ctx, p.ActivityID, p.MunicipalityEHAK)
		if err != nil {
			return err
		}
		_, st, err := tx.activity(ctx, p.ActivityID)
		if err != nil {
			return err
		}
		p = p.Normalize(st.Statuses)
		if err := p.Validate(st.Statuses); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_participants SET status = ?, completion = ?, due_date = ?, version = version + 1,
			updated_at = ?, updated_by = ? WHERE activity_id = ? AND municipality_ehak = ? AND version = ?`,
			p.Status, p.Completion, dayArg(p.Due), s.now(), actorOf(ctx).name, p.ActivityID, p.MunicipalityEHAK, p.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update participant: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = tx.participant(ctx, p.ActivityID, p.MunicipalityEHAK); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindParticipant, participantKey(after), audit.Update, before, after)
	})
	return after, err
}

// RemoveParticipant implements plan.Store.
func (s *Store) RemoveParticipant(ctx context.Context, activityID int64, ehak string, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := tx.participant(ctx, activityID, ehak)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, activityID, true); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_participants WHERE activity_id = ? AND municipality_ehak = ? AND version = ?`,
			activityID, ehak, version)
		if err != nil {
			return fmt.Errorf("sqlstore: remove participant: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindParticipant, participantKey(before), audit.Delete, before, nil)
	})
}
