package server

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kovit/internal/httpstream"
	"kovit/internal/tabular"
)

// The server's limits in these tests: a write timeout (and request timeout) far shorter
// than a slowed export takes, and a streamed answer's.
const testWriteTimeout = 300 * time.Millisecond

var testStream = httpstream.Limits{Idle: 400 * time.Millisecond, Max: 2 * time.Second}

// streamed is what the export handler saw: the error its writing ended with, the rows
// written, and how long it took.
type streamed struct {
	err  error
	rows int
	took time.Duration
}

// exportServer serves GET /export.csv through the server's chain with a table of rows of
// size bytes each, the next row coming delay after the last and read under the
// request's context, as a store's rows are.
func exportServer(t *testing.T, rows, size int, delay time.Duration) (*httptest.Server, chan streamed) {
	t.Helper()
	done := make(chan streamed, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /export.csv", func(w http.ResponseWriter, r *http.Request) {
		start, n := time.Now(), 0
		each := func(yield func([]any) error) error {
			for i := range rows {
				time.Sleep(delay)
				if err := r.Context().Err(); err != nil {
					return err
				}
				if err := yield([]any{i, strings.Repeat("x", size)}); err != nil {
					return err
				}
				n++
			}
			return nil
		}
		err := tabular.WriteHTTP(w, r, "export", tabular.Table{Header: []string{"n", "text"}, Each: each})
		done <- streamed{err, n, time.Since(start)}
	})
	srv := httptest.NewUnstartedServer(Handler(mux, Options{RequestTimeout: testWriteTimeout, Stream: testStream}))
	srv.Config.WriteTimeout = testWriteTimeout
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, done
}

func getExport(t *testing.T, srv *httptest.Server) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/export.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity") // every byte on the wire as written
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestStreamOutlastsWriteTimeout: an export whose rows come slowly, taking several times
// the server's write timeout in all, reaches the client whole while it makes progress:
// each block written moves the connection's write deadline and the request's context.
func TestStreamOutlastsWriteTimeout(t *testing.T) {
	const rows = 16
	srv, done := exportServer(t, rows, 5000, 60*time.Millisecond)
	res := getExport(t, srv)
	defer res.Body.Close()
	lines := 0
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
	}
	got := <-done
	if got.err != nil || got.rows != rows || lines != rows+1 || sc.Err() != nil {
		t.Errorf("export over %v: %v after %d rows, client read %d lines (%v), want %d rows and a header",
			got.took, got.err, got.rows, lines, sc.Err(), rows)
	}
	if got.took < 2*testWriteTimeout {
		t.Errorf("the export took %v, not past the write timeout %v: the test proves nothing", got.took, testWriteTimeout)
	}
}

// TestStreamCutsOffStalledClient: a client that stops reading is cut off Idle after the
// export last made progress, long before the export's end; and one that reads is cut off
// at Max however steadily it goes.
func TestStreamCutsOffStalledClient(t *testing.T) {
	t.Run("stalled", func(t *testing.T) {
		const rows = 100_000 // 100 MB: far more than the sockets' buffers hold
		srv, done := exportServer(t, rows, 1000, 0)
		res := getExport(t, srv)
		defer res.Body.Close()
		// The client reads the header and nothing more.
		select {
		case got := <-done:
			if got.err == nil || got.rows >= rows {
				t.Errorf("a stalled client was not cut off: %v after %d rows", got.err, got.rows)
			}
			if got.took > 5*testStream.Idle {
				t.Errorf("a stalled client was cut off after %v, want about %v", got.took, testStream.Idle)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the export to a stalled client still runs after 10 s")
		}
	})
	t.Run("past max", func(t *testing.T) {
		const rows = 100
		srv, done := exportServer(t, rows, 5000, 40*time.Millisecond) // 4 s, past Max
		res := getExport(t, srv)
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		got := <-done
		if got.err == nil || got.rows >= rows {
			t.Errorf("an export past Max was not cut off: %v after %d rows in %v", got.err, got.rows, got.took)
		}
		if got.took > testStream.Max+time.Second {
			t.Errorf("an export ran %v, past Max %v", got.took, testStream.Max)
		}
	})
}
