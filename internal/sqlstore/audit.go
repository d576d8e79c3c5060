package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
)

// recordKind is the kind of record an audit event is about, one of audit's Kind
// constants. The audit writer notes the kinds a transaction changed, and dropCopies drops
// the in-memory copies of those kinds, so both name a kind by those constants.
type recordKind string

// auditChange is one change to record: the entity's id, the action, and the entity
// before and after it (nil for a create or delete).
type auditChange struct {
	id, action    string
	before, after any
}

// record writes one audit event inside the transaction that makes the change, so a change
// is never stored without its trail. before or after is nil for a create or delete.
func (t *tx) record(ctx context.Context, entity recordKind, id, action string, before, after any) error {
	return t.recordMany(ctx, entity, []auditChange{{id, action, before, after}})
}

// recordMany is record for many changes of one entity type at once, as an import makes
// them: one actor, one time, and a statement per many events rather than per event.
// An update whose snapshots differ in nothing a history shows is left out.
func (t *tx) recordMany(ctx context.Context, entity recordKind, changes []auditChange) error {
	return t.recordEvents(ctx, entity, changes, true)
}

// recordChanged is recordMany for updates the caller has already compared and found
// changed, as an import's reconcile does: diffing their snapshots again was a third of the
// time a 20,000-row plan import held the write lock.
func (t *tx) recordChanged(ctx context.Context, entity recordKind, changes []auditChange) error {
	return t.recordEvents(ctx, entity, changes, false)
}

func (t *tx) recordEvents(ctx context.Context, entity recordKind, changes []auditChange, skipUnchanged bool) error {
	for _, c := range changes {
		t.changed[entity] = append(t.changed[entity], c.id)
	}
	by := actorOf(ctx)
	at := t.s.now()
	args := make([]any, 0, 8*len(changes))
	for _, c := range changes {
		b, err := snapshot(c.before)
		if err != nil {
			return err
		}
		a, err := snapshot(c.after)
		if err != nil {
			return err
		}
		if skipUnchanged && c.action == audit.Update && unchanged(b, a) {
			continue // a form saved as it was: a history entry would list nothing
		}
		args = append(args, at, by.id, by.name, string(entity), c.id, c.action, b, a)
	}
	if _, err := t.execRows(ctx, `INSERT INTO audit_events (at, actor_id, actor_name, entity, entity_id, action, before, after)
		VALUES`, 8, args, ""); err != nil {
		return fmt.Errorf("sqlstore: audit: %w", err)
	}
	return nil
}

// actor is who makes a change: the signed-in user, or the system (start-up, the monthly
// snapshot) when nobody is. Every "by" a write stores (audit events, "updated by"
// columns, a need's history, a progress update's author) is read through actorOf, so
// they cannot disagree.
type actor struct {
	id   *int64 // nil for the system
	name string
}

func actorOf(ctx context.Context) actor {
	if u := auth.UserFrom(ctx); u != nil {
		return actor{id: &u.ID, name: u.Name}
	}
	return actor{name: audit.SystemActor}
}

// unchanged reports whether an update's snapshots differ in nothing a history shows.
func unchanged(before, after *string) bool {
	if before == nil || after == nil {
		return false
	}
	return len(audit.Event{Before: json.RawMessage(*before), After: json.RawMessage(*after)}.Changes()) == 0
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
	out, total, err := eventPage(rows)
	if err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `audit_events`+w.String(), w.args)
	return out, total, err
}

// eventPage reads a page of events whose rows end in COUNT(*) OVER (): the events and
// the total, and closes rows.
func eventPage(rows *sql.Rows) ([]audit.Event, int, error) {
	defer rows.Close()
	var out []audit.Event
	total := 0
	for rows.Next() {
		e, err := scanEvent(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// eventColumns are what scanEvent reads, in its order.
const eventColumns = `id, at, actor_id, actor_name, entity, entity_id, action, COALESCE(before, ''), COALESCE(after, '')`

func scanEvent(row scanner, extra ...any) (audit.Event, error) {
	var e audit.Event
	var before, after string
	if err := row.Scan(append([]any{&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Entity, &e.EntityID, &e.Action, &before, &after}, extra...)...); err != nil {
		return e, err
	}
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	return e, nil
}

// RecentEvents implements audit.Store.
func (s *Store) RecentEvents(ctx context.Context, entities []string, beforeID int64, limit int) ([]audit.Event, error) {
	if len(entities) == 0 || limit <= 0 {
		return nil, nil
	}
	// The window's bound is read first: given as a number, it lets both engines walk the
	// newest ids rather than every event of the entities.
	var newest int64
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_events`).Scan(&newest); err != nil {
		return nil, fmt.Errorf("sqlstore: recent audit: %w", err)
	}
	var w where
	w.add("id > ?", newest-audit.RecentWindow)
	args := make([]any, len(entities))
	for i, e := range entities {
		args[i] = e
	}
	w.add("entity IN (?"+strings.Repeat(", ?", len(entities)-1)+")", args...)
	w.add("actor_id IS NOT NULL")
	if beforeID > 0 {
		w.add("id < ?", beforeID)
	}
	rows, err := s.query(ctx, `SELECT `+eventColumns+` FROM audit_events`+w.String()+` ORDER BY id DESC LIMIT ?`,
		append(w.args, min(limit, audit.MaxRecent))...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: recent audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
