package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
)

// TestEDemocracyMap: once Tartu enters its practice, the public map colours Tartu by how
// many practices it has and by one practice chosen, with the table beside it and the
// legend; a municipality that entered nothing stays grey and "?"; an unknown practice is
// refused naming the field.
func TestEDemocracyMap(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		tartu := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		form := url.Values{"public_modules": {"votes"}, "streaming": {"on"}, "budget_year": {"2025"}, "rahvaalgatus": {"on"}, "consultations": {"2"}, "version": {"0"}}
		if s, body := postForm(t, tartu, a.URL+"/municipalities/0793/edemocracy", form); s != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.800s", s, body)
		}
		public := a.client(t)
		s, body := get(t, public, a.URL+"/edemocracy/map")
		if s != http.StatusOK {
			t.Fatalf("map: %d", s)
		}
		tartuRow := `<a href="/municipalities/0793/edemocracy">Tartu linn</a></th><td>Tartu maakond</td><td class="level lvl-4">4</td>`
		for _, want := range []string{`<svg`, `<title>Tartu linn: 4</title>`, tartuRow, `<td class="level lvl-no">?</td>`, `class="legend"`, "Tavasid: 5–6"} {
			if !strings.Contains(body, want) {
				t.Errorf("the map has no %q", want)
			}
		}
		_, body = get(t, public, a.URL+"/edemocracy/map?measure=recordings")
		if !strings.Contains(body, `<title>Tartu linn: ei</title>`) || !strings.Contains(body, "Istungite salvestised") {
			t.Errorf("by recordings:\n%.1500s", body)
		}
		_, body = get(t, public, a.URL+"/edemocracy/map?measure=streaming")
		if !strings.Contains(body, `<title>Tartu linn: jah</title>`) {
			t.Errorf("by streaming: Tartu is not coloured as streaming")
		}
		if s, body := get(t, public, a.URL+"/edemocracy/map?measure=gossip"); s != http.StatusUnprocessableEntity || !strings.Contains(body, "Tundmatu tava") {
			t.Errorf("an unknown practice: %d", s)
		}
	})
}
