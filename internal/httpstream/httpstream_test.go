package httpstream

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"
)

// TestWriterMovesDeadline: writing through Writer moves the context's end Idle ahead, but
// never past Max from the start; without writing it ends at its first deadline, as
// context.WithTimeout's does (DeadlineExceeded), and its cancel ends it as Canceled.
func TestWriterMovesDeadline(t *testing.T) {
	limits := Limits{Idle: 160 * time.Millisecond, Max: 400 * time.Millisecond}
	ctx, cancel := WithDeadline(context.Background(), 80*time.Millisecond, limits)
	defer cancel()
	start := time.Now()
	r := httptest.NewRequest("GET", "/x.csv", nil).WithContext(ctx)
	w := Writer(httptest.NewRecorder(), r) // a recorder has no connection deadline: that is no error
	for ctx.Err() == nil {
		if _, err := w.Write([]byte("rida\n")); err != nil {
			t.Fatal(err)
		}
		if end, ok := ctx.Deadline(); !ok || end.After(start.Add(limits.Max+10*time.Millisecond)) {
			t.Fatalf("deadline %v (%v), past Max from the start", end.Sub(start), ok)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if took := time.Since(start); took < limits.Max-20*time.Millisecond || took > limits.Max+200*time.Millisecond {
		t.Errorf("a steadily written answer ended after %v, want Max %v", took, limits.Max)
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Errorf("ended with %v, want DeadlineExceeded", ctx.Err())
	}

	quiet, stop := WithDeadline(context.Background(), 50*time.Millisecond, limits)
	defer stop()
	start = time.Now()
	<-quiet.Done()
	if took := time.Since(start); took > 150*time.Millisecond || !errors.Is(quiet.Err(), context.DeadlineExceeded) {
		t.Errorf("an answer that wrote nothing ended after %v with %v", took, quiet.Err())
	}

	done, end := WithDeadline(context.Background(), time.Minute, limits)
	end()
	if !errors.Is(done.Err(), context.Canceled) {
		t.Errorf("cancelled: %v, want Canceled", done.Err())
	}
}

// TestWriterWithoutLimits: a request the server gave no movable deadline writes straight
// to its writer.
func TestWriterWithoutLimits(t *testing.T) {
	rec := httptest.NewRecorder()
	if w := Writer(rec, httptest.NewRequest("GET", "/x.csv", nil)); w != rec {
		t.Errorf("Writer wrapped a request without limits: %T", w)
	}
}
