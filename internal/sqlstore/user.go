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

const userColumns = `id, COALESCE(email, ''), name, role, COALESCE(municipality_ehak, ''), password_hash,
	must_change_password, active, COALESCE(oidc_subject, ''), version, created_at, last_sign_in_at, session_epoch,
	is_lead, personal_code_hint, public_commenter, ` + otherMunicipalities

// otherMunicipalities are an editor's further municipalities (user_municipalities) in one
// column, so every query that reads users reads them; both engines know string_agg.
const otherMunicipalities = `COALESCE((SELECT string_agg(um.municipality_ehak, ',' ORDER BY um.position)
	FROM user_municipalities um WHERE um.user_id = users.id), '')`

func scanUser(row scanner, extra ...any) (auth.User, error) {
	var u auth.User
	var others string
	dest := []any{&u.ID, &u.Email, &u.Name, &u.Role, &u.MunicipalityEHAK, &u.PasswordHash,
		&u.MustChangePassword, &u.Active, &u.OIDCSubject, &u.Version, &u.CreatedAt, &u.LastSignInAt, &u.SessionEpoch,
		&u.Lead, &u.PersonalCodeHint, &u.PublicCommenter, &others}
	err := row.Scan(append(dest, extra...)...)
	if u.MunicipalityEHAK != "" {
		u.Municipalities = []string{u.MunicipalityEHAK}
		if others != "" {
			u.Municipalities = append(u.Municipalities, strings.Split(others, ",")...)
		}
	}
	return u, err
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CreateUser implements auth.Store.
func (s *Store) CreateUser(ctx context.Context, n auth.NewUser, passwordHash string, mustChange bool) (auth.User, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return auth.User{}, err
	}
	var u auth.User
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkUserRefs(ctx, n.Email, 0, n.MunicipalityEHAK); err != nil {
			return err
		}
		if err := tx.checkMunicipalities(ctx, n.Municipalities); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO users (email, name, role, municipality_ehak, password_hash,
			must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			n.Email, n.Name, string(n.Role), nullIfEmpty(n.MunicipalityEHAK), passwordHash, mustChange, s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: create user: %w", err)
		}
		if err := tx.setMunicipalities(ctx, id, n.Municipalities); err != nil {
			return err
		}
		if u, err = userFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Create, nil, u)
	})
	return u, err
}

// checkUserRefs reports a taken e-mail or an unknown municipality as field errors, before
// the database would refuse them with a constraint error nobody can read.
func (t *tx) checkUserRefs(ctx context.Context, email string, selfID int64, ehak string) error {
	var p kovit.Problems
	if email != "" {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?`, email, selfID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			p.Add("email", "error.email_taken")
		}
	}
	if ehak != "" {
		if _, err := municipalityFrom(ctx, t, ehak); kovit.ErrorCode(err) == kovit.ENotFound {
			p.Add("municipality_ehak", "error.unknown_municipality")
		} else if err != nil {
			return err
		}
	}
	return p.Err()
}

func userFrom(ctx context.Context, q querier, id int64) (auth.User, error) {
	u, err := scanUser(q.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, notFound(err)
}

// UpdateUser implements auth.Store.
func (s *Store) UpdateUser(ctx context.Context, id int64, up auth.UserUpdate) (auth.User, error) {
	up.Name = strings.TrimSpace(up.Name)
	up.MunicipalityEHAK, up.Municipalities = auth.NormalizeMunicipalities(up.MunicipalityEHAK, up.Municipalities)
	if err := up.Validate(); err != nil {
		return auth.User{}, err
	}
	var after auth.User
	err := s.transact(ctx, func(tx *tx) error {
		before, err := userFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.checkUserRefs(ctx, "", id, up.MunicipalityEHAK); err != nil {
			return err
		}
		list := up.KeptMunicipalities(before)
		if err := tx.checkMunicipalities(ctx, list); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE users SET name = ?, role = ?, municipality_ehak = ?, active = ?,
			version = version + 1 WHERE id = ? AND version = ?`,
			up.Name, string(up.Role), nullIfEmpty(up.MunicipalityEHAK), up.Active, id, up.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update user: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if err := tx.setMunicipalities(ctx, id, list); err != nil {
			return err
		}
		if before.Active && !up.Active {
			if err := tx.endCredentials(ctx, id); err != nil {
				return err
			}
		}
		if after, err = userFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Update, before, after)
	})
	return after, err
}

// SetPassword implements auth.Store. The trail says the password changed, never to what.
// Every session and token of the user ends with the old password.
func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string, mustChange bool) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := userFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ?,
			version = version + 1 WHERE id = ?`, passwordHash, mustChange, id); err != nil {
			return fmt.Errorf("sqlstore: set password: %w", err)
		}
		if err := tx.endCredentials(ctx, id); err != nil {
			return err
		}
		type pw struct {
			Password           string `json:"password"`
			MustChangePassword bool   `json:"must_change_password"`
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Update,
			pw{"", before.MustChangePassword}, pw{"(changed)", mustChange})
	})
}

// RecordSignIn implements auth.Store. Signing in is not a change to the record, so it
// is not in the audit trail.
func (s *Store) RecordSignIn(ctx context.Context, id int64) error {
	return s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET last_sign_in_at = ? WHERE id = ?`, s.now(), id)
		return err
	})
}

// User implements auth.Store.
func (s *Store) User(ctx context.Context, id int64) (auth.User, error) {
	return userFrom(ctx, s, id)
}

// UserByEmail implements auth.Store.
func (s *Store) UserByEmail(ctx context.Context, email string) (auth.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`,
		strings.ToLower(strings.TrimSpace(email))))
	return u, notFound(err)
}

// UserByOIDCSubject implements auth.Store.
func (s *Store) UserByOIDCSubject(ctx context.Context, subject string) (auth.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE oidc_subject = ?`, subject))
	return u, notFound(err)
}

// LinkOIDCSubject implements auth.Store.
func (s *Store) LinkOIDCSubject(ctx context.Context, id int64, subject string) error {
	return s.transact(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET oidc_subject = ? WHERE id = ?`, subject, id); err != nil {
			return fmt.Errorf("sqlstore: link oidc: %w", err)
		}
		type link struct {
			OIDC string `json:"oidc"`
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Update, link{""}, link{"(linked)"})
	})
}

// ListUsers implements auth.Store.
func (s *Store) ListUsers(ctx context.Context, f auth.UserFilter) ([]auth.User, int, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	f.Offset = max(f.Offset, 0)
	var w where
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		w.add(`(LOWER(name) LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\')`, likeContains(q), likeContains(q))
	}
	if f.Role != "" {
		w.add("role = ?", string(f.Role))
	}
	if f.MunicipalityEHAK != "" {
		w.add(`(municipality_ehak = ? OR EXISTS (SELECT 1 FROM user_municipalities um
			WHERE um.user_id = users.id AND um.municipality_ehak = ?))`, f.MunicipalityEHAK, f.MunicipalityEHAK)
	}
	if f.Active != nil {
		w.add("active = ?", *f.Active)
	}
	rows, err := s.query(ctx, `SELECT `+userColumns+`, COUNT(*) OVER () FROM users`+w.String()+
		` ORDER BY LOWER(name), id LIMIT ? OFFSET ?`, append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	total := 0
	for rows.Next() {
		u, err := scanUser(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `users`+w.String(), w.args)
	return out, total, err
}

// CountUsers implements auth.Store.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}
