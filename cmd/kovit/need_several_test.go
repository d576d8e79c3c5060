package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/need"
)

// TestNeedListSeveralMunicipalities: an editor of Elva and Peipsiääre lists the needs of
// both at once (page, API and export), narrows to one with the municipality filter, and
// is refused a third municipality's.
func TestNeedListSeveralMunicipalities(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		hash, err := auth.HashPassword("parool-it@elva.ee") // as a.as signs in
		if err != nil {
			t.Fatal(err)
		}
		shared, err := a.store.CreateUser(ctx, auth.NewUser{Email: "it@elva.ee", Name: "Jaan Tamm", Role: auth.RoleEditor,
			Municipalities: []string{"0171", "0586"}}, hash, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []struct{ ehak, title string }{
			{"0171", "Elva raamatukogu e-teenused"}, {"0586", "Peipsiääre kooli võrguühendus"}, {"0784", "Tallinna andmeladu"},
		} {
			if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: n.ehak, Title: n.title,
				Description: "Kirjeldus: " + n.title, Category: need.CatRecords}); err != nil {
				t.Fatal(err)
			}
		}
		c := a.as(t, shared)
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{"Elva raamatukogu", "Peipsiääre kooli"}},
			{"?municipality=0586", []string{"Peipsiääre kooli"}},
		} {
			for _, path := range []string{"/needs", "/api/v1/needs", "/needs.csv"} {
				status, body := get(t, c, a.URL+path+tc.query)
				if status != http.StatusOK {
					t.Fatalf("%s%s: %d", path, tc.query, status)
				}
				for _, title := range []string{"Elva raamatukogu", "Peipsiääre kooli", "Tallinna andmeladu"} {
					if want := strings.Contains(strings.Join(tc.want, "|"), title); strings.Contains(body, title) != want {
						t.Errorf("%s%s: %s listed %v, want %v", path, tc.query, title, !want, want)
					}
				}
			}
		}
		for _, path := range []string{"/needs?municipality=0784", "/api/v1/needs?municipality=0784"} {
			if status, _ := get(t, c, a.URL+path); status != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", path, status)
			}
		}
	})
}
