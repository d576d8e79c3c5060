package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
)

// edemocracyPermissionCases: a municipality's practice is its own editors' (and the
// coordinators') to change.
func edemocracyPermissionCases() map[string]permissionCase {
	return map[string]permissionCase{
		"POST /municipalities/{ehak}/edemocracy": {scopeMunicipality, "POST", "/municipalities/0784/edemocracy", "application/x-www-form-urlencoded", "streaming=on&version=0"},
		"PUT /api/v1/edemocracy/{ehak}":          {scopeMunicipality, "PUT", "/api/v1/edemocracy/0784", "application/json", `{"streaming":true,"version":0}`},
	}
}

// edemocracyTwins pair the practice's pages with the API.
func edemocracyTwins() (reads, writes []twinPair) {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	reads = []twinPair{
		{page: g("/edemocracy", "/edemocracy"), api: g("/api/v1/edemocracy", "/api/v1/edemocracy")},
		{page: g("/municipalities/{ehak}/edemocracy", "/municipalities/0784/edemocracy"), api: g("/api/v1/edemocracy/{ehak}", "/api/v1/edemocracy/0784")},
	}
	writes = []twinPair{{page: twinRequest{route: "POST /municipalities/{ehak}/edemocracy", path: "/municipalities/0784/edemocracy",
		ctype: "application/x-www-form-urlencoded", body: "streaming=on&version=999"},
		api: twinRequest{route: "PUT /api/v1/edemocracy/{ehak}", path: "/api/v1/edemocracy/0784", ctype: "application/json", body: `{"streaming":true,"version":999}`}}}
	return reads, writes
}

// TestEDemocracyPractice: Tartu's editor enters its practice on the page, a bad address is
// refused naming the field, another municipality's editor may not change it, and the
// public reads it and the figures by peer group on the page and through the API.
func TestEDemocracyPractice(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		tartu := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		tallinn := a.as(t, a.user(t, "tiit@tallinn.test", auth.RoleEditor, "0784"))
		page := a.URL + "/municipalities/0793/edemocracy"
		form := url.Values{"council_system": {"VOLIS <b>"}, "public_modules": {"votes", "agendas"}, "streaming": {"on"}, "budget_year": {"2025"},
			"budget_amount": {"200 000"}, "budget_votes": {"5 120"}, "consultations": {"4"}, "rahvaalgatus": {"on"}, "open_data_url": {"javascript:alert(1)"}, "version": {"0"}}
		if s, body := postForm(t, tartu, page, form); s != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-open_data_url"`) {
			t.Fatalf("a script address: %d\n%.500s", s, body)
		}
		form.Set("open_data_url", "https://avaandmed.eesti.ee/organizations/tartu")
		if s, body := postForm(t, tartu, page, form); s != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.800s", s, body)
		}
		if s, _ := postForm(t, tallinn, page, form); s != http.StatusForbidden {
			t.Errorf("Tallinn changes Tartu's practice: %d", s)
		}
		public := a.client(t)
		_, body := get(t, public, page)
		for _, want := range []string{"VOLIS &lt;b&gt;", "päevakorrad, hääletustulemused", "200\u00a0000", "5\u00a0120 häält", "avaandmed.eesti.ee/organizations/tartu"} {
			if !strings.Contains(body, want) {
				t.Errorf("the practice page has no %q", want)
			}
		}
		if strings.Contains(body, `action="/municipalities/0793/edemocracy"`) {
			t.Error("the public gets the form")
		}
		_, body = get(t, public, a.URL+"/edemocracy?group=type")
		if !strings.Contains(body, "1 / ") || !strings.Contains(body, "Tartu linn") {
			t.Errorf("the list:\n%.1500s", body)
		}
		_, body = get(t, public, a.URL+"/api/v1/edemocracy?group=county")
		if !strings.Contains(body, `"council_system":"VOLIS <b>"`) && !strings.Contains(body, `"council_system":"VOLIS \u003cb\u003e"`) || !strings.Contains(body, `"group":"Tartu maakond"`) {
			t.Errorf("the API list:\n%.1500s", body)
		}
	})
}
