package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/need"
	"kovit/internal/notify"
	"kovit/internal/plan"
)

// emit writes a notification per recipient of each event inside the transaction of the
// change, so a change that rolls back leaves no notification. The one who made the change
// hears nothing of it; each recipient's delivery is their choice at this moment.
func (t *tx) emit(ctx context.Context, evs ...notify.Event) error {
	by := actorOf(ctx)
	var actorID int64
	if by.id != nil {
		actorID = *by.id
	}
	for _, e := range evs {
		def := notify.Prefs{}.For(e.Kind)
		var key *string
		if e.Key != "" {
			key = &e.Key
		}
		// Every editor of the municipality hears of it, also one for whom it is not the
		// primary one (user_municipalities).
		audience := `u.role = ? AND (u.municipality_ehak = ? OR (? AND u.municipality_ehak IS NOT NULL)
			OR EXISTS (SELECT 1 FROM user_municipalities um WHERE um.user_id = u.id AND um.municipality_ehak = ?))`
		args := []any{string(auth.RoleEditor), e.Municipality, e.Municipality == notify.EveryMunicipality, e.Municipality}
		if e.Municipality == "" {
			if len(e.Users) == 0 {
				continue
			}
			audience, args = `u.id IN (`+placeholders(len(e.Users))+`)`, nil
			for _, id := range e.Users {
				args = append(args, id)
			}
		}
		args = append([]any{string(e.Kind), e.Entity, e.EntityID, e.Title, e.Reason, string(def), key, t.s.now(), string(e.Kind)},
			append(args, actorID)...)
		res, err := t.exec(ctx, `INSERT INTO notifications (user_id, kind, entity, entity_id, title, reason, delivery, dedup_key, created_at)
			SELECT u.id, ?, ?, ?, ?, ?, COALESCE(p.delivery, ?), ?, ?
			FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id AND p.kind = ?
			WHERE u.active AND `+audience+` AND u.id <> ?
			ON CONFLICT (user_id, dedup_key) DO NOTHING`, args...)
		if err != nil {
			return fmt.Errorf("sqlstore: emit %s: %w", e.Kind, err)
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			t.changed[kindNotification] = nil // someone's unread count changed
		}
	}
	return nil
}

// Emit implements notify.Store.
func (s *Store) Emit(ctx context.Context, evs []notify.Event) error {
	return s.transact(ctx, func(tx *tx) error { return tx.emit(ctx, evs...) })
}

const notificationColumns = `id, user_id, kind, entity, entity_id, title, reason, delivery, created_at, read_at`

func scanNotifications(rows interface {
	scanner
	Next() bool
	Err() error
}, extra ...any) ([]notify.Notification, error) {
	var out []notify.Notification
	for rows.Next() {
		var n notify.Notification
		dest := append([]any{&n.ID, &n.UserID, &n.Kind, &n.Entity, &n.EntityID, &n.Title, &n.Reason, &n.Delivery, &n.CreatedAt, &n.ReadAt}, extra...)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Notifications implements notify.Store.
func (s *Store) Notifications(ctx context.Context, userID int64, limit, offset int) ([]notify.Notification, int, int, error) {
	unread, err := s.UnreadNotifications(ctx, userID)
	if err != nil {
		return nil, 0, 0, err
	}
	rows, err := s.query(ctx, `SELECT `+notificationColumns+`, COUNT(*) OVER () FROM notifications
		WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, userID, limit, offset)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("sqlstore: notifications: %w", err)
	}
	defer rows.Close()
	total := 0
	out, err := scanNotifications(rows, &total)
	if err != nil {
		return nil, 0, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), offset, &total, `notifications WHERE user_id = ?`, []any{userID})
	return out, total, unread, err
}

// UnreadNotifications implements notify.Store.
func (s *Store) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// MarkNotificationsRead implements notify.Store.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64) error {
	return s.transact(ctx, func(tx *tx) error {
		q, args := `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, []any{s.now(), userID}
		if len(ids) > 0 {
			q += ` AND id IN (` + placeholders(len(ids)) + `)`
			for _, id := range ids {
				args = append(args, id)
			}
		}
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// NotificationSettings implements notify.Store.
func (s *Store) NotificationSettings(ctx context.Context, userID int64) (notify.Settings, error) {
	st := notify.Settings{Prefs: notify.Prefs{}}
	if err := s.queryRow(ctx, `SELECT lang FROM users WHERE id = ?`, userID).Scan(&st.Lang); err != nil {
		return st, notFound(err)
	}
	rows, err := s.query(ctx, `SELECT kind, delivery FROM notification_prefs WHERE user_id = ?`, userID)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k notify.Kind
		var d notify.Delivery
		if err := rows.Scan(&k, &d); err != nil {
			return st, err
		}
		st.Prefs[k] = d
	}
	return st, rows.Err()
}

// SetNotificationSettings implements notify.Store: the language and every choice given.
func (s *Store) SetNotificationSettings(ctx context.Context, userID int64, st notify.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET lang = ? WHERE id = ?`, st.Lang, userID)
		if err != nil {
			return err
		}
		if err := oneRow(res); err != nil {
			return err
		}
		for k, d := range st.Prefs {
			if _, err := tx.exec(ctx, `INSERT INTO notification_prefs (user_id, kind, delivery) VALUES (?, ?, ?)
				ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`, userID, string(k), string(d)); err != nil {
				return err
			}
		}
		return nil
	})
}

// MailDue implements notify.Store.
func (s *Store) MailDue(ctx context.Context, d notify.Delivery, before time.Time) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT user_id FROM notifications
		WHERE mailed_at IS NULL AND delivery = ? AND created_at < ? ORDER BY user_id`, string(d), before.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: mail due: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// ClaimMail implements notify.Store: the claim is the mark, so a second sender finds
// nothing left to claim.
func (s *Store) ClaimMail(ctx context.Context, userID int64, d notify.Delivery, before, at time.Time) ([]notify.Notification, error) {
	var out []notify.Notification
	err := s.transact(ctx, func(tx *tx) error {
		rows, err := tx.query(ctx, `SELECT `+notificationColumns+` FROM notifications
			WHERE user_id = ? AND mailed_at IS NULL AND delivery = ? AND created_at < ? ORDER BY id`, userID, string(d), before.UTC())
		if err != nil {
			return err
		}
		out, err = scanNotifications(rows)
		rows.Close()
		if err != nil || len(out) == 0 {
			return err
		}
		args := []any{at.UTC().Truncate(time.Microsecond)}
		for _, n := range out {
			args = append(args, n.ID)
		}
		res, err := tx.exec(ctx, `UPDATE notifications SET mailed_at = ? WHERE mailed_at IS NULL AND id IN (`+placeholders(len(out))+`)`, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || int(n) != len(out) {
			return fmt.Errorf("sqlstore: claim mail: claimed by another sender: %w", err)
		}
		return nil
	})
	return out, err
}

// ReleaseMail implements notify.Store.
func (s *Store) ReleaseMail(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return s.transact(ctx, func(tx *tx) error {
		args := []any{at.UTC().Truncate(time.Microsecond)}
		for _, id := range ids {
			args = append(args, id)
		}
		_, err := tx.exec(ctx, `UPDATE notifications SET mailed_at = NULL WHERE mailed_at = ? AND id IN (`+placeholders(len(ids))+`)`, args...)
		return err
	})
}

// emitReview tells the municipality's editors that a coordinator verified or returned
// their cell.
func (t *tx) emitReview(ctx context.Context, ehak, code string, v eservice.Verification, reason string) error {
	kind := notify.CellVerified
	if v == eservice.Returned {
		kind = notify.CellReturned
	}
	var name string
	if err := t.queryRow(ctx, `SELECT name_et FROM services WHERE code = ?`, code).Scan(&name); err != nil {
		return fmt.Errorf("sqlstore: service name: %w", err)
	}
	return t.emit(ctx, notify.Event{Kind: kind, Entity: audit.KindServiceCell, EntityID: ehak + "/" + code,
		Municipality: ehak, Title: name, Reason: reason})
}

// needMoves are the moves of a need its municipality hears of.
var needMoves = map[need.State]notify.Kind{
	need.Returned:  notify.NeedReturned,
	need.Accepted:  notify.NeedAccepted,
	need.Rejected:  notify.NeedRejected,
	need.Duplicate: notify.NeedDuplicate,
	need.Funded:    notify.NeedFunded,
}

// emitNeedMove tells the need's municipality's editors that it was moved.
func (t *tx) emitNeedMove(ctx context.Context, n need.Need, reason string) error {
	kind, ok := needMoves[n.State]
	if !ok {
		return nil
	}
	return t.emit(ctx, notify.Event{Kind: kind, Entity: audit.KindNeed, EntityID: strconv.FormatInt(n.ID, 10),
		Municipality: n.MunicipalityEHAK, Title: n.Title, Reason: reason})
}

// emitRoundOpened tells every municipality's editors that a collection round has opened.
func (t *tx) emitRoundOpened(ctx context.Context, r need.Round) error {
	return t.emit(ctx, notify.Event{Kind: notify.RoundOpened, Entity: audit.KindNeedRound, EntityID: strconv.FormatInt(r.ID, 10),
		Municipality: notify.EveryMunicipality, Title: r.Title, Reason: r.Deadline})
}

func (t *tx) nodeContacts(ctx context.Context, nodeID int64) (map[int64]bool, error) {
	rows, err := t.query(ctx, `SELECT user_id FROM plan_node_contacts WHERE node_id = ?`, nodeID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: node contacts: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// emitNewContacts tells the people just made contact persons of an activity.
func (t *tx) emitNewContacts(ctx context.Context, n plan.Node, before map[int64]bool) error {
	var added []int64
	for _, id := range n.ContactIDs {
		if !before[id] {
			added = append(added, id)
		}
	}
	if n.Kind != plan.Activity || len(added) == 0 {
		return nil
	}
	return t.emit(ctx, notify.Event{Kind: notify.ActivityContact, Entity: audit.KindPlanNode, EntityID: strconv.FormatInt(n.ID, 10),
		Users: added, Title: strings.TrimSpace(n.Code + " " + n.TitleEt)})
}

// emitReportOpened tells the contact persons of the strategy's activities that a report
// on it is open, for them to bring their activities up to date.
func (t *tx) emitReportOpened(ctx context.Context, r plan.Report) error {
	rows, err := t.query(ctx, `SELECT DISTINCT c.user_id FROM plan_node_contacts c JOIN plan_nodes n ON n.id = c.node_id
		WHERE n.strategy_id = ? AND n.kind = ? ORDER BY c.user_id`, r.StrategyID, string(plan.Activity))
	if err != nil {
		return fmt.Errorf("sqlstore: report contacts: %w", err)
	}
	var users []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		users = append(users, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return t.emit(ctx, notify.Event{Kind: notify.ReportOpened, Entity: audit.KindReport, EntityID: strconv.FormatInt(r.ID, 10),
		Users: users, Title: r.TitleEt})
}
