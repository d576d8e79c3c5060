package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
)

// TestRecordsScalePages: everyone reads the records scale on its page and the API; a
// coordinator rewords a criterion there, refused with the field named when the Estonian
// text is empty; the profile pages show the new wording, the history who changed what, and
// no municipality's level moves.
func TestRecordsScalePages(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		elvaAtLevel3(t, a)
		public := a.client(t)
		st, body := get(t, public, a.URL+"/records/scale")
		if st != http.StatusOK {
			t.Fatalf("the scale page: %d", st)
		}
		mustContain(t, "scale page", body, "Asjaajamise küpsusskaala", "Dokumente vahetatakse teiste asutustega DHX kaudu", "Kriteeriume pole muudetud.")
		if strings.Contains(body, `action="/records/scale/criteria/`) {
			t.Error("the public is offered the rewording forms")
		}
		st, body = get(t, public, a.URL+"/api/v1/records-scale")
		if st != http.StatusOK || !strings.Contains(body, `"code":"3.4"`) || !strings.Contains(body, `"name_en":"Digital transfer to the National Archives"`) {
			t.Errorf("the scale over the API: %d %.300s", st, body)
		}

		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		_, body = get(t, coord, a.URL+"/records/scale")
		mustContain(t, "coordinator's scale page", body, `action="/records/scale/criteria/4"`)
		st, body = postForm(t, coord, a.URL+"/records/scale/criteria/4", url.Values{"text_et": {"  "}, "text_en": {"DHX"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-text_et"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("an empty text: %d", st)
		}
		if st, _ := postForm(t, coord, a.URL+"/records/scale/criteria/999", url.Values{"text_et": {"x"}}); st != http.StatusNotFound {
			t.Errorf("an unknown criterion: %d", st)
		}
		if st, body := postForm(t, coord, a.URL+"/records/scale/criteria/4", url.Values{"text_et": {"Dokumendid liiguvad DHX kaudu."},
			"text_en": {"Documents move over DHX."}}); st != http.StatusSeeOther {
			t.Fatalf("reword: %d %.300s", st, body)
		}
		st, body = send(t, coord, "PATCH", a.URL+"/api/v1/records-scale/criteria/5", "application/json", `{"text_en":"Linked to the council system."}`)
		if st != http.StatusOK || !strings.Contains(body, `"text_en":"Linked to the council system."`) || !strings.Contains(body, `"text_et":"Dokumendihaldussüsteem on liidestatud volikogu infosüsteemiga."`) {
			t.Errorf("PATCH keeps the text left out: %d %.300s", st, body)
		}
		if st, body := send(t, coord, "PATCH", a.URL+"/api/v1/records-scale/criteria/5", "application/json", `{"text_et":""}`); st != http.StatusUnprocessableEntity || !strings.Contains(body, "text_et") {
			t.Errorf("PATCH an empty text: %d %.300s", st, body)
		}

		_, body = get(t, public, a.URL+"/records/scale")
		mustContain(t, "scale after the change", body, "Dokumendid liiguvad DHX kaudu.", "kriteerium 4", "coord@kovit.test")
		_, body = get(t, public, a.URL+"/municipalities/0171/records?lang=en")
		mustContain(t, "Elva's profile in English", body, "Linked to the council system.")
		if p, _ := a.store.RecordsProfile(ctx, "0171"); p.Level != 3 {
			t.Errorf("Elva's level after the rewording: %d", p.Level)
		}
	})
}
