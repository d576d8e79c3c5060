package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// CreateEIDCommenter implements auth.CommenterStore. The account is a reader marked
// public_commenter with no e-mail and no password: it signs in only through the gateway,
// by its subject. Its personal code is kept as a staff member's is, hashed with the last
// digits shown, so an admin can tell who it is and no second account takes the code.
func (s *Store) CreateEIDCommenter(ctx context.Context, c auth.EIDCommenter) (auth.User, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return auth.User{}, err
	}
	var u auth.User
	err := s.transact(ctx, func(tx *tx) error {
		hash := auth.HashPersonalCode(c.PersonalCode)
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE oidc_subject = ? OR personal_code_hash = ?`,
			c.Subject, hash).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return kovit.Conflict()
		}
		id, err := tx.insert(ctx, `INSERT INTO users (email, name, role, password_hash, must_change_password, public_commenter,
			oidc_subject, personal_code_hash, personal_code_hint, created_at) VALUES (NULL, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
			c.Name, string(auth.RoleReader), false, true, c.Subject, hash, auth.PersonalCodeHint(c.PersonalCode), s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: create eID commenter: %w", err)
		}
		if u, err = userFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Create, nil, u)
	})
	return u, err
}
