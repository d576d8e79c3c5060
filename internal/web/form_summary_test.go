package web

import (
	"strings"
	"testing"
)

func TestNameSummaryFields(t *testing.T) {
	page := `<div class="error-summary"><ul>` +
		`<li><a href="#f-name">` + summaryMark + `f-name"></span>See väli on kohustuslik.</a></li>` +
		`<li><a href="#f-offering">` + summaryMark + `f-offering"></span>Valige pakkumine.</a></li>` +
		`<li><a href="#f-need_id">` + summaryMark + `f-need_id"></span>Valige vajadus.</a></li>` +
		`<li><a href="#f-x">` + summaryMark + `f-x"></span>Viga.</a></li>` +
		`<li><a href="#f-url">` + summaryMark + `f-url"></span>Vigane link.</a></li></ul></div>` +
		`<label for="f-name">Nimi <span class="hint">(kohustuslik)</span>:</label><input id="f-name">` +
		`<fieldset><legend>Pakkumine</legend><input type="radio" id="f-offering"><label for="f-offering">pakutakse</label></fieldset>` +
		`<fieldset id="f-need_id"><legend>Vajadused &amp; soovid</legend></fieldset>` +
		`<input id="f-url" aria-label="Link: Sünnitoetus">`
	got := string(nameSummaryFields([]byte(page)))
	for _, want := range []string{
		`f-name">Nimi (kohustuslik): </span>See väli`, `f-offering">Pakkumine: </span>Valige`,
		`f-need_id">Vajadused &amp; soovid: </span>Valige`, `f-x"></span>Viga.`, `f-url">Link: Sünnitoetus: </span>Vigane`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if plain := []byte("<p>no summary</p>"); string(nameSummaryFields(plain)) != string(plain) {
		t.Error("a page without a summary changed")
	}
}
