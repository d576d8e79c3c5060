package server

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// etagOf is the strong validator of a body: its uncompressed bytes' hash, so every process
// rendering the same page names it alike and a re-rendering that changed nothing keeps it.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
}

// notModified says whether a conditional GET or HEAD may be answered 304 (RFC 9110 §13.2.2):
// If-None-Match by weak comparison, which a compressed variant's W/ tag passes; only
// without it If-Modified-Since, against when this content was first seen.
func notModified(r *http.Request, etag string, lastModified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagListMatches(inm, etag)
	}
	v := r.Header.Get("If-Modified-Since")
	if lastModified.IsZero() || v == "" {
		return false
	}
	ims, err := http.ParseTime(v)
	return err == nil && !lastModified.After(ims)
}

func etagListMatches(list, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for t := range strings.SplitSeq(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// validators remember, per cache key, since when its content has been what it is, so
// Last-Modified stays put across the cache's one-second re-renderings of an unchanged
// page. They outlive the entries (a change empties the cache, but content that did not
// change keeps its date) and are bounded like them: what a client sends cannot grow them.
type validators struct {
	seen     map[string]validator
	order    []string // oldest first
	bytes    int64
	maxBytes int64
}

type validator struct {
	etag  string
	since time.Time // when this content was first seen, full precision
}

func (v *validators) lastModified(key, etag string, now time.Time) time.Time {
	old, ok := v.seen[key]
	if !ok || old.etag != etag {
		if v.seen == nil {
			v.seen = map[string]validator{}
		}
		if !ok {
			v.order = append(v.order, key)
			v.bytes += int64(len(key)) + 64
		}
		old = validator{etag: etag, since: now}
		v.seen[key] = old
		for v.bytes > v.maxBytes && len(v.order) > 1 {
			k := v.order[0]
			v.order = v.order[1:]
			delete(v.seen, k)
			v.bytes -= int64(len(k)) + 64
		}
	}
	// The header has whole seconds. Rounding the first sighting up, and naming it only
	// once that second has passed, keeps two contents of one key from ever sharing a
	// date: a client holding the older one is never told the newer one is what it has.
	lm := old.since.Truncate(time.Second)
	if lm.Before(old.since) {
		lm = lm.Add(time.Second)
	}
	if lm.After(now) {
		return time.Time{}
	}
	return lm
}
