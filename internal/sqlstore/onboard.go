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
)

// Invite implements auth.LinkStore: every account with its invitation in the outbox, or
// none of them.
func (s *Store) Invite(ctx context.Context, invites []auth.Invitation) ([]auth.User, error) {
	var p kovit.Problems
	for i := range invites {
		invites[i].Normalize()
		invites[i].Password = ""
		for _, fp := range kovit.FieldsOf(invites[i].Validate()) {
			p.Add(fp.Field, fp.Key)
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var out []auth.User
	err := s.transact(ctx, func(tx *tx) error {
		for _, in := range invites {
			if err := tx.checkUserRefs(ctx, in.Email, 0, in.MunicipalityEHAK); err != nil {
				return err
			}
			if err := tx.checkMunicipalities(ctx, in.Municipalities); err != nil {
				return err
			}
			id, err := tx.insert(ctx, `INSERT INTO users (email, name, role, municipality_ehak, created_at)
				VALUES (?, ?, ?, ?, ?)`, in.Email, in.Name, string(in.Role), nullIfEmpty(in.MunicipalityEHAK), s.now())
			if err != nil {
				return fmt.Errorf("sqlstore: invite: %w", err)
			}
			if err := tx.setMunicipalities(ctx, id, in.Municipalities); err != nil {
				return err
			}
			if err := tx.queueLinks(ctx, auth.LinkInvite, `id = ?`, id); err != nil {
				return err
			}
			u, err := userFrom(ctx, tx, id)
			if err != nil {
				return err
			}
			type invited struct {
				auth.User
				Invitation string `json:"invitation"`
			}
			if err := tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Create, nil, invited{u, "sent"}); err != nil {
				return err
			}
			out = append(out, u)
		}
		return nil
	})
	return out, err
}

// IssueLink implements auth.LinkStore.
func (s *Store) IssueLink(ctx context.Context, userID int64, purpose auth.LinkPurpose, hash string, expires time.Time) error {
	return s.transact(ctx, func(tx *tx) error {
		if _, err := userFrom(ctx, tx, userID); err != nil {
			return err
		}
		if err := tx.issueLink(ctx, userID, purpose, hash, expires); err != nil {
			return err
		}
		type link struct {
			Link string `json:"link"`
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(userID, 10), audit.Update, link{""}, link{string(purpose) + " sent"})
	})
}

// issueLink ends the user's earlier links of the purpose, so only the newest mail works.
func (t *tx) issueLink(ctx context.Context, userID int64, purpose auth.LinkPurpose, hash string, expires time.Time) error {
	if _, err := t.exec(ctx, `UPDATE link_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL`,
		t.s.now(), userID, string(purpose)); err != nil {
		return fmt.Errorf("sqlstore: end links: %w", err)
	}
	if _, err := t.insert(ctx, `INSERT INTO link_tokens (user_id, purpose, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		userID, string(purpose), hash, t.s.now(), expires.UTC()); err != nil {
		return fmt.Errorf("sqlstore: issue link: %w", err)
	}
	return nil
}

// linkUser finds the user of a link that still works; any other link is not found.
func (s *Store) linkUser(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, purpose auth.LinkPurpose, hash string) (id, userID int64, err error) {
	var expires time.Time
	var used sql.NullTime
	err = q.QueryRowContext(ctx, s.engine.rebind(`SELECT id, user_id, expires_at, used_at FROM link_tokens WHERE hash = ? AND purpose = ?`),
		hash, string(purpose)).Scan(&id, &userID, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || !s.now().Before(expires))) {
		return 0, 0, kovit.Errorf(kovit.ENotFound, "error.link_invalid")
	}
	return id, userID, err
}

// LinkUser implements auth.LinkStore.
func (s *Store) LinkUser(ctx context.Context, purpose auth.LinkPurpose, hash string) (auth.User, error) {
	_, userID, err := s.linkUser(ctx, s.read, purpose, hash)
	if err != nil {
		return auth.User{}, err
	}
	u, err := s.User(ctx, userID)
	if err == nil && !u.Active {
		return auth.User{}, kovit.Errorf(kovit.ENotFound, "error.link_invalid")
	}
	return u, err
}

// UseLink implements auth.LinkStore: the link ends, the password is set and every session
// and token of the user ends, all in one transaction, so a link works once.
func (s *Store) UseLink(ctx context.Context, purpose auth.LinkPurpose, hash, passwordHash string) (auth.User, error) {
	var u auth.User
	err := s.transact(ctx, func(tx *tx) error {
		id, userID, err := s.linkUser(ctx, tx.Tx, purpose, hash)
		if err != nil {
			return err
		}
		if u, err = userFrom(ctx, tx, userID); err != nil {
			return err
		}
		if !u.Active {
			return kovit.Errorf(kovit.ENotFound, "error.link_invalid")
		}
		res, err := tx.exec(ctx, `UPDATE link_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL`, s.now(), id)
		if err != nil {
			return err
		}
		if err := oneRow(res); err != nil {
			return kovit.Errorf(kovit.ENotFound, "error.link_invalid")
		}
		// The password is the user's own now: no other link of theirs may change it.
		if _, err := tx.exec(ctx, `UPDATE link_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, s.now(), userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ?, version = version + 1 WHERE id = ?`,
			passwordHash, false, userID); err != nil {
			return fmt.Errorf("sqlstore: set password: %w", err)
		}
		if err := tx.endCredentials(ctx, userID); err != nil {
			return err
		}
		type pw struct {
			Password string `json:"password"`
		}
		if err := tx.record(ctx, audit.KindUser, strconv.FormatInt(userID, 10), audit.Update, pw{""}, pw{"(set through " + string(purpose) + " link)"}); err != nil {
			return err
		}
		u, err = userFrom(ctx, tx, userID)
		return err
	})
	return u, err
}

// SetLead implements auth.LinkStore. Only an editor can lead their municipality.
func (s *Store) SetLead(ctx context.Context, id int64, lead bool) (auth.User, error) {
	var after auth.User
	err := s.transact(ctx, func(tx *tx) error {
		before, err := userFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if lead && !auth.MayLead(before) {
			var p kovit.Problems
			p.Add("lead", "error.lead_editor_only")
			return p.Err()
		}
		if _, err := tx.exec(ctx, `UPDATE users SET is_lead = ?, version = version + 1 WHERE id = ?`, lead, id); err != nil {
			return fmt.Errorf("sqlstore: set lead: %w", err)
		}
		type leadOf struct {
			Lead bool `json:"lead"`
		}
		if after, err = userFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Update, leadOf{before.Lead}, leadOf{lead})
	})
	return after, err
}

// SetPersonalCode implements auth.LinkStore. The trail, like the table, keeps only the
// code's last digits.
func (s *Store) SetPersonalCode(ctx context.Context, id int64, code string) error {
	if err := auth.CheckPersonalCode(code); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *tx) error {
		before, err := userFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		var n int
		hash := auth.HashPersonalCode(code)
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE personal_code_hash = ? AND id <> ?`, hash, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			var p kovit.Problems
			p.Add("personal_code", "error.personal_code_taken")
			return p.Err()
		}
		hint := auth.PersonalCodeHint(code)
		if _, err := tx.exec(ctx, `UPDATE users SET personal_code_hash = ?, personal_code_hint = ?, version = version + 1 WHERE id = ?`,
			hash, hint, id); err != nil {
			return fmt.Errorf("sqlstore: set personal code: %w", err)
		}
		type pc struct {
			PersonalCode string `json:"personal_code"`
		}
		return tx.record(ctx, audit.KindUser, strconv.FormatInt(id, 10), audit.Update, pc{before.PersonalCodeHint}, pc{hint})
	})
}

// UserByPersonalCode implements auth.LinkStore.
func (s *Store) UserByPersonalCode(ctx context.Context, code string) (auth.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE personal_code_hash = ?`, auth.HashPersonalCode(code)))
	return u, notFound(err)
}
