package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/auth"
)

// record writes one audit event inside the transaction that makes the change, so a change
// is never stored without its trail. before or after is nil for a create or delete.
func (t *tx) record(ctx context.Context, entity, id, action string, before, after any) error {
	var actorID *int64
	actorName := "system"
	if u := auth.UserFrom(ctx); u != nil {
		actorID, actorName = &u.ID, u.Name
	}
	b, err := snapshot(before)
	if err != nil {
		return err
	}
	a, err := snapshot(after)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO audit_events (at, actor_id, actor_name, entity, entity_id, action, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.s.now(), actorID, actorName, entity, id, action, b, a)
	if err != nil {
		return fmt.Errorf("sqlstore: audit: %w", err)
	}
	return nil
}

func snapshot(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: audit snapshot: %w", err)
	}
	s := string(b)
	return &s, nil
}

// ListEvents implements audit.Store.
func (s *Store) ListEvents(ctx context.Context, f audit.Filter) ([]audit.Event, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		w.add("at < ?", f.Until.UTC())
	}
	rows, err := s.query(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action,
		COALESCE(before, ''), COALESCE(after, ''), COUNT(*) OVER ()
		FROM audit_events`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Event
	total := 0
	for rows.Next() {
		var e audit.Event
		var before, after string
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Entity, &e.EntityID, &e.Action, &before, &after, &total); err != nil {
			return nil, 0, err
		}
		if before != "" {
			e.Before = json.RawMessage(before)
		}
		if after != "" {
			e.After = json.RawMessage(after)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
