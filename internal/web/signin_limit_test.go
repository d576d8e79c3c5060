package web

import (
	"fmt"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func TestSignInLimiter(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	l := newSignInLimiter(func() time.Time { return now })

	// Per address: 10 in a row, then one every 6 seconds, whatever the account.
	for i := range 10 {
		if !l.allow("192.0.2.1", fmt.Sprintf("user%d@kovit.test", i)) {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.allow("192.0.2.1", "other@kovit.test") {
		t.Error("11th attempt from one address allowed")
	}
	if !l.allow("192.0.2.2", "other@kovit.test") {
		t.Error("another address refused")
	}
	now = now.Add(7 * time.Second)
	if !l.allow("192.0.2.1", "other@kovit.test") {
		t.Error("not allowed again after waiting")
	}

	// Per account: 10 failures from 10 addresses, then one every 30 seconds from anywhere.
	for i := range 10 {
		if !l.allow(fmt.Sprintf("198.51.100.%d", i), "Mari@Tartu.ee") {
			t.Fatalf("attempt %d at the account refused", i+1)
		}
	}
	if l.allow("198.51.100.200", "mari@tartu.ee ") {
		t.Error("11th attempt at one account from a new address allowed")
	}
	if !l.allow("198.51.100.201", "jaan@tartu.ee") {
		t.Error("another account refused: one account's limit locked out others")
	}
	now = now.Add(31 * time.Second)
	if !l.allow("198.51.100.202", "mari@tartu.ee") || l.allow("198.51.100.203", "mari@tartu.ee") {
		t.Error("after 30 seconds, not exactly one more attempt at the account")
	}

	// The owner's own address is held only by its own limit; a success gives its attempt back.
	l.succeeded("203.0.113.7", "jaan@tartu.ee")
	for i := range 10 {
		l.allow(fmt.Sprintf("203.0.113.%d", 100+i), "jaan@tartu.ee")
	}
	if !l.allow("203.0.113.7", "jaan@tartu.ee") {
		t.Error("the owner's usual address was locked out by others' attempts")
	}
	if l.allow("203.0.113.99", "jaan@tartu.ee") {
		t.Error("a new address got past the drained account")
	}
}

// TestSignInLimiterBounded: however many addresses and accounts are tried, the tables stay
// within their size, and filling them with fresh names does not free a drained account.
func TestSignInLimiterBounded(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	l := newSignInLimiter(func() time.Time { return now })
	for i := range 10 {
		l.allow(fmt.Sprintf("192.0.2.%d", i), "target@kovit.test")
	}
	for i := range 3 * limiterEntries {
		addr := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		l.allow(addr, fmt.Sprintf("u%d@kovit.test", i)) // each new account keeps 9 of 10
		l.succeeded(addr, fmt.Sprintf("k%d@kovit.test", i))
	}
	if len(l.addrs.m) > limiterEntries || len(l.accounts.m) > limiterEntries || len(l.known) > limiterEntries {
		t.Errorf("tables grew to %d addresses, %d accounts, %d known; bound %d", len(l.addrs.m), len(l.accounts.m), len(l.known), limiterEntries)
	}
	if l.allow("198.51.100.1", "target@kovit.test") {
		t.Error("flooding the table freed the drained account")
	}
}

func TestClientAddr(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name, remote string
		xff          []string
		trusted      []netip.Prefix
		want         string
	}{
		{"no proxy", "192.0.2.1:5555", nil, nil, "192.0.2.1"},
		{"forwarded-for ignored from an untrusted peer", "192.0.2.1:5555", []string{"198.51.100.9"}, trusted, "192.0.2.1"},
		{"forwarded-for ignored without trusted proxies", "127.0.0.1:5555", []string{"198.51.100.9"}, nil, "127.0.0.1"},
		{"one proxy", "127.0.0.1:5555", []string{"198.51.100.9"}, trusted, "198.51.100.9"},
		{"the client's own header is not believed", "127.0.0.1:5555", []string{"203.0.113.66, 198.51.100.9"}, trusted, "198.51.100.9"},
		{"two proxies", "127.0.0.1:5555", []string{"203.0.113.66, 198.51.100.9, 10.1.2.3"}, trusted, "198.51.100.9"},
		{"two headers", "127.0.0.1:5555", []string{"203.0.113.66", "198.51.100.9, 10.1.2.3"}, trusted, "198.51.100.9"},
		{"garbage", "127.0.0.1:5555", []string{"203.0.113.66, nonsense"}, trusted, "127.0.0.1"},
		{"no header", "127.0.0.1:5555", nil, trusted, "127.0.0.1"},
		{"all trusted", "127.0.0.1:5555", []string{"10.0.0.1"}, trusted, "10.0.0.1"},
		{"IPv6 counts by /64", "[2001:db8:1:2:3:4:5:6]:5555", nil, nil, "2001:db8:1:2::/64"},
		{"IPv6 proxy", "[::1]:5555", []string{"2001:db8::7"}, trusted, "2001:db8::/64"},
		{"mapped IPv4", "[::ffff:192.0.2.1]:5555", nil, nil, "192.0.2.1"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/sign-in", nil)
		r.RemoteAddr = tt.remote
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := clientAddr(r, tt.trusted); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
