package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The e-service pages end to end: a real server on each engine, signed-in clients (which
// the anonymous microcache never answers, so a page always shows the current data).

// criteriaUpTo returns the ids of every criterion of levels 1..level, as form values.
func criteriaUpTo(t testing.TB, s *sqlstore.Store, level int) []string {
	t.Helper()
	scale, err := s.Scale(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range scale {
		for _, c := range l.Criteria {
			if l.Number <= level {
				out = append(out, strconv.FormatInt(c.ID, 10))
			}
		}
	}
	return out
}

// setLevel stores a cell at level through the store, as an editor's save would.
func setLevel(t testing.TB, s *sqlstore.Store, ehak, code string, level int) {
	t.Helper()
	ctx := context.Background()
	c, err := s.Cell(ctx, ehak, code)
	if err != nil {
		t.Fatal(err)
	}
	var met []int64
	for _, id := range criteriaUpTo(t, s, level) {
		n, _ := strconv.ParseInt(id, 10, 64)
		met = append(met, n)
	}
	if _, err := s.SaveCell(ctx, ehak, code, eservice.CellInput{Offering: eservice.Offered, Met: met, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: no %q", what, w)
		}
	}
}

func TestEServiceCellJourney(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			ctx := context.Background()
			editor := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
			coord := a.as(t, a.user(t, "koordinaator@kovit.test", auth.RoleCoordinator, ""))
			cell := a.URL + "/eservices/0899/SOC-001"

			s, body := get(t, editor, cell)
			if s != 200 || !strings.Contains(body, `name="met"`) || !strings.Contains(body, `name="version" value="0"`) {
				t.Fatalf("cell page: %d, want the edit form at version 0", s)
			}
			save := url.Values{"offering": {"offered"}, "met": criteriaUpTo(t, a.store, 3), "url": {"https://www.viljandivald.ee/e"},
				"system": {"SPOKU"}, "evidence_url": {"https://www.viljandivald.ee/sunnitoetus"}, "evidence_checked_on": {"2026-11-20"}, "version": {"0"}}
			if s, body := postForm(t, editor, cell, save); s != http.StatusSeeOther {
				t.Fatalf("save: %d\n%.500s", s, body)
			}
			c, _ := a.store.Cell(ctx, "0899", "SOC-001")
			if c.Level != 3 || c.Version != 1 || c.EvidenceCheckedOn == nil || c.UpdatedBy != "mari@viljandi.test" {
				t.Errorf("stored %+v", c)
			}
			_, body = get(t, editor, cell)
			mustContain(t, "saved cell", body, "Tase 3 · E-taotlus eID-ga", "Tasemele 4", "4.1", "4.2", "20.11.2026", "omavalitsuse hinnang", "mari@viljandi.test")

			// Another municipality's cell is refused and stays empty.
			if s, _ := postForm(t, editor, a.URL+"/eservices/0784/SOC-001", save); s != http.StatusForbidden {
				t.Errorf("other municipality: %d, want 403", s)
			}
			if c, _ := a.store.Cell(ctx, "0784", "SOC-001"); c.Version != 0 {
				t.Error("refused save changed the cell")
			}
			if _, body := get(t, editor, a.URL+"/eservices/0784/SOC-001"); strings.Contains(body, `name="met"`) {
				t.Error("editor sees the form of another municipality's cell")
			}
			// A save based on the version before is a conflict that keeps the typed values.
			stale := url.Values{"offering": {"not_applicable"}, "version": {"0"}, "system": {"Vana süsteem"}}
			s, body = postForm(t, editor, cell, stale)
			if s != http.StatusConflict || !strings.Contains(body, "Keegi teine salvestas") || !strings.Contains(body, "Vana süsteem") || !strings.Contains(body, `name="version" value="1"`) {
				t.Errorf("stale save: %d", s)
			}
			// Invalid input names the fields and changes nothing.
			s, body = postForm(t, editor, cell, url.Values{"offering": {"maybe"}, "url": {"viljandi"}, "evidence_checked_on": {"eile"}, "version": {"1"}})
			if s != http.StatusUnprocessableEntity || strings.Count(body, `aria-invalid="true"`) < 2 || !strings.Contains(body, "Sisestage kuupäev") {
				t.Errorf("invalid save: %d", s)
			}
			if c, _ := a.store.Cell(ctx, "0899", "SOC-001"); c.Version != 1 {
				t.Error("invalid or stale save changed the cell")
			}

			// The editor cannot review; the coordinator returns it, with a reason.
			review := cell + "/review"
			if s, _ := postForm(t, editor, review, url.Values{"verification": {"verified"}, "version": {"1"}}); s != http.StatusForbidden {
				t.Errorf("editor review: %d", s)
			}
			if s, body := postForm(t, coord, review, url.Values{"verification": {"returned"}, "version": {"1"}}); s != http.StatusUnprocessableEntity || !strings.Contains(body, "kohustuslik") {
				t.Errorf("return without reason: %d", s)
			}
			if s, _ := postForm(t, coord, review, url.Values{"verification": {"returned"}, "reason": {"Tõendi link ei avane"}, "version": {"1"}}); s != http.StatusSeeOther {
				t.Fatalf("return: %d", s)
			}
			_, body = get(t, editor, cell)
			mustContain(t, "returned cell", body, "tagasi saadetud: Tõendi link ei avane")
			// The editor resubmits; the cell is self-reported again, without the reason.
			save.Set("version", "2")
			save.Set("evidence_url", "https://www.viljandivald.ee/toetused/sunnitoetus")
			if s, _ := postForm(t, editor, cell, save); s != http.StatusSeeOther {
				t.Fatalf("resubmit: %d", s)
			}
			c, _ = a.store.Cell(ctx, "0899", "SOC-001")
			if c.Verification != eservice.SelfReported || c.ReturnReason != "" || c.Version != 3 {
				t.Errorf("after resubmit %+v", c)
			}
			if s, _ := postForm(t, coord, review, url.Values{"verification": {"verified"}, "version": {"2"}}); s != http.StatusConflict {
				t.Errorf("stale review: %d, want 409", s)
			}
			if s, _ := postForm(t, coord, review, url.Values{"verification": {"verified"}, "version": {"3"}}); s != http.StatusSeeOther {
				t.Errorf("verify: %d", s)
			}
			_, body = get(t, coord, cell)
			mustContain(t, "verified cell", body, "koordinaator kinnitas", "koordinaator@kovit.test", "Tagasisaatmise põhjus", "Tõendi link ei avane")
		})
	}
}

func TestEServiceMatrixAndCharts(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			ctx := context.Background()
			reader := a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))

			_, body := get(t, reader, a.URL+"/eservices")
			mustContain(t, "empty matrix", body, "Maatriks on veel tühi", `<td class="lvl-no"><a href="/eservices/0793/SOC-001">?</a></td>`, "/eservices/matrix.csv", "/eservices/matrix.xlsx")

			setLevel(t, a.store, "0793", "SOC-001", 3) // Tartu linn, 100 724 residents
			_, body = get(t, reader, a.URL+"/eservices")
			mustContain(t, "matrix", body, `<td class="lvl-3"><a href="/eservices/0793/SOC-001">3</a></td>`, "79 omavalitsust × 77 teenust", ">1\u00a0%<", ">7\u00a0%<", "Eesti elanikke hõlmatud")
			if strings.Contains(body, "Maatriks on veel tühi") {
				t.Error("filled matrix says it is empty")
			}
			s, body := get(t, reader, a.URL+"/eservices?area=Haridus&county=0079&sort=population&order=desc")
			if s != 200 || strings.Contains(body, "SOC-001") || strings.Contains(body, "Tallinn") || !strings.Contains(body, "8 omavalitsust ×") ||
				strings.Index(body, "Tartu linn") > strings.Index(body, "Elva vald") {
				t.Errorf("filtered matrix: %d", s)
			}
			if s, _ := get(t, reader, a.URL+"/eservices?band=huge"); s != http.StatusUnprocessableEntity {
				t.Errorf("unknown band: %d", s)
			}
			_, body = get(t, reader, a.URL+"/eservices?band=ge50000")
			mustContain(t, "band filter", body, "4 omavalitsust ×", "Näidatud omavalitsuste elanikke")

			// Two months are not enough for a forecast; four months of growth give a range.
			svc := a.URL + "/eservices/services/SOC-001"
			months := []string{"2026-05", "2026-06", "2026-07", "2026-08"}
			ms, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var ehaks []string
			for _, m := range ms {
				if m.EHAK != "0793" {
					ehaks = append(ehaks, m.EHAK)
				}
			}
			done := 0
			for i, m := range months {
				for ; done < 4*(i+1)-i%2; done++ {
					setLevel(t, a.store, ehaks[done], "SOC-001", 3)
				}
				if err := a.store.TakeSnapshot(ctx, m); err != nil {
					t.Fatal(err)
				}
				if i == 1 {
					_, body = get(t, reader, svc)
					mustContain(t, "two months", body, "Prognoosiks pole piisavalt ajalugu", "vähemalt 3 kuu seisu, praegu on 2")
				}
			}
			s, body = get(t, reader, svc+"?target=50")
			mustContain(t, "service page", body, `role="img"`, "<polyline", "08.2026", "ajavahemikus", "kõige tõenäolisemalt", "vähimruutude", "Tartu linn")
			if s != 200 {
				t.Errorf("service page: %d", s)
			}
			if s, _ := get(t, reader, svc+"?k=9"); s != http.StatusUnprocessableEntity {
				t.Errorf("k=9: %d", s)
			}

			_, body = get(t, reader, a.URL+"/eservices/map")
			if n := strings.Count(body, "<path "); n != 79 {
				t.Errorf("median map has %d paths, want 79", n)
			}
			_, body = get(t, reader, a.URL+"/eservices/map?service=SOC-001")
			if n := strings.Count(body, "<path "); n != 79 || !strings.Contains(body, `fill="#41b6c4"`) || strings.Count(body, `<th scope="row">`) != 79 {
				t.Errorf("service map: %d paths", n)
			}

			_, body = get(t, reader, a.URL+"/municipalities/0793")
			mustContain(t, "municipality page", body, "/municipalities/0793/eservices", "1/77")
			_, body = get(t, reader, a.URL+"/municipalities/0793/eservices")
			mustContain(t, "municipality row", body, "Kogu Eesti", "Sama maakond (Tartu maakond)", "Sama rahvaarvu rühm (50 000 ja rohkem)", "Sotsiaalhoolekanne")
			if strings.Contains(body, ">Täida<") {
				t.Error("a reader is offered to fill in cells")
			}
		})
	}
}

func TestEServiceCatalogueAndScale(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			ctx := context.Background()
			editor := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
			coord := a.as(t, a.user(t, "koordinaator@kovit.test", auth.RoleCoordinator, ""))

			if s, _ := get(t, editor, a.URL+"/eservices/catalogue"); s != http.StatusForbidden {
				t.Errorf("editor catalogue: %d", s)
			}
			if s, _ := get(t, a.client(t), a.URL+"/eservices/catalogue"); s != http.StatusSeeOther {
				t.Errorf("anonymous catalogue: %d, want a redirect to sign in", s)
			}
			created := url.Values{"code": {"gov-900"}, "name_et": {"Kaasava eelarve hääletus"}, "name_en": {"Participatory budget vote"},
				"area": {"Valitsemine ja kaasamine"}, "life_event": {"Osalemine kohalikus elus"}, "channels": {"veeb, kohapeal"}}
			if s, _ := postForm(t, editor, a.URL+"/eservices/catalogue/new", created); s != http.StatusForbidden {
				t.Errorf("editor create: %d", s)
			}
			if s, body := postForm(t, coord, a.URL+"/eservices/catalogue/new", created); s != http.StatusSeeOther {
				t.Fatalf("create: %d\n%.400s", s, body)
			}
			sv, err := a.store.Service(ctx, "GOV-900")
			if err != nil || len(sv.Channels) != 2 || sv.Version != 1 {
				t.Fatalf("created %+v %v", sv, err)
			}
			if s, body := postForm(t, coord, a.URL+"/eservices/catalogue/new", created); s != http.StatusUnprocessableEntity || !strings.Contains(body, "juba olemas") {
				t.Errorf("duplicate: %d", s)
			}
			edit := a.URL + "/eservices/catalogue/GOV-900"
			created.Set("name_et", "Kaasav eelarve")
			created.Set("version", "1")
			if s, _ := postForm(t, coord, edit, created); s != http.StatusSeeOther {
				t.Errorf("edit: %d", s)
			}
			if s, body := postForm(t, coord, edit, created); s != http.StatusConflict || !strings.Contains(body, `name="version" value="2"`) {
				t.Errorf("stale edit: %d", s)
			}
			created.Set("retired", "on")
			created.Set("version", "2")
			if s, _ := postForm(t, coord, edit, created); s != http.StatusSeeOther {
				t.Errorf("retire: %d", s)
			}
			_, body := get(t, coord, a.URL+"/eservices/catalogue?status=retired")
			mustContain(t, "retired list", body, "GOV-900", "eemaldatud")
			if _, body := get(t, coord, a.URL+"/eservices"); strings.Contains(body, "GOV-900") {
				t.Error("a retired service is still a matrix column")
			}
			if s, _ := postForm(t, editor, a.URL+"/eservices/0793/GOV-900", url.Values{"offering": {"offered"}, "version": {"0"}}); s != http.StatusConflict {
				t.Errorf("save on a retired service: %d, want 409", s)
			}
			_, body = get(t, coord, a.URL+"/eservices/services/GOV-900")
			mustContain(t, "retired service", body, "Kaasav eelarve", "kataloogist eemaldatud")

			// Criteria: coordinators reword them; an empty Estonian text is refused.
			ids := criteriaUpTo(t, a.store, 1)
			crit := a.URL + "/eservices/criteria/" + ids[0]
			if s, _ := postForm(t, editor, crit, url.Values{"text_et": {"x"}}); s != http.StatusForbidden {
				t.Errorf("editor reword: %d", s)
			}
			if s, body := postForm(t, coord, crit, url.Values{"text_et": {""}, "text_en": {"Described"}}); s != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-text_et"`) {
				t.Errorf("empty criterion: %d", s)
			}
			reworded := url.Values{"text_et": {"Veebilehel on teenuse kirjeldus."}, "text_en": {"The website describes the service."}}
			if s, _ := postForm(t, coord, crit, reworded); s != http.StatusSeeOther {
				t.Errorf("reword: %d", s)
			}
			_, body = get(t, editor, a.URL+"/eservices/scale")
			mustContain(t, "scale", body, "Veebilehel on teenuse kirjeldus.")

			// A snapshot on demand, for this month.
			if s, _ := postForm(t, editor, a.URL+"/eservices/snapshots", nil); s != http.StatusForbidden {
				t.Errorf("editor snapshot: %d", s)
			}
			if s, _ := postForm(t, coord, a.URL+"/eservices/snapshots", nil); s != http.StatusSeeOther {
				t.Errorf("snapshot: %d", s)
			}
			if months, _ := a.store.SnapshotMonths(ctx); len(months) != 1 {
				t.Errorf("months %v", months)
			}
		})
	}
}
