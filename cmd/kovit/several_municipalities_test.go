package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/need"
)

// TestSeveralMunicipalities: the admin makes an IT person shared by Elva (0171) and
// Peipsiääre (0586) an editor of both; they edit both, choose between them on the desk,
// the one-page form and the needs form, hear of both municipalities' returns, and may do
// nothing in Tartu (0793).
func TestSeveralMunicipalities(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := context.Background()
		admin := a.as(t, a.user(t, "haldur@kovit.test", auth.RoleAdmin, ""))
		person := url.Values{"email": {"it@elva.ee"}, "name": {"Jaan Tamm"}, "role": {"editor"}, "municipality_ehak": {"0171"},
			"municipalities": {"9999"}, "municipalities_sent": {"1"}, "password": {"jaani-parool-123"}}
		s, body := postForm(t, admin, a.URL+"/admin/users", person)
		if s != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-municipalities" name="municipalities" multiple`) ||
			!strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("unknown municipality: %d\n%.3000s", s, body)
		}
		person["municipalities"] = []string{"0586"}
		if s, body := postForm(t, admin, a.URL+"/admin/users", person); s != http.StatusCreated {
			t.Fatalf("create: %d\n%.2000s", s, body)
		}
		u, err := a.store.UserByEmail(ctx, "it@elva.ee")
		if err != nil || u.MunicipalityEHAK != "0171" || !slices.Equal(u.Municipalities, []string{"0171", "0586"}) {
			t.Fatalf("stored %q %v %v", u.MunicipalityEHAK, u.Municipalities, err)
		}
		if _, body := get(t, admin, a.URL+"/admin/users/"+itoa(u.ID)); !strings.Contains(body, `<option value="0586" selected>`) {
			t.Error("the user form does not show the other municipality chosen")
		}
		// Its password was chosen by the admin, so it must change it first.
		if err := a.store.SetPassword(ctx, u.ID, mustHash(t, "jaani-parool-123"), false); err != nil {
			t.Fatal(err)
		}
		editor := a.signedIn(t, "it@elva.ee", "jaani-parool-123")

		save := url.Values{"offering": {"not_applicable"}, "version": {"0"}}
		for ehak, want := range map[string]int{"0171": http.StatusSeeOther, "0586": http.StatusSeeOther, "0793": http.StatusForbidden} {
			if s, body := postForm(t, editor, a.URL+"/eservices/"+ehak+"/SOC-001", save); s != want {
				t.Errorf("cell of %s: %d, want %d\n%.500s", ehak, s, want, body)
			}
		}
		if c, _ := a.store.Cell(ctx, "0793", "SOC-001"); c.Version != 0 {
			t.Error("a refused save changed Tartu's cell")
		}
		for ehak, want := range map[string]int{"0171": http.StatusOK, "0586": http.StatusOK, "0793": http.StatusForbidden} {
			s, body := get(t, editor, a.URL+"/municipalities/"+ehak+"/eservices/edit")
			if s != want {
				t.Errorf("one-page form of %s: %d, want %d", ehak, s, want)
			}
			other := map[string]string{"0171": "0586", "0586": "0171"}[ehak]
			if s == http.StatusOK && (!strings.Contains(body, `href="/municipalities/`+other+`/eservices/edit"`) ||
				!strings.Contains(body, `aria-current="page">`)) {
				t.Errorf("one-page form of %s links not to the other municipality's", ehak)
			}
		}

		// The coordinator returns Peipsiääre's cell: the shared editor hears of it and it is
		// on their desk when they choose Peipsiääre.
		coord := a.user(t, "koordinaator@kovit.test", auth.RoleCoordinator, "")
		c, _ := a.store.Cell(ctx, "0586", "SOC-001")
		if _, err := a.store.ReviewCell(auth.WithUser(ctx, &coord), "0586", "SOC-001",
			eservice.Review{Verification: eservice.Returned, Reason: "Lisa link", Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		if ns := notificationsOf(t, a, u); len(ns) != 1 || ns[0].EntityID != "0586/SOC-001" {
			t.Errorf("notifications %+v", ns)
		}
		_, d := deskOf(t, a, editor, "?municipality=0586")
		if d.Counts["cell_returned"] != 1 {
			t.Errorf("Peipsiääre's desk: %+v", d.Counts)
		}
		body, d = deskOf(t, a, editor, "")
		if d.Counts["cell_returned"] != 0 || !strings.Contains(body, `href="/desk?municipality=0586"`) {
			t.Errorf("Elva's desk: %+v, or no link to Peipsiääre's", d.Counts)
		}
		for _, path := range []string{"/desk?municipality=0793", "/api/v1/desk?municipality=0793"} {
			if s, body := get(t, editor, a.URL+path); s != http.StatusUnprocessableEntity || !strings.Contains(body, "municipality") {
				t.Errorf("%s: %d %.300s", path, s, body)
			}
		}

		// A need of either municipality, not of Tartu.
		for ehak, want := range map[string]int{"0586": http.StatusSeeOther, "0793": http.StatusForbidden} {
			v := url.Values{"municipality_ehak": {ehak}, "title": {"Dokumendihaldus " + ehak}, "category": {string(need.CatRecords)}}
			if s, body := postForm(t, editor, a.URL+"/needs/new", v); s != want {
				t.Errorf("need of %s: %d, want %d\n%.800s", ehak, s, want, body)
			}
		}
		if _, body := get(t, editor, a.URL+"/needs/new?municipality=0586"); !strings.Contains(body, `<option value="0586" selected>`) {
			t.Error("the need form does not offer the chosen municipality")
		}
		if s, body := get(t, editor, a.URL+"/needs?municipality=0586"); s != http.StatusOK || !strings.Contains(body, "Dokumendihaldus 0586") {
			t.Errorf("needs of Peipsiääre: %d", s)
		}
		if s, _ := get(t, editor, a.URL+"/needs?municipality=0793"); s != http.StatusForbidden {
			t.Errorf("needs of Tartu: %d", s)
		}
	})
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	h, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
