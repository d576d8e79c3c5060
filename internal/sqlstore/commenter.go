package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

var _ auth.CommenterStore = (*Store)(nil)

// SignUpCommenter implements auth.CommenterStore. A new address becomes a reader account
// marked public_commenter, with no password: it signs in only by its links. The link's
// mail goes through the outbox as an invitation's does (queueLinks), at once and read
// already, its title the consultation's.
func (s *Store) SignUpCommenter(ctx context.Context, c auth.CommenterSignUp, consultationID int64) (auth.User, bool, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return auth.User{}, false, err
	}
	var u auth.User
	ok := false
	err := s.transact(ctx, func(tx *tx) error {
		cons, err := consultationFrom(ctx, tx, consultationID)
		if err != nil {
			return err
		}
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, c.Email))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id, err := tx.insert(ctx, `INSERT INTO users (email, name, role, password_hash, must_change_password, public_commenter, created_at)
				VALUES (?, ?, ?, '', ?, ?, ?)`, c.Email, c.Name, string(auth.RoleReader), false, true, s.now())
			if err != nil {
				return fmt.Errorf("sqlstore: create commenter: %w", err)
			}
			if u, err = userFrom(ctx, tx, id); err != nil {
				return err
			}
			if err := tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Create, nil, u); err != nil {
				return err
			}
		case err != nil:
			return err
		case !u.PublicCommenter || !u.Active:
			return nil // a staff account, or one an admin closed: no link
		}
		now := s.now()
		if _, err := tx.exec(ctx, `INSERT INTO notifications (user_id, kind, entity, entity_id, title, delivery, created_at, read_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, string(notify.CommenterSignUp), audit.KindConsultation,
			strconv.FormatInt(consultationID, 10), cons.Title, string(notify.Immediate), now, now); err != nil {
			return fmt.Errorf("sqlstore: queue commenter link: %w", err)
		}
		ok = true
		return nil
	})
	return u, ok, err
}

// IssueCommenterLink implements auth.CommenterStore: each new link ends the commenter's
// earlier ones. A consultation or commenter that is gone is not found, and gets no link.
func (s *Store) IssueCommenterLink(ctx context.Context, userID, consultationID int64, hash string, expires time.Time) error {
	return s.transact(ctx, func(tx *tx) error {
		if _, err := consultationFrom(ctx, tx, consultationID); err != nil {
			return err
		}
		if _, err := userFrom(ctx, tx, userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE commenter_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, s.now(), userID); err != nil {
			return fmt.Errorf("sqlstore: end commenter links: %w", err)
		}
		if _, err := tx.insert(ctx, `INSERT INTO commenter_links (user_id, consultation_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			userID, consultationID, hash, s.now(), expires.UTC()); err != nil {
			return fmt.Errorf("sqlstore: commenter link: %w", err)
		}
		return nil
	})
}

// UseCommenterLink implements auth.CommenterStore: the link is spent in the transaction
// that reads it, so two clicks sign in once.
func (s *Store) UseCommenterLink(ctx context.Context, hash string) (auth.User, int64, error) {
	var u auth.User
	var consultationID int64
	invalid := kovit.Errorf(kovit.ENotFound, "error.link_invalid")
	err := s.transact(ctx, func(tx *tx) error {
		var id, userID int64
		var expires time.Time
		var used sql.NullTime
		err := tx.queryRow(ctx, `SELECT id, user_id, consultation_id, expires_at, used_at FROM commenter_links WHERE hash = ?`, hash).
			Scan(&id, &userID, &consultationID, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || !s.now().Before(expires))) {
			return invalid
		}
		if err != nil {
			return err
		}
		if u, err = userFrom(ctx, tx, userID); err != nil {
			return err
		}
		if !u.Active || !u.PublicCommenter {
			return invalid
		}
		res, err := tx.exec(ctx, `UPDATE commenter_links SET used_at = ? WHERE id = ? AND used_at IS NULL`, s.now(), id)
		if err != nil {
			return err
		}
		if oneRow(res) != nil {
			return invalid
		}
		return nil
	})
	return u, consultationID, err
}
