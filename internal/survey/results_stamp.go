package survey

import (
	"crypto/sha256"
	"encoding/binary"
	"time"

	"kovit/internal/municipality"
)

// ResultsStamp names everything Results reads of s, responses and ms when grouping by
// groupOf: the survey as saved (its questions), and of each approved response its
// municipality, version, times and the peer group it falls in. Equal stamps give equal
// results, so what is made from the results can be kept under the stamp: an approval, a
// change to an approved response or to the survey, or a municipality moving to another
// group gives a new one. A draft or a submitted response, which the results leave out,
// does not change it.
func ResultsStamp(s Survey, responses []Response, ms map[string]municipality.Municipality, groupOf GroupOf) string {
	h := sha256.New()
	var n [8]byte
	num := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	text := func(v string) {
		num(int64(len(v)))
		h.Write([]byte(v))
	}
	at := func(t *time.Time) {
		if t == nil {
			num(-1)
			return
		}
		num(t.UnixNano())
	}
	num(s.ID)
	num(int64(s.Version))
	at(&s.UpdatedAt)
	for _, r := range responses {
		m, known := ms[r.MunicipalityEHAK]
		if r.State != Approved || !known {
			continue
		}
		text(r.MunicipalityEHAK)
		num(int64(r.Version))
		at(&r.UpdatedAt)
		at(r.ApprovedAt)
		text(groupOf(m))
	}
	return string(h.Sum(nil))
}
