package main

import (
	"context"
	"strings"
	"testing"

	"kovit/internal/landscape"
)

// TestRecordsMap: the records overview colours each municipality of the chosen group by
// its records maturity level on the country's map, names the level in each shape's title,
// leaves the rest grey, and keeps the legend and the table of the same data beside it, in
// Estonian and English.
func TestRecordsMap(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		elvaAtLevel3(t, a)
		if _, err := a.store.SaveRecordsProfile(ctx, landscape.RecordsProfile{MunicipalityEHAK: "0432", DHX: landscape.DHXNone}); err != nil {
			t.Fatal(err)
		}
		public := a.client(t)
		_, body := get(t, public, a.URL+"/records")
		if n := strings.Count(body, "<path "); n != 79 {
			t.Errorf("the map has %d shapes, want 79", n)
		}
		mustContain(t, "records map", body, `id="records-map-title"`, `stroke="#595959"`,
			`id="m-0171" fill="#41b6c4"`, "<title>Elva vald: tase 3</title>", `href="/municipalities/0171/records"`,
			`id="m-0432" fill="#ffffcc"`, "<title>Luunja vald: tase 0</title>",
			`id="m-0793" fill="#d0d5db"`, "<title>Tartu linn: profiil täitmata</title>",
			`<span class="swatch lvl-5">5</span>`, `<span class="swatch lvl-no">?</span>`, `class="num level lvl-3">3</td>`)
		if n := strings.Count(body, `<th scope="row"><a href="/municipalities/`); n != 79 {
			t.Errorf("the table beside the map has %d municipalities, want 79", n)
		}
		// Outside the chosen group a municipality is grey and its table row absent.
		_, body = get(t, public, a.URL+"/records?county=0037")
		if !strings.Contains(body, `id="m-0171" fill="#d0d5db"`) || strings.Contains(body, "Elva vald: tase") ||
			strings.Contains(body, `<a href="/municipalities/0171/records">`) {
			t.Error("Elva, outside Harju county, is still coloured or listed")
		}
		_, body = get(t, public, a.URL+"/records?lang=en")
		mustContain(t, "records map in English", body, "Records management maturity on the map", "<title>Elva vald: level 3</title>",
			"<title>Tartu linn: profile not filled in</title>")
	})
}

// elvaAtLevel3 saves Elva's records profile at level 3: its register online, DHX direct.
func elvaAtLevel3(t *testing.T, a *testApp) {
	t.Helper()
	if _, err := a.store.SaveRecordsProfile(context.Background(), landscape.RecordsProfile{MunicipalityEHAK: "0171", DHX: landscape.DHXDirect,
		RegisterURL: "https://www.elva.ee/dokumendiregister", Met: []int64{1, 2, 3, 4}}); err != nil {
		t.Fatal(err)
	}
}

// TestRecordsPeers: a records profile compares its level with the median level of the
// municipality's peer groups, the unfilled counting at level 0.
func TestRecordsPeers(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		elvaAtLevel3(t, a)
		if _, err := a.store.SaveRecordsProfile(context.Background(), landscape.RecordsProfile{MunicipalityEHAK: "0793", DHX: landscape.DHXDirect,
			RegisterURL: "https://www.tartu.ee/register", Met: []int64{1, 2, 3, 4, 5, 6, 7, 8}}); err != nil {
			t.Fatal(err)
		}
		_, body := get(t, a.client(t), a.URL+"/municipalities/0171/records")
		mustContain(t, "Elva's comparison", body, "Elva vald asjaajamise tase 3 võrrelduna rühmade mediaantasemega",
			`<th scope="row">Kogu Eesti</th><td class="num">79</td><td class="num">0,0</td>`, "<td>üle rühma mediaani</td>")
		_, body = get(t, a.client(t), a.URL+"/municipalities/0793/records?lang=en")
		mustContain(t, "Tartu's comparison", body, "Tartu linn&#39;s records management level 5",
			`<th scope="row">All of Estonia</th><td class="num">79</td><td class="num">0.0</td>`, "<td>above the group median</td>")
	})
}
