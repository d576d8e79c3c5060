package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Adding many municipalities to a joint activity at once: a county's, a type's, another
// activity's, all 79; those already taking part are skipped and a bad choice adds none.
func TestPlanParticipantsBulk(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			f := newPlanEditFixture(t, engine)
			a, ctx := f.a, context.Background()
			ms, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			var tartumaa, cities []string
			for _, m := range ms {
				if m.CountyEHAK == "0079" {
					tartumaa = append(tartumaa, m.EHAK)
				}
				if m.Type == municipality.City {
					cities = append(cities, m.EHAK)
				}
			}
			parts := func(id int64) []string {
				t.Helper()
				ps, err := a.store.Participants(ctx, plan.ParticipantFilter{ActivityID: id})
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, p := range ps {
					out = append(out, p.MunicipalityEHAK)
				}
				slices.Sort(out)
				return out
			}
			events := func() int {
				t.Helper()
				_, n, err := a.store.ListEvents(ctx, audit.Filter{Entity: "participant", Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			add := func(c *http.Client, id int64, v url.Values) (int, string) {
				t.Helper()
				return postForm(t, c, a.URL+"/plan/activities/"+itoa(id)+"/participants", v)
			}
			union := func(sets ...[]string) []string {
				var out []string
				for _, s := range sets {
					out = append(out, s...)
				}
				slices.Sort(out)
				return slices.Compact(out)
			}

			if st, body := add(f.coord, f.act1, url.Values{"county": {"0079"}}); st != http.StatusSeeOther {
				t.Fatalf("by county: %d %.300s", st, body)
			}
			slices.Sort(tartumaa)
			if got := parts(f.act1); !slices.Equal(got, tartumaa) || events() != len(tartumaa) {
				t.Errorf("by county: %v (%d events), want %v", got, events(), tartumaa)
			}
			if st, _ := add(f.coord, f.act2, url.Values{"copy_from": {itoa(f.act1)}, "ehak": {"0784"}}); st != http.StatusSeeOther {
				t.Fatalf("copy: %d", st)
			}
			if got := parts(f.act2); !slices.Equal(got, union(tartumaa, []string{"0784"})) {
				t.Errorf("copied %v", got)
			}
			before := events()
			if st, _ := add(f.coord, f.act1, url.Values{"type": {"linn"}}); st != http.StatusSeeOther {
				t.Fatalf("by type: %d", st)
			}
			want := union(tartumaa, cities)
			if got := parts(f.act1); !slices.Equal(got, want) || events()-before != len(want)-len(tartumaa) {
				t.Errorf("by type: %v, %d events for %d new", got, events()-before, len(want)-len(tartumaa))
			}
			if st, _ := add(f.coord, f.act1, url.Values{"all": {"on"}}); st != http.StatusSeeOther {
				t.Fatalf("all: %d", st)
			}
			if got := parts(f.act1); len(got) != 79 || events()-before != 79-len(tartumaa) {
				t.Errorf("all: %d participants, %d events", len(got), events()-before)
			}
			// Everyone already takes part: nothing to add.
			if st, _ := add(f.coord, f.act1, url.Values{"all": {"on"}}); st != http.StatusUnprocessableEntity {
				t.Errorf("all again: %d, want 422", st)
			}

			// A bad choice beside good ones adds none of them.
			before = events()
			for _, v := range []url.Values{
				{"all": {"on"}, "county": {"9999"}},
				{"type": {"alev"}, "ehak": {"0793"}},
				{"copy_from": {"999999"}, "ehak": {"0793"}},
				{"copy_from": {itoa(f.dir1)}, "ehak": {"0793"}},
				{"ehak": {"0793", "9999"}},
			} {
				if st, body := add(f.coord, f.act2, v); st != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") {
					t.Errorf("%v: %d, want 422", v, st)
				}
			}
			if events() != before || len(parts(f.act2)) != len(tartumaa)+1 {
				t.Error("a refused choice added participants")
			}

			// The API's twin takes the same choice.
			api := a.URL + "/api/v1/activities/" + itoa(f.act2) + "/participants"
			if st, body := send(t, f.coord, "POST", api, "application/json", `{"type":"linn","municipalities":["0784"]}`); st != http.StatusCreated ||
				strings.Count(body, `"municipality_ehak"`) != len(union(cities, tartumaa, []string{"0784"}))-len(tartumaa)-1 {
				t.Errorf("API by type: %d %.300s", st, body)
			}
			before = events()
			if st, body := send(t, f.coord, "POST", api, "application/json", `{"all":true,"county":"9999"}`); st != http.StatusUnprocessableEntity || !strings.Contains(body, `"county"`) || events() != before {
				t.Errorf("API bad county: %d %.300s", st, body)
			}
			if st, _ := send(t, f.coord, "POST", api, "application/json", `{"copy_from":999999}`); st != http.StatusUnprocessableEntity {
				t.Errorf("API copy from nothing: %d", st)
			}

			// Copying from an activity the user may not read is answered as a missing one.
			tallinnOrg := municipalityOrg(t, a, "0784")
			sctx := auth.WithUser(ctx, &auth.User{Name: "test"})
			hidden, err := a.store.CreateStrategy(sctx, plan.Strategy{TitleEt: "Tallinna mustand", StartYear: 2026, EndYear: 2030, Status: plan.Draft, OwnerID: &tallinnOrg}.WithDefaults())
			if err != nil {
				t.Fatal(err)
			}
			secret, err := a.store.CreateNode(sctx, plan.Node{StrategyID: hidden.ID, Kind: plan.Activity, Code: "1", TitleEt: "Salajane"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.store.AddParticipants(sctx, secret.ID, []string{"0784", "0198"}); err != nil {
				t.Fatal(err)
			}
			own, _ := municipalActivity(t, f)
			tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
			if st, _ := send(t, tartu, "POST", a.URL+"/api/v1/activities/"+itoa(own.ID)+"/participants", "application/json", `{"copy_from":`+itoa(secret.ID)+`}`); st != http.StatusUnprocessableEntity {
				t.Errorf("API copy from an unreadable activity: %d", st)
			}
			st, body := add(tartu, own.ID, url.Values{"copy_from": {itoa(secret.ID)}})
			_, missing := add(tartu, own.ID, url.Values{"copy_from": {"999999"}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, "Sellist tegevust ei ole") || len(parts(own.ID)) != 0 || !strings.Contains(missing, "Sellist tegevust ei ole") {
				t.Errorf("copy from an unreadable activity: %d", st)
			}
			// Nor may an editor add to a national activity, nor anyone to an archived plan.
			if st, _ := add(tartu, f.act2, url.Values{"all": {"on"}}); st != http.StatusForbidden {
				t.Errorf("editor to a national activity: %d", st)
			}
			sctx = auth.WithUser(ctx, &auth.User{Name: "test", Role: auth.RoleCoordinator})
			s, _ := a.store.Strategy(sctx, f.strategy.ID)
			s.Status = plan.Archived
			if _, err := a.store.UpdateStrategy(sctx, s); err != nil {
				t.Fatal(err)
			}
			before = events()
			if st, _ := add(f.coord, f.act2, url.Values{"all": {"on"}}); st < 400 || events() != before {
				t.Errorf("adding to an archived plan: %d, %d events", st, events()-before)
			}
		})
	}
}
