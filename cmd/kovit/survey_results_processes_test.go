package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestSurveyResultsSecondProcess: two kovit processes on one PostgreSQL database; the
// second keeps the results page it rendered, and an approval committed through the first
// shows on the second's very next request (its kept responses dropped by the change feed,
// so the results' stamp is new).
func TestSurveyResultsSecondProcess(t *testing.T) {
	postgresOnly(t, func(t *testing.T) {
		dsn := sqlstoretest.New(t, "postgres").DSN()
		first, second := startAppOn(t, dsn, nil), startAppOn(t, dsn, nil)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		defer wg.Wait()
		defer cancel()
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		for _, a := range []*testApp{first, second} {
			wg.Go(func() { a.store.Listen(ctx, quiet) })
		}
		for deadline := time.Now().Add(10 * time.Second); !first.store.Listening() || !second.store.Listening(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the stores do not listen")
			}
		}
		coordUser := first.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		uctx := auth.WithUser(context.Background(), &coordUser)
		s := resultsSurvey(t, first, uctx, 3, false)
		reader := second.as(t, coordUser)
		page := second.URL + "/surveys/" + itoa(s.ID) + "/results"
		for _, step := range []struct{ ehak, answer, want string }{{"0793", "jah", "jah: 1 (100"}, {"0784", "ei", "ei: 1 (50"}, {"0624", "ei", "ei: 2 (66"}} {
			approve(t, first, uctx, s, step.ehak, step.answer)
			status, body := get(t, reader, page)
			if status != http.StatusOK || !strings.Contains(body, step.want) {
				t.Errorf("after %s's approval the second process shows (%d) no %q", step.ehak, status, step.want)
			}
			if _, body := get(t, reader, page); !strings.Contains(body, step.want) {
				t.Errorf("after %s's approval, read again: no %q", step.ehak, step.want)
			}
		}
	})
}
