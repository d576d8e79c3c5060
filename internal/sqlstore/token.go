package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
)

const tokenColumns = `id, user_id, name, prefix, created_at, last_used_at, revoked_at`

func scanToken(row scanner) (auth.Token, error) {
	var t auth.Token
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt)
	return t, err
}

// CreateToken implements auth.Store.
func (s *Store) CreateToken(ctx context.Context, userID int64, name, prefix, hash string) (auth.Token, error) {
	name = strings.TrimSpace(name)
	var p kovit.Problems
	if name == "" {
		p.Add("name", "error.required")
	} else if kovit.TooLong(name, 100) {
		p.Add("name", "error.too_long")
	}
	if err := p.Err(); err != nil {
		return auth.Token{}, err
	}
	var t auth.Token
	err := s.transact(ctx, func(tx *tx) error {
		id, err := tx.insert(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at)
			VALUES (?, ?, ?, ?, ?)`, userID, name, prefix, hash, s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: create token: %w", err)
		}
		if t, err = scanToken(tx.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE id = ?`, id)); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindAPIToken, strconv.FormatInt(id, 10), audit.Create, nil, t)
	})
	return t, err
}

// ListTokens implements auth.Store.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	rows, err := s.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list tokens: %w", err)
	}
	defer rows.Close()
	var out []auth.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken implements auth.Store; a user revokes only their own tokens.
func (s *Store) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	return s.transact(ctx, func(tx *tx) error {
		q := `SELECT ` + tokenColumns + ` FROM api_tokens WHERE id = ? AND user_id = ?`
		before, err := scanToken(tx.queryRow(ctx, q, tokenID, userID))
		if err != nil {
			return notFound(err)
		}
		if before.RevokedAt != nil {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, s.now(), tokenID); err != nil {
			return fmt.Errorf("sqlstore: revoke token: %w", err)
		}
		after, err := scanToken(tx.queryRow(ctx, q, tokenID, userID))
		if err != nil {
			return err
		}
		return tx.record(ctx, audit.KindAPIToken, strconv.FormatInt(tokenID, 10), audit.Update, before, after)
	})
}

// endCredentials ends every session and API token of a user, when their password changes
// or their account is deactivated: the sessions by moving the user's epoch on (the
// authenticator refuses a session signed in under an older one), the tokens by revoking
// them. Reactivating the account brings none back.
func (t *tx) endCredentials(ctx context.Context, userID int64) error {
	if _, err := t.exec(ctx, `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?`, userID); err != nil {
		return fmt.Errorf("sqlstore: end sessions: %w", err)
	}
	rows, err := t.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL`, userID)
	if err != nil {
		return fmt.Errorf("sqlstore: end tokens: %w", err)
	}
	var live []auth.Token
	for rows.Next() {
		tok, err := scanToken(rows)
		if err != nil {
			rows.Close()
			return err
		}
		live = append(live, tok)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(live) == 0 {
		return nil
	}
	now := t.s.now()
	changes := make([]auditChange, 0, len(live))
	for _, before := range live {
		if _, err := t.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, now, before.ID); err != nil {
			return fmt.Errorf("sqlstore: end tokens: %w", err)
		}
		after := before
		after.RevokedAt = &now
		changes = append(changes, auditChange{strconv.FormatInt(before.ID, 10), audit.Update, before, after})
	}
	return t.recordMany(ctx, audit.KindAPIToken, changes)
}

// UserByTokenHash implements auth.Store.
func (s *Store) UserByTokenHash(ctx context.Context, hash string) (auth.User, error) {
	var tokenID, userID int64
	err := s.queryRow(ctx, `SELECT id, user_id FROM api_tokens WHERE hash = ? AND revoked_at IS NULL`, hash).Scan(&tokenID, &userID)
	if err != nil {
		return auth.User{}, notFound(err)
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return auth.User{}, err
	}
	if !u.Active {
		return auth.User{}, kovit.NotFound()
	}
	// Noting the use is a convenience for the owner; a failure here must not refuse the call.
	_ = s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, s.now(), tokenID)
		return err
	})
	return u, nil
}
