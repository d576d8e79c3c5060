package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOptionalEmailMigration fills a database as kovit left it before migration 00042,
// with a staff user holding a personal code and an API token, an e-mail commenter with a
// notification, and a deleted user in between, and migrates it: every user keeps their id
// and columns, the other tables' rows and foreign keys hold, the personal code stays
// unique, a deleted user's id is not given again, and an e-mail may now be missing on any
// number of users while a given one stays unique.
func TestOptionalEmailMigration(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			s := storeBefore(t, engine, 41)
			must := func(q string, args ...any) {
				t.Helper()
				if err := s.ExecRaw(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			must(`INSERT INTO users (email, name, role, created_at, personal_code_hash, personal_code_hint, is_lead, session_epoch)
				VALUES ('mari@tartu.test', 'Mari Maasikas', 'editor', '2026-01-01', 'hash-1', '•••••••5718', TRUE, 3)`)
			must(`INSERT INTO users (email, name, role, created_at) VALUES ('gone@tartu.test', 'Endine', 'reader', '2026-01-01')`)
			must(`INSERT INTO users (email, name, role, created_at, public_commenter) VALUES ('jaan@avalik.test', 'Jaan', 'reader', '2026-01-02', TRUE)`)
			must(`DELETE FROM users WHERE id = 2`)
			must(`INSERT INTO api_tokens (user_id, name, prefix, hash, created_at) VALUES (1, 'skript', 'kv_', 'token-hash', '2026-01-03')`)
			must(`INSERT INTO notifications (user_id, kind, entity, entity_id, title, delivery, created_at)
				VALUES (3, 'comment_disposed', 'consultation', '1', 'IKT', 'daily', '2026-01-03')`)

			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}

			scan := func(q string, dest ...any) error {
				rows, err := s.QueryRaw(ctx, q)
				if err != nil {
					return err
				}
				defer rows.Close()
				if !rows.Next() {
					return rows.Err()
				}
				return rows.Scan(dest...)
			}
			var n int
			if err := scan(`SELECT COUNT(*) FROM users`, &n); err != nil || n != 2 {
				t.Errorf("users after the migration: %d, %v", n, err)
			}
			mari, err := s.User(ctx, 1)
			if err != nil || mari.Email != "mari@tartu.test" || mari.Name != "Mari Maasikas" || mari.PersonalCodeHint != "•••••••5718" ||
				!mari.Lead || mari.SessionEpoch != 3 {
				t.Errorf("user 1: %+v %v", mari, err)
			}
			if jaan, err := s.User(ctx, 3); err != nil || jaan.Email != "jaan@avalik.test" || !jaan.PublicCommenter {
				t.Errorf("user 3: %+v %v", jaan, err)
			}
			if err := scan(`SELECT COUNT(*) FROM api_tokens WHERE user_id = 1`, &n); err != nil || n != 1 {
				t.Errorf("tokens: %d, %v", n, err)
			}
			if err := scan(`SELECT COUNT(*) FROM notifications WHERE user_id = 3`, &n); err != nil || n != 1 {
				t.Errorf("notifications: %d, %v", n, err)
			}
			if err := s.ExecRaw(ctx, `INSERT INTO users (email, name, role, created_at, personal_code_hash) VALUES (NULL, 'Teine', 'reader', '2026-01-04', 'hash-1')`); err == nil {
				t.Error("a second user with the same personal code was stored: its unique index is gone")
			}
			if err := s.ExecRaw(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at) VALUES (99, 'x', 'kv_', 'other', '2026-01-04')`); err == nil {
				t.Error("a token of a user who does not exist was stored: the foreign key is gone")
			}
			if err := s.ExecRaw(ctx, `INSERT INTO users (email, name, role, created_at) VALUES ('mari@tartu.test', 'Teine Mari', 'reader', '2026-01-04')`); err == nil {
				t.Error("a second user with a taken e-mail was stored")
			}
			for _, name := range []string{"Liis Kask", "Peeter Puu"} {
				must(`INSERT INTO users (email, name, role, created_at, public_commenter) VALUES (NULL, ?, 'reader', '2026-01-04', TRUE)`, name)
			}
			var low int64
			if err := scan(`SELECT MIN(id) FROM users WHERE email IS NULL`, &low); err != nil || low <= 3 {
				t.Errorf("a new user's id %d, %v: want past the highest ever given, 3", low, err)
			}
			if u, err := s.User(ctx, low); err != nil || u.Email != "" || u.Name != "Liis Kask" {
				t.Errorf("a user without e-mail read back: %+v %v", u, err)
			}
		})
	}
}
