package mail_test

import (
	"context"
	"strings"
	"testing"

	"kovit/internal/mail"
	"kovit/internal/mail/mailtest"
)

// Sends over a real SMTP conversation and checks that Estonian text survives the encoding.
func TestSMTPSend(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTP(srv.URL, "kovit@example.ee")
	if err != nil {
		t.Fatal(err)
	}
	m := mail.Message{To: []string{"mari@parnu.ee"}, Subject: "Ülevaade: 2 tähtaega ületatud", Text: "Tere!\n\nPõltsamaa vald: õüäö ŠŽ.\n" + strings.Repeat("pikk rida ", 30) + "\n"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1)[0]
	if got.Subject != m.Subject || !strings.Contains(got.Text, "Põltsamaa vald: õüäö ŠŽ.") || got.To[0] != "mari@parnu.ee" || got.From != "kovit@example.ee" {
		t.Errorf("received %+v", got)
	}
}

func TestNewSMTPRefusesBadAddresses(t *testing.T) {
	for _, c := range []struct{ url, from string }{
		{"http://mail.example.ee", "a@b.ee"},
		{"smtp://mail.example.ee:notaport", "a@b.ee"},
		{"smtp://mail.example.ee", ""},
	} {
		if _, err := mail.NewSMTP(c.url, c.from); err == nil {
			t.Errorf("NewSMTP(%q, %q) accepted", c.url, c.from)
		}
	}
}
