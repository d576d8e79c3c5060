// Package httpstream lets a streamed answer (a whole country's matrix as CSV, the CPSV-AP
// graph) outlast the server's write timeout while it makes progress. The server's write
// timeout and each request's context end every answer after a fixed time (two minutes),
// which a small page never nears but an export of hundreds of megabytes to a slow client
// can: it was cut off mid-file. Instead each block written pushes both deadlines to Idle
// from now, so a client that stops reading is still cut off Idle later, and no answer
// runs longer than Max from its start.
package httpstream

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// Limits are how a streamed answer's deadlines move.
type Limits struct {
	// Idle is how long a streamed answer may make no progress (its client reads nothing,
	// or the rows do not come) before it is cut off.
	Idle time.Duration
	// Max bounds a streamed answer from the request's start, however steadily it goes.
	Max time.Duration
}

// Default is what the server gives a streamed answer: 30 seconds without progress, and 30
// minutes in all (a whole large country's CSV, 822 MB, at about 4 Mbit/s).
var Default = Limits{Idle: 30 * time.Second, Max: 30 * time.Minute}

type deadlineKey struct{}

// deadline is a request context's end, which a streamed answer moves.
type deadline struct {
	limits Limits
	start  time.Time
	cancel context.CancelCauseFunc
	mu     sync.Mutex
	timer  *time.Timer
	end    time.Time
}

// WithDeadline returns a context that ends d after now, as context.WithTimeout's does
// (its cause is context.DeadlineExceeded), but that Writer can move later, by limits.
func WithDeadline(parent context.Context, d time.Duration, limits Limits) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	now := time.Now()
	dl := &deadline{limits: limits, start: now, cancel: cancel, end: now.Add(d)}
	dl.timer = time.AfterFunc(d, func() { cancel(context.DeadlineExceeded) })
	return movable{context.WithValue(ctx, deadlineKey{}, dl), dl}, func() {
		dl.timer.Stop()
		cancel(context.Canceled)
	}
}

// movable is a context whose end Writer moves. It tells its end and why it ended as a
// context.WithTimeout's would, so that callers (the database drivers, a handler telling a
// timeout from a client gone) see no difference.
type movable struct {
	context.Context
	dl *deadline
}

func (c movable) Deadline() (time.Time, bool) {
	c.dl.mu.Lock()
	defer c.dl.mu.Unlock()
	if end, ok := c.Context.Deadline(); ok && end.Before(c.dl.end) {
		return end, true
	}
	return c.dl.end, true
}

func (c movable) Err() error {
	if c.Context.Err() == nil {
		return nil
	}
	return context.Cause(c.Context)
}

// extend moves the context's end to Idle from now, never past Max from the start nor
// earlier than it is; it returns the new end, zero when the context has no such end.
func (dl *deadline) extend(now time.Time) time.Time {
	to := now.Add(dl.limits.Idle)
	if last := dl.start.Add(dl.limits.Max); to.After(last) {
		to = last
	}
	dl.mu.Lock()
	defer dl.mu.Unlock()
	if to.After(dl.end) {
		dl.end = to
		// A timer that has fired already ended the context; resetting it changes nothing.
		if dl.timer != nil {
			dl.timer.Reset(time.Until(to))
		}
	}
	return dl.end
}

// Writer returns w wrapped so that what is written through it pushes the connection's
// write deadline and r's context's end Idle ahead, within Max of the request's start.
// Without a context from WithDeadline (no server limits) it returns w as it is.
func Writer(w http.ResponseWriter, r *http.Request) io.Writer {
	dl, _ := r.Context().Value(deadlineKey{}).(*deadline)
	if dl == nil || dl.limits.Idle <= 0 {
		return w
	}
	return &writer{w: w, rc: http.NewResponseController(w), dl: dl}
}

type writer struct {
	w     http.ResponseWriter
	rc    *http.ResponseController
	dl    *deadline
	moved time.Time // when the deadlines were last moved
}

// Write moves the deadlines before writing, so the block itself has Idle to go out: a
// client that takes longer over it is cut off.
func (s *writer) Write(b []byte) (int, error) {
	if err := s.move(); err != nil {
		return 0, err
	}
	return s.w.Write(b)
}

// move moves the deadlines Idle ahead. They are moved at most every Idle/16, as a block of
// a few kilobytes is written many thousand times a second.
func (s *writer) move() error {
	if now := time.Now(); now.Sub(s.moved) >= s.dl.limits.Idle/16 {
		s.moved = now
		end := s.dl.extend(now)
		// A writer the server did not make (a test's recorder) has no deadline to move.
		if err := s.rc.SetWriteDeadline(end); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
	}
	return nil
}

// block is the most WriteBody writes at once: each block may take Idle to go out.
const block = 32 << 10

// WriteBody writes a whole body (a kept answer) a block at a time, each moving the
// deadlines as Writer's writes do. A request without a movable deadline (a cache hit
// answered before the server's chain) moves only its write deadline, by Default from now;
// a body of one block is written as it is, so a small page costs nothing more.
func WriteBody(w http.ResponseWriter, r *http.Request, body []byte) error {
	if len(body) <= block {
		_, err := w.Write(body)
		return err
	}
	out := blockWriter(w, r)
	for len(body) > 0 {
		n := min(len(body), block)
		if _, err := out.Write(body[:n]); err != nil {
			return err
		}
		body = body[n:]
	}
	return nil
}

// WriteFile writes the size bytes of a file from where it stands through rf, w's ReadFrom
// (net/http's sends a file with sendfile), as WriteBody writes a body: a block at a time,
// each moving the deadlines.
func WriteFile(w http.ResponseWriter, rf io.ReaderFrom, r *http.Request, file io.Reader, size int64) error {
	var out *writer
	if size > block {
		out = blockWriter(w, r)
	}
	for size > 0 {
		n := min(size, block)
		if out != nil {
			if err := out.move(); err != nil {
				return err
			}
		}
		sent, err := rf.ReadFrom(&io.LimitedReader{R: file, N: n})
		if err != nil {
			return err
		}
		if sent < n {
			return io.ErrUnexpectedEOF
		}
		size -= n
	}
	return nil
}

// blockWriter is the writer a body of many blocks is written through: r's own when the
// server gave its context a movable end, else one that moves only the write deadline.
func blockWriter(w http.ResponseWriter, r *http.Request) *writer {
	if out, ok := Writer(w, r).(*writer); ok {
		return out
	}
	now := time.Now()
	return &writer{w: w, rc: http.NewResponseController(w), dl: &deadline{limits: Default, start: now, end: now}}
}
