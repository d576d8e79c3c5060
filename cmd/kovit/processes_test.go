package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/digest"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// process is one `kovit serve` running as a process of its own.
type process struct {
	name string
	URL  string
	cmd  *exec.Cmd
	log  *bytes.Buffer
	mu   *sync.Mutex
}

// kovitBin builds cmd/kovit for the test: the processes are the real binary. The build
// cache makes it a link.
func kovitBin(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kovit")
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// lockedWriter keeps a process's log for the test to show when it fails.
type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProcess starts kovit serve on dsn, looking for due jobs every 50 ms with a lease
// of two seconds, as a deployment would with a minute each.
func startProcess(t *testing.T, bin, name, dsn string) *process {
	t.Helper()
	addr := freePort(t)
	p := &process{name: name, URL: "http://" + addr, log: &bytes.Buffer{}, mu: &sync.Mutex{}}
	p.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--base-url", "https://kovit.test",
		"--job-tick", "50ms", "--job-lease", "2s", "--log-level", "info")
	p.cmd.Env = append(os.Environ(), "KOVIT_ADMIN_PASSWORD=")
	p.cmd.Stderr = lockedWriter{p.mu, p.log}
	p.cmd.Stdout = lockedWriter{p.mu, p.log}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.cmd.Wait()
		if t.Failed() {
			p.mu.Lock()
			t.Logf("log of %s:\n%s", p.name, tail(p.log.String(), 4000))
			p.mu.Unlock()
		}
	})
	return p
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// ready waits for /healthz/ready.
func (p *process) ready(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); ; {
		res, err := http.Get(p.URL + "/healthz/ready")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is not ready: %v", p.name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// owns reports whether a job lease's owner (host:pid:random) is this process.
func (p *process) owns(owner string) bool {
	return strings.Contains(owner, ":"+strconv.Itoa(p.cmd.Process.Pid)+":")
}

// postgresOnly runs fn on PostgreSQL when the run includes it: several processes on one
// SQLite file is not a setup kovit supports.
func postgresOnly(t *testing.T, fn func(t *testing.T)) {
	for _, e := range sqlstoretest.Engines() {
		if e == "postgres" {
			t.Run(e, fn)
		}
	}
}

// websiteOf reads a municipality through the API as the public does.
func websiteOf(t *testing.T, c *http.Client, base, ehak string) (string, int) {
	t.Helper()
	status, body := get(t, c, base+"/api/v1/municipalities/"+ehak)
	var m struct {
		Website string `json:"website"`
		Version int    `json:"version"`
	}
	if status != http.StatusOK || json.Unmarshal([]byte(body), &m) != nil {
		t.Fatalf("GET %s municipality: %d %.300s", base, status, body)
	}
	return m.Website, m.Version
}

func setWebsiteVia(t *testing.T, base, token, ehak, site string, version int) {
	t.Helper()
	status, body := send(t, http.DefaultClient, http.MethodPatch, base+"/api/v1/municipalities/"+ehak, "application/json",
		fmt.Sprintf(`{"website":%q,"version":%d}`, site, version), "Authorization", "Bearer "+token)
	if status != http.StatusOK {
		t.Fatalf("PATCH through %s: %d %.300s", base, status, body)
	}
}

var newTokenRe = regexp.MustCompile(`class="secret"[^>]*>.*?<code>([^<]+)</code>`)

// TestTwoProcesses starts two kovit processes on one PostgreSQL database, at the same
// moment, and checks what a load balancer in front of them relies on: a change through
// either is on the other's next request (its kept copies and its response cache alike),
// a session and an API token made on one work on the other, and every scheduled job due
// runs once, not once per process, each run in the log of runs.
func TestTwoProcesses(t *testing.T) {
	postgresOnly(t, func(t *testing.T) {
		store := sharedDatabase(t)
		bin := kovitBin(t)
		a, b := startProcess(t, bin, "A", store.DSN()), startProcess(t, bin, "B", store.DSN())
		a.ready(t)
		b.ready(t)
		for _, p := range []*process{a, b} {
			for path, want := range map[string]string{"/healthz": "ok", "/healthz/live": "live", "/healthz/ready": "ready"} {
				if status, body := get(t, http.DefaultClient, p.URL+path); status != http.StatusOK || strings.TrimSpace(body) != want {
					t.Errorf("%s %s: %d %q", p.name, path, status, body)
				}
			}
		}

		// A session made on A is good on B; so is a token made there with it.
		jar := (&testApp{}).client(t) // the jar keys cookies by host, and both are 127.0.0.1
		if status, _ := postForm(t, jar, a.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"admin-parool-1"}}); status != http.StatusSeeOther {
			t.Fatalf("sign in on A: %d", status)
		}
		if status, body := get(t, jar, b.URL+"/account/tokens"); status != http.StatusOK || !strings.Contains(body, "Admin") {
			t.Fatalf("A's session on B: %d %.300s", status, body)
		}
		status, body := postForm(t, jar, a.URL+"/account/tokens", url.Values{"name": {"kahe protsessi test"}})
		m := newTokenRe.FindStringSubmatch(body)
		if status != http.StatusCreated || m == nil {
			t.Fatalf("token on A: %d %.500s", status, body)
		}
		token := m[1]

		// Each read warms the reader's copies and response cache before the change; the
		// change, through the other process, is on the very next request.
		public := (&testApp{}).client(t)
		for i, c := range []struct{ via, reader *process }{{a, b}, {b, a}, {a, b}, {b, a}} {
			site, version := websiteOf(t, public, c.reader.URL, "0784")
			websiteOf(t, public, c.reader.URL, "0784")
			next := fmt.Sprintf("https://www.tallinn.ee/muudatus-%d", i)
			setWebsiteVia(t, c.via.URL, token, "0784", next, version)
			if got, _ := websiteOf(t, public, c.reader.URL, "0784"); got != next {
				t.Errorf("change %d through %s: %s reads %q (was %q), want %q", i, c.via.name, c.reader.name, got, site, next)
			}
			if status, page := get(t, public, c.reader.URL+"/municipalities/0784"); status != http.StatusOK || !strings.Contains(page, next) {
				t.Errorf("change %d through %s: %s's page lacks it (%d)", i, c.via.name, c.reader.name, status)
			}
		}

		// Every job due at start ran once, by one of them, however many ticks both took.
		time.Sleep(500 * time.Millisecond)
		jobs := []string{"eservice_snapshot", "session_sweep", "need_round_reminders", "notify_round_closing"}
		// The weekly digest is due from Monday 07:00 Estonian time: in the hours before it,
		// it is due at start of neither process, and neither may have sent it.
		if digest.Due(time.Now(), "") {
			jobs = append(jobs, "plan_digest")
		} else if log := runLog(t, store, "plan_digest"); len(log) != 0 {
			t.Errorf("plan_digest ran before Monday 07:00: %+v", log)
		}
		for _, name := range jobs {
			waitRuns(t, store, name, 1)
			log := runLog(t, store, name)
			if len(log) != 1 || log[0].Finished.IsZero() || log[0].Err != "" || !(a.owns(log[0].Owner) || b.owns(log[0].Owner)) {
				t.Errorf("runs of %s: %+v, want one finished run by A or B", name, log)
			}
		}
		db := rawDB(t, store)
		var snapshots int
		if err := db.QueryRow(`SELECT COUNT(*) FROM matrix_snapshots`).Scan(&snapshots); err != nil || snapshots != 1 {
			t.Errorf("%d snapshots, %v; want the month's one", snapshots, err)
		}
		var weeks string
		if err := db.QueryRow(`SELECT value FROM settings WHERE key = 'plan_digest_week'`).Scan(&weeks); digest.Due(time.Now(), "") && (err != nil || weeks == "") {
			t.Errorf("the week's digest is not recorded as sent: %q, %v", weeks, err)
		}
	})
}

// TestProcessStoppedMidJob kills the process running the month's snapshot while the
// snapshot is under way (held inside its transaction by a lock the test takes), and the
// other process takes the job over once the lease has run out and finishes it: one
// snapshot, two runs in the log, the first never ended.
func TestProcessStoppedMidJob(t *testing.T) {
	postgresOnly(t, func(t *testing.T) {
		store := sharedDatabase(t)
		db := rawDB(t, store)
		// The snapshot blocks on this lock once it has started, whoever starts it.
		lockTx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer lockTx.Rollback()
		if _, err := lockTx.Exec(`LOCK TABLE matrix_snapshots IN EXCLUSIVE MODE`); err != nil {
			t.Fatal(err)
		}
		bin := kovitBin(t)
		a, b := startProcess(t, bin, "A", store.DSN()), startProcess(t, bin, "B", store.DSN())
		a.ready(t)
		b.ready(t)
		holder := waitLease(t, store, "eservice_snapshot")
		first, survivor := a, b
		if b.owns(holder) {
			first, survivor = b, a
		} else if !a.owns(holder) {
			t.Fatalf("the snapshot's lease is held by %q, neither A nor B", holder)
		}
		// Held well past the lease: the first process renews it while stuck mid-job.
		time.Sleep(5 * time.Second)
		if l := runLog(t, store, "eservice_snapshot"); len(l) != 1 || !first.owns(l[0].Owner) {
			t.Fatalf("while %s is mid-job, runs: %+v", first.name, l)
		}
		if err := first.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		first.cmd.Wait()
		killedAt := time.Now()
		if err := lockTx.Rollback(); err != nil {
			t.Fatal(err)
		}
		waitRuns(t, store, "eservice_snapshot", 2)
		for deadline := time.Now().Add(30 * time.Second); ; {
			recs, err := store.JobRuns(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if r := recs["eservice_snapshot"]; !r.Succeeded.IsZero() {
				if !survivor.owns(r.Lease.Owner) || r.Err != "" {
					t.Errorf("finished by %q (err %q), want %s", r.Lease.Owner, r.Err, survivor.name)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s did not finish the snapshot", survivor.name)
			}
			time.Sleep(20 * time.Millisecond)
		}
		l := runLog(t, store, "eservice_snapshot")
		if len(l) != 2 || !first.owns(l[0].Owner) || !l[0].Finished.IsZero() || !survivor.owns(l[1].Owner) || l[1].Finished.IsZero() {
			t.Errorf("runs: %+v, want %s's unfinished and %s's finished", l, first.name, survivor.name)
		}
		if took := l[1].Started.Sub(killedAt); took > 5*time.Second {
			t.Errorf("%s took the job over %v after the kill, want within the lease (2 s) and a tick", survivor.name, took)
		}
		var snapshots int
		if err := db.QueryRow(`SELECT COUNT(*) FROM matrix_snapshots`).Scan(&snapshots); err != nil || snapshots != 1 {
			t.Errorf("%d snapshots, %v; want one", snapshots, err)
		}
	})
}

// sharedDatabase is a PostgreSQL database with its first admin: both processes start at
// once, as after a deploy, and neither has to make the admin.
func sharedDatabase(t *testing.T) *sqlstore.Store {
	t.Helper()
	store := sqlstoretest.New(t, "postgres")
	hash, err := auth.HashPassword("admin-parool-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateUser(context.Background(), auth.NewUser{Email: "admin@kovit.test", Name: "Admin", Role: auth.RoleAdmin}, hash, false); err != nil {
		t.Fatal(err)
	}
	return store
}

func rawDB(t *testing.T, s *sqlstore.Store) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", s.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func runLog(t *testing.T, s *sqlstore.Store, name string) []sqlstore.JobRun {
	t.Helper()
	l, err := s.JobRunLog(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// waitRuns waits until the job has been started n times and has ended the last of them
// (or for a run that will never end, n started).
func waitRuns(t *testing.T, s *sqlstore.Store, name string, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		l := runLog(t, s, name)
		if len(l) >= n && (len(l) > n || !l[n-1].Finished.IsZero() || n > 1) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d runs, want %d", name, len(l), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitLease waits until someone holds the job and returns who.
func waitLease(t *testing.T, s *sqlstore.Store, name string) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		recs, err := s.JobRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if o := recs[name].Lease.Owner; o != "" {
			return o
		}
		if time.Now().After(deadline) {
			t.Fatalf("nobody started %s", name)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
