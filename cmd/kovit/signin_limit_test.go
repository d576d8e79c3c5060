package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
)

// TestSignInLimitBehindProxy: behind a trusted reverse proxy the limit counts each real
// client, so one attacker neither locks everyone out nor tries one account from many
// addresses, and the account's owner still signs in from the address they use.
func TestSignInLimitBehindProxy(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startAppWith(t, engine, func(c *config) { c.TrustedProxy = "127.0.0.1, ::1" })
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		signIn := func(from, email, pw string) int {
			t.Helper()
			s, _ := send(t, a.client(t), "POST", a.URL+"/sign-in", "application/x-www-form-urlencoded",
				url.Values{"email": {email}, "password": {pw}}.Encode(), "X-Forwarded-For", "203.0.113.250, "+from)
			return s
		}
		// Mari signs in from her office; then someone guesses her password from ten addresses.
		if s := signIn("198.51.100.10", mari.Email, "parool-"+mari.Email); s != http.StatusSeeOther {
			t.Fatalf("Mari's sign-in: %d", s)
		}
		for i := range 10 {
			if s := signIn(fmt.Sprintf("192.0.2.%d", i), mari.Email, "arvatud-parool"); s != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d, want 401", i+1, s)
			}
		}
		if s := signIn("192.0.2.100", mari.Email, "arvatud-parool"); s != http.StatusTooManyRequests {
			t.Errorf("an 11th guess at one account from a new address: %d, want 429", s)
		}
		if s := signIn("198.51.100.10", mari.Email, "parool-"+mari.Email); s != http.StatusSeeOther {
			t.Errorf("Mari from her own address: %d, want 303", s)
		}
		// Another client behind the same proxy is not held by the guesses.
		if s := signIn("198.51.100.20", jaan.Email, "parool-"+jaan.Email); s != http.StatusSeeOther {
			t.Errorf("Jaan from another address: %d, want 303", s)
		}
		// Without the proxy setting, X-Forwarded-For is the client's to make up and is ignored.
		b := startApp(t, engine)
		for i := range 11 {
			s, _ := send(t, b.client(t), "POST", b.URL+"/sign-in", "application/x-www-form-urlencoded",
				url.Values{"email": {fmt.Sprintf("u%d@kovit.test", i)}, "password": {"arvatud-parool"}}.Encode(), "X-Forwarded-For", fmt.Sprintf("192.0.2.%d", i))
			if want := map[bool]int{true: http.StatusTooManyRequests, false: http.StatusUnauthorized}[i == 10]; s != want {
				t.Errorf("untrusted X-Forwarded-For, attempt %d: %d, want %d", i+1, s, want)
			}
		}
	})
}

// TestSignInTakesAsLong: a sign-in to an unknown, a deactivated or an external-only
// account takes as long as a wrong password for an active one (one bcrypt comparison each).
func TestSignInTakesAsLong(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startAppWith(t, engine, func(c *config) { c.TrustedProxy = "127.0.0.1, ::1" })
		ctx := context.Background()
		active := a.user(t, "active@kovit.test", auth.RoleReader, "")
		off := a.user(t, "off@kovit.test", auth.RoleReader, "")
		if _, err := a.store.UpdateUser(ctx, off.ID, auth.UserUpdate{Name: off.Name, Role: off.Role, Active: false, Version: off.Version}); err != nil {
			t.Fatal(err)
		}
		external, err := a.store.CreateUser(ctx, auth.NewUser{Email: "external@kovit.test", Name: "External", Role: auth.RoleReader}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		took := func(email, pw string) time.Duration {
			var times []time.Duration
			for range 3 {
				n++
				start := time.Now()
				s, _ := send(t, a.client(t), "POST", a.URL+"/sign-in", "application/x-www-form-urlencoded",
					url.Values{"email": {email}, "password": {pw}}.Encode(), "X-Forwarded-For", fmt.Sprintf("192.0.2.%d", n))
				times = append(times, time.Since(start))
				if s != http.StatusUnauthorized {
					t.Fatalf("sign-in as %s: %d, want 401", email, s)
				}
			}
			return slices.Min(times)
		}
		wrong := took(active.Email, "vale-parool-123")
		for email, pw := range map[string]string{"nobody@kovit.test": "parool-nobody", off.Email: "parool-" + off.Email, external.Email: ""} {
			if d := took(email, pw); d < wrong/3 {
				t.Errorf("sign-in as %s took %v, a wrong password %v: the difference tells", strings.Split(email, "@")[0], d, wrong)
			}
		}
	})
}

func TestTrustedProxyConfig(t *testing.T) {
	c := config{TrustedProxy: " 10.0.0.1, 192.168.0.0/16 ,::1,"}
	got, err := c.trustedProxies()
	if err != nil || len(got) != 3 || got[0].String() != "10.0.0.1/32" || got[1].String() != "192.168.0.0/16" || got[2].String() != "::1/128" {
		t.Errorf("parsed %v, %v", got, err)
	}
	c = config{Addr: "x", DB: "x", LogLevel: "info", SessionLifetime: time.Hour, TrustedProxy: "10.0.0.1, proxy.example"}
	if err := c.validate(); err == nil || !strings.Contains(err.Error(), `trusted-proxy: "proxy.example"`) {
		t.Errorf("validate: %v, want the bad entry named", err)
	}
}
