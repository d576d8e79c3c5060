package sqlstore_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/mail"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCreateEIDCommenter: the eID gateway's commenter is a reader marked public commenter
// with no e-mail, its subject and its personal code's hint; any number of them have no
// e-mail; a subject or personal code an account already has, or a bad one, makes nobody.
func TestCreateEIDCommenter(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		mari, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.test", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPersonalCode(ctx, mari.ID, "38001085718"); err != nil {
			t.Fatal(err)
		}
		liis, err := s.CreateEIDCommenter(ctx, auth.EIDCommenter{Name: "  Liis   Kask ", PersonalCode: "49403136526", Subject: "https://tara.test|EE49403136526"})
		if err != nil || liis.Email != "" || liis.Name != "Liis Kask" || !liis.PublicCommenter || liis.Role != auth.RoleReader ||
			liis.OIDCSubject != "https://tara.test|EE49403136526" || liis.PasswordHash != "" {
			t.Fatalf("the commenter: %+v %v", liis, err)
		}
		if u, err := s.UserByPersonalCode(ctx, "49403136526"); err != nil || u.ID != liis.ID {
			t.Errorf("by personal code: %+v %v", u, err)
		}
		if _, err := s.CreateEIDCommenter(ctx, auth.EIDCommenter{Name: "Peeter Puu", PersonalCode: "60001019906", Subject: "https://tara.test|EE60001019906"}); err != nil {
			t.Errorf("a second commenter without e-mail: %v", err)
		}
		refused := []struct {
			name string
			in   auth.EIDCommenter
			code kovit.Code
		}{
			{"subject taken", auth.EIDCommenter{Name: "X", PersonalCode: "50001010006", Subject: "https://tara.test|EE49403136526"}, kovit.EConflict},
			{"a commenter's code", auth.EIDCommenter{Name: "X", PersonalCode: "49403136526", Subject: "https://other.test|EE49403136526"}, kovit.EConflict},
			{"a staff member's code", auth.EIDCommenter{Name: "X", PersonalCode: "38001085718", Subject: "https://tara.test|EE38001085718"}, kovit.EConflict},
			{"bad code", auth.EIDCommenter{Name: "X", PersonalCode: "38001085719", Subject: "https://tara.test|EE38001085719"}, kovit.EInvalid},
			{"no name", auth.EIDCommenter{Name: " ", PersonalCode: "50001010006", Subject: "https://tara.test|EE50001010006"}, kovit.EInvalid},
		}
		before, err := s.CountUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range refused {
			if _, err := s.CreateEIDCommenter(ctx, tc.in); kovit.ErrorCode(err) != tc.code {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
		if after, _ := s.CountUsers(ctx); after != before {
			t.Errorf("refused commenters made %d users", after-before)
		}
		if staff, err := s.User(ctx, mari.ID); err != nil || staff.PublicCommenter {
			t.Errorf("the staff account: %+v %v", staff, err)
		}
		active := true
		if us, total, err := s.ListUsers(ctx, auth.UserFilter{Q: "Kask", Active: &active, Limit: 10}); err != nil || total != 1 || us[0].Email != "" {
			t.Errorf("list: %+v %d %v", us, total, err)
		}
	})
}

// addressOnly is a mail sender that refuses a mail without a recipient address, as an
// SMTP server does, and keeps the others.
type addressOnly struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (s *addressOnly) Send(_ context.Context, m mail.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, to := range m.To {
		if to == "" {
			return errors.New("no recipient address")
		}
	}
	s.sent = append(s.sent, m)
	return nil
}

// TestEIDCommenterIsNotMailed: a commenter signed up by eID has no address. A link's mail,
// the one kind that goes whatever its reader may read, is passed over for them without an
// error and without trying again, and the others of the same run go; no link is queued
// for them in the first place.
func TestEIDCommenterIsNotMailed(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		catalog, err := i18n.Load()
		if err != nil {
			t.Fatal(err)
		}
		liis, err := s.CreateEIDCommenter(ctx, auth.EIDCommenter{Name: "Liis Kask", PersonalCode: "49403136526", Subject: "https://tara.test|EE49403136526"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RequestReset(ctx, ""); err != nil {
			t.Fatal(err)
		}
		var n int
		rows, err := s.QueryRaw(ctx, `SELECT COUNT(*) FROM notifications`)
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		rows.Scan(&n)
		rows.Close()
		if n != 0 {
			t.Errorf("a reset for no address queued %d mails", n)
		}
		mari, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.test", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		for _, u := range []auth.User{liis, mari} {
			if err := s.ExecRaw(ctx, `INSERT INTO notifications (user_id, kind, entity, entity_id, title, delivery, created_at)
				VALUES (?, 'password_reset', 'user', ?, ?, 'immediate', ?)`, u.ID, strconv.FormatInt(u.ID, 10), u.Name, now.Add(-time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		sender := &addressOnly{}
		m := notify.Mailer{Store: s, Users: s, Links: s, Commenters: s, Catalog: catalog, Mail: sender,
			Signer: notify.Signer{Secret: []byte("test")}, BaseURL: "https://kovit.test"}
		if n, err := m.Send(ctx, now); err != nil || n != 1 || len(sender.sent) != 1 || sender.sent[0].To[0] != "mari@tartu.test" {
			t.Fatalf("outbox: %d sent, %v, %+v", n, err, sender.sent)
		}
		if n, err := m.Send(ctx, now.Add(time.Minute)); err != nil || n != 0 {
			t.Errorf("the next run: %d sent, %v", n, err)
		}
	})
}
