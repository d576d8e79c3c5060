package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eits"
)

// A measures import past its bounds, malformed or naming what the catalogue lacks is
// refused with the field named and changes nothing, on both surfaces.
func TestSecurityImportBounds(t *testing.T) {
	onEngines(t, testSecurityImportBounds)
}

func testSecurityImportBounds(t *testing.T, engine string) {
	a := startApp(t, engine)
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	api := a.URL + "/api/v1/eits-catalogue/2023/measures"
	for name, c := range map[string]struct {
		body   string
		status int
		field  string
	}{
		"too large":      {`{"version":2023,"x":"` + strings.Repeat("a", eits.MaxBytes) + `"}`, http.StatusRequestEntityTooLarge, ""},
		"not JSON":       {`nope`, http.StatusUnprocessableEntity, "file"},
		"another year":   {`{"version":2024,"measures":[]}`, http.StatusUnprocessableEntity, "version"},
		"no measures":    {`{"version":2023,"measures":[]}`, http.StatusUnprocessableEntity, "measures"},
		"unknown module": {`{"version":2023,"measures":[{"measureId":"1","measureCode":"XYZ.9.M1","measureTitle":"X","type":"MAIN"}]}`, http.StatusUnprocessableEntity, "measures[0].code"},
		"bad type":       {`{"version":2023,"measures":[{"measureId":"1","measureCode":"ISMS.1.M1","measureTitle":"X","type":"LOW"}]}`, http.StatusUnprocessableEntity, "measures[0].type"},
	} {
		st, body := send(t, coord, "POST", api, "application/json", c.body)
		if st != c.status || c.field != "" && !strings.Contains(body, `"`+c.field+`"`) {
			t.Errorf("%s: %d, want %d naming %q\n%.300s", name, st, c.status, c.field, body)
		}
	}
	mp := func(content string) string {
		return "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.json\"\r\nContent-Type: application/json\r\n\r\n" +
			content + "\r\n--kovit--\r\n"
	}
	for name, c := range map[string]struct {
		body   string
		status int
	}{
		"page, not JSON":  {mp("nope"), http.StatusUnprocessableEntity},
		"page, no file":   {"--kovit--\r\n", http.StatusUnprocessableEntity},
		"page, too large": {mp(strings.Repeat("a", eits.MaxBytes+128<<10)), http.StatusRequestEntityTooLarge},
	} {
		if st, _ := send(t, coord, "POST", a.URL+"/security/catalogue/2023/measures", "multipart/form-data; boundary=kovit", c.body); st != c.status {
			t.Errorf("%s: %d, want %d", name, st, c.status)
		}
	}
	if ms, err := a.store.EITSMeasures(context.Background(), 2023); err != nil || len(ms) != 0 {
		t.Errorf("a refused import stored %d measures %v", len(ms), err)
	}
	if st, _ := send(t, coord, "POST", a.URL+"/api/v1/eits-catalogue/1999/measures", "application/json", `{"version":1999,"measures":[]}`); st != http.StatusNotFound {
		t.Errorf("a year without a catalogue: %d", st)
	}
}
