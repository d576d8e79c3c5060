package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/desk"
)

// TestConsultationDesk: an open consultation waits on the desk of every municipality that
// has not commented yet, until it has; the coordinators' desk holds the comments waiting
// for moderation and, once it is closed, those waiting for a response.
func TestConsultationDesk(t *testing.T) { onEngines(t, testConsultationDesk) }

func testConsultationDesk(t *testing.T, engine string) {
	a := startApp(t, engine)
	ids, _ := consultFixture(t, a) // Tallinn has commented, a member of the public waits for moderation
	open := ids.Replace("{copen}")
	kinds := func(c *http.Client) map[string]int {
		t.Helper()
		s, body := get(t, c, a.URL+"/api/v1/desk")
		if s != http.StatusOK {
			t.Fatalf("desk: %d %s", s, body)
		}
		var l desk.List
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, i := range l.Items {
			if strings.HasPrefix(i.Link, "/consultations/"+open) {
				out[string(i.Kind)] += max(i.Count, 1)
			}
		}
		return out
	}
	tartu := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
	tallinn := a.as(t, a.user(t, "teine@tallinn.test", auth.RoleEditor, "0784"))
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	if k := kinds(tartu); k[string(consult.DeskAnswerDue)] != 1 {
		t.Errorf("Tartu's desk: %v", k)
	}
	if k := kinds(tallinn); len(k) != 0 {
		t.Errorf("Tallinn has commented, yet its desk: %v", k)
	}
	if k := kinds(coord); k[string(consult.DeskToModerate)] != 1 || k[string(consult.DeskToDispose)] != 0 {
		t.Errorf("the coordinator's desk while open: %v", k)
	}
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	c, err := a.store.Consultation(ctx, mustID(t, open))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Closed, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	if k := kinds(coord); k[string(consult.DeskToDispose)] != 1 {
		t.Errorf("the coordinator's desk once closed: %v", k)
	}
	if k := kinds(tartu); len(k) != 0 {
		t.Errorf("a closed consultation on Tartu's desk: %v", k)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if err := json.Unmarshal([]byte(s), &id); err != nil {
		t.Fatal(err)
	}
	return id
}
