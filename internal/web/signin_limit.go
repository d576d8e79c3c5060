package web

import (
	"cmp"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"
)

// signInLimiter slows password guessing without letting anyone lock others out for long:
//
//   - Each client address gets a burst of 10 attempts, then one every 6 seconds. IPv6
//     addresses count by their /64, which one client usually holds whole.
//   - Each account (the e-mail typed, whether or not it exists) gets a burst of 10 failed
//     attempts, then one every 30 seconds, from whatever addresses they come: at most about
//     2,900 guesses a day at one account, however many addresses an attacker has. A
//     successful sign-in gives its attempt back.
//   - An address the account signed in from in the last 30 days is held only by its own
//     limit, not the account's: someone draining an account's attempts from elsewhere does
//     not lock its owner out of their usual machine.
//
// Every table is bounded; a full one forgets first the entries that have recovered, then
// the one nearest to recovery, so filling it with new names cannot free a drained account.
type signInLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	addrs    *buckets
	accounts *buckets
	known    map[string]time.Time // account + " " + address: its last successful sign-in
	maxKnown int
}

const (
	limiterEntries = 10000
	knownFor       = 30 * 24 * time.Hour
	maxAccountKey  = 254 // the longest e-mail address
)

func newSignInLimiter(now func() time.Time) *signInLimiter {
	return &signInLimiter{now: now, known: map[string]time.Time{}, maxKnown: limiterEntries,
		addrs:    newBuckets(6*time.Second, 10, limiterEntries),
		accounts: newBuckets(30*time.Second, 10, limiterEntries)}
}

// allow reports whether a sign-in to account from addr may be tried now, and counts it.
func (l *signInLimiter) allow(addr, account string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.addrs.take(addr, now) {
		return false
	}
	if at, ok := l.known[knownKey(account, addr)]; ok && now.Sub(at) < knownFor {
		return true
	}
	return l.accounts.take(accountKey(account), now)
}

// succeeded gives the account back the attempt a successful sign-in took, and remembers
// addr as one of the account's own.
func (l *signInLimiter) succeeded(addr, account string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.accounts.give(accountKey(account), now)
	key := knownKey(account, addr)
	if _, ok := l.known[key]; !ok && len(l.known) >= l.maxKnown {
		l.forgetKnown(now)
	}
	l.known[key] = now
}

// forgetKnown drops the addresses not used for knownFor and, if that is not a tenth of
// the table, the longest unused ones: a tenth at a time, so a full table costs its sort
// once per tenth of new entries rather than a scan for each.
func (l *signInLimiter) forgetKnown(now time.Time) {
	type entry struct {
		key string
		at  time.Time
	}
	var live []entry
	for k, at := range l.known {
		if now.Sub(at) >= knownFor {
			delete(l.known, k)
		} else {
			live = append(live, entry{k, at})
		}
	}
	keep := l.maxKnown * 9 / 10
	if len(live) <= keep {
		return
	}
	slices.SortFunc(live, func(a, b entry) int { return a.at.Compare(b.at) })
	for _, e := range live[:len(live)-keep] {
		delete(l.known, e.key)
	}
}

func accountKey(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	if len(email) > maxAccountKey {
		email = email[:maxAccountKey]
	}
	return email
}

func knownKey(account, addr string) string { return accountKey(account) + " " + addr }

// buckets are token buckets by key, at most max of them.
type buckets struct {
	every time.Duration // one attempt comes back per every
	burst float64
	max   int
	m     map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newBuckets(every time.Duration, burst, max int) *buckets {
	return &buckets{every: every, burst: float64(burst), max: max, m: map[string]*bucket{}}
}

// level is how many attempts b holds at now.
func (bs *buckets) level(b *bucket, now time.Time) float64 {
	return min(bs.burst, b.tokens+float64(now.Sub(b.at))/float64(bs.every))
}

func (bs *buckets) take(key string, now time.Time) bool {
	b, ok := bs.m[key]
	if !ok {
		if len(bs.m) >= bs.max {
			bs.evict(now)
		}
		b = &bucket{tokens: bs.burst, at: now}
		bs.m[key] = b
	}
	b.tokens, b.at = bs.level(b, now), now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (bs *buckets) give(key string, now time.Time) {
	if b, ok := bs.m[key]; ok {
		b.tokens, b.at = min(bs.burst, bs.level(b, now)+1), now
	}
}

// evict drops the buckets that have recovered and, if that is not a tenth of them, the
// ones nearest to recovering: a tenth at a time, as forgetKnown does.
func (bs *buckets) evict(now time.Time) {
	type entry struct {
		key   string
		level float64
	}
	var draining []entry
	for k, b := range bs.m {
		if lv := bs.level(b, now); lv >= bs.burst {
			delete(bs.m, k)
		} else {
			draining = append(draining, entry{k, lv})
		}
	}
	keep := bs.max * 9 / 10
	if len(draining) <= keep {
		return
	}
	slices.SortFunc(draining, func(a, b entry) int { return cmp.Compare(b.level, a.level) })
	for _, e := range draining[:len(draining)-keep] {
		delete(bs.m, e.key)
	}
}

// maxForwardedHops bounds how much of X-Forwarded-For is read.
const maxForwardedHops = 20

// clientAddr is the address a request comes from, as the sign-in limit counts it: the
// peer's, or, when the peer is one of the trusted reverse proxies, the nearest address in
// X-Forwarded-For that is not one (addresses further left are the client's to make up).
// An IPv6 address counts by its /64.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	addr := peer.Unmap()
	if isTrusted(addr, trusted) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0 && i >= len(hops)-maxForwardedHops; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a proxy we trust wrote no address: count the last one we know
			}
			addr = hop.Unmap()
			if !isTrusted(addr, trusted) {
				break
			}
		}
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
