package httpstream

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"slices"
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

// readFromRecorder records the size of each ReadFrom, as net/http's writer sends a file.
type readFromRecorder struct {
	*httptest.ResponseRecorder
	reads []int
}

func (r *readFromRecorder) ReadFrom(src io.Reader) (int64, error) {
	n, err := io.Copy(r.ResponseRecorder, src)
	r.reads = append(r.reads, int(n))
	return n, err
}

// TestWriteFileInBlocks: a file is sent whole a block at a time through the writer's
// ReadFrom, each block moving the request's end Idle ahead; a file shorter than said is
// an error, not a short answer taken for whole.
func TestWriteFileInBlocks(t *testing.T) {
	data := bytes.Repeat([]byte("Tõrva vald\n"), 10_000) // 110 KB: three blocks and a part
	ctx, cancel := WithDeadline(context.Background(), 50*time.Millisecond, Limits{Idle: time.Minute, Max: time.Hour})
	defer cancel()
	r := httptest.NewRequest("GET", "/eservices", nil).WithContext(ctx)
	w := &readFromRecorder{ResponseRecorder: httptest.NewRecorder()}
	if err := WriteFile(w, w, r, bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), data) {
		t.Fatalf("%d bytes sent, not the file's %d", w.Body.Len(), len(data))
	}
	if want := []int{block, block, block, len(data) - 3*block}; !slices.Equal(w.reads, want) {
		t.Errorf("sent in %v, want %v", w.reads, want)
	}
	if end, _ := ctx.Deadline(); time.Until(end) < 50*time.Second {
		t.Errorf("the request's end is %v away, not moved Idle ahead", time.Until(end))
	}
	short := &readFromRecorder{ResponseRecorder: httptest.NewRecorder()}
	if err := WriteFile(short, short, r, bytes.NewReader(data[:100]), int64(len(data))); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a short file: %v, want ErrUnexpectedEOF", err)
	}
}
