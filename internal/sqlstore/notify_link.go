package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/notify"
)

// queueLinks puts in the outbox a mail with the link of the purpose for each active user
// that where (on users) picks and that has an address (one signed up by eID has none). It goes at once whatever the user's settings, and is read
// already: a record in their list of what was mailed, not news. The link itself is made
// when the mail is sent (notify.Mailer), so its secret is never stored.
func (t *tx) queueLinks(ctx context.Context, purpose auth.LinkPurpose, where string, args ...any) error {
	now := t.s.now()
	_, err := t.exec(ctx, `INSERT INTO notifications (user_id, kind, entity, entity_id, title, delivery, created_at, read_at)
		SELECT id, ?, ?, CAST(id AS TEXT), email, ?, ?, ? FROM users WHERE active AND email IS NOT NULL AND `+where,
		append([]any{string(notify.LinkKind(purpose)), audit.KindUser, string(notify.Immediate), now, now}, args...)...)
	if err != nil {
		return fmt.Errorf("sqlstore: queue %s link: %w", purpose, err)
	}
	return nil
}

// RequestReset implements auth.LinkStore. The same statement runs whether or not the
// address has an account, so neither the answer nor its time tells which addresses do.
func (s *Store) RequestReset(ctx context.Context, email string) error {
	return s.transact(ctx, func(tx *tx) error {
		return tx.queueLinks(ctx, auth.LinkReset, `email = ?`, strings.ToLower(strings.TrimSpace(email)))
	})
}
