package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"time"

	"kovit/internal/i18n"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
)

// signingSecretKey is the setting that holds the server's secret for signed links (a
// mail's settings link). It is made at the first start and kept, so links stay valid
// across restarts.
const signingSecretKey = "signing_secret"

func signingSecret(ctx context.Context, store *sqlstore.Store) ([]byte, error) {
	v, err := store.Setting(ctx, signingSecretKey)
	if err != nil || v != "" {
		return []byte(v), err
	}
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	if err := store.SetSetting(ctx, signingSecretKey, hex.EncodeToString(b)); err != nil {
		return nil, err
	}
	v, err = store.Setting(ctx, signingSecretKey)
	return []byte(v), err
}

func (a *app) notifier(ctx context.Context, c config, catalog *i18n.Catalog) (notify.Mailer, error) {
	secret, err := signingSecret(ctx, a.store)
	return notify.Mailer{Store: a.store, Users: a.store, Needs: a.store, Plans: a.store, Advice: a.store, Mail: a.mail, Links: a.store, Commenters: a.store, Catalog: catalog,
		Signer: notify.Signer{Secret: secret}, BaseURL: strings.TrimRight(c.BaseURL, "/")}, err
}

// mailNow sends the outbox's immediate mail in the background when asked (a link someone
// waits for), with the mail job's sender; what fails there the job sends again.
func (a *app) mailNow(log *slog.Logger) func() {
	p := &notify.Prompt{Mailer: a.notify, Now: func() time.Time { return a.store.Now() }, Failed: func(err error) { log.Warn("immediate mail", "err", err) }}
	return p.Wake
}
