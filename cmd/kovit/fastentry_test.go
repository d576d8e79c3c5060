package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore/sqlstoretest"
)

// pageFormValues is the one-page form of a municipality as the browser would post it
// unchanged: every current service's row with its cell as stored.
func pageFormValues(t testing.TB, a *testApp, ehak string) url.Values {
	t.Helper()
	ctx := context.Background()
	services, err := a.store.ListServices(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := a.store.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak})
	if err != nil {
		t.Fatal(err)
	}
	g := eservice.NewGrid(cells)
	v := url.Values{}
	for _, s := range services {
		c := g.Cell(ehak, s.Code)
		v.Set("version."+s.Code, strconv.Itoa(c.Version))
		if c.Version > 0 {
			v.Set("offering."+s.Code, string(c.Offering))
		} else {
			v.Set("offering."+s.Code, "")
		}
		for _, id := range c.Met {
			v.Add("met."+s.Code, strconv.FormatInt(id, 10))
		}
		v.Set("url."+s.Code, c.URL)
		v.Set("system."+s.Code, c.System)
	}
	return v
}

func cellEvents(t testing.TB, a *testApp) int {
	t.Helper()
	_, n, err := a.store.ListEvents(context.Background(), audit.Filter{Entity: "service_cell", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEServicePageForm(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			ctx := context.Background()
			editor := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
			setLevel(t, a.store, "0899", "SOC-001", 2)
			setLevel(t, a.store, "0899", "SOC-002", 1)
			page := a.URL + "/municipalities/0899/eservices/edit"

			s, body := get(t, editor, page)
			if s != http.StatusOK {
				t.Fatalf("form: %d", s)
			}
			// Grouped by area, every row with its stored values.
			mustContain(t, "form", body, "Sotsiaalhoolekanne", `name="offering.SOC-001"`, `name="version.SOC-001" value="1"`,
				`<option value="offered" selected>`, `name="met.SOC-001"`, `name="offering.EDU-001"`, "Kinnita valdkond")
			if strings.Index(body, "SOC-001") > strings.Index(body, "SOC-002") {
				t.Error("rows out of catalogue order")
			}

			// Two rows change, the rest is posted as it was: two events, no other version moves.
			events := cellEvents(t, a)
			v := pageFormValues(t, a, "0899")
			v.Set("url.SOC-001", "https://www.viljandivald.ee/sunnitoetus")
			v.Set("offering.EDU-001", "not_applicable")
			if s, body := postForm(t, editor, page, v); s != http.StatusSeeOther {
				t.Fatalf("save: %d\n%.500s", s, body)
			}
			if got := cellEvents(t, a); got != events+2 {
				t.Errorf("audit events: %d new, want 2", got-events)
			}
			c1, _ := a.store.Cell(ctx, "0899", "SOC-001")
			c2, _ := a.store.Cell(ctx, "0899", "SOC-002")
			e1, _ := a.store.Cell(ctx, "0899", "EDU-001")
			if c1.Version != 2 || c1.URL != "https://www.viljandivald.ee/sunnitoetus" || c1.Level != 2 || c2.Version != 1 || e1.Version != 1 || e1.Offering != eservice.NotApplicable {
				t.Errorf("after save: %+v %+v %+v", c1, c2, e1)
			}
			// Posting the form unchanged writes nothing.
			events = cellEvents(t, a)
			if s, _ := postForm(t, editor, page, pageFormValues(t, a, "0899")); s != http.StatusSeeOther || cellEvents(t, a) != events {
				t.Errorf("unchanged save: %d, %d events", s, cellEvents(t, a)-events)
			}

			// A stale row is refused by name; nothing is saved, not even the good row, and
			// what was typed is on the page again.
			v = pageFormValues(t, a, "0899")
			v.Set("version.SOC-001", "1")
			v.Set("system.SOC-001", "Vana süsteem")
			v.Set("system.SOC-002", "Uus süsteem")
			s, body = postForm(t, editor, page, v)
			if s != http.StatusConflict {
				t.Fatalf("stale save: %d", s)
			}
			mustContain(t, "stale form", body, "Sünnitoetus (KOV)", `value="Vana süsteem"`, `value="Uus süsteem"`, `name="version.SOC-001" value="2"`, `class="stale"`)
			if c, _ := a.store.Cell(ctx, "0899", "SOC-002"); c.System != "" || c.Version != 1 {
				t.Errorf("stale save kept a row: %+v", c)
			}
			if got := cellEvents(t, a); got != events {
				t.Errorf("stale save wrote %d events", got-events)
			}
			// A row read unfilled and left so does not clash with someone filling it meanwhile.
			v = pageFormValues(t, a, "0899")
			setLevel(t, a.store, "0899", "SOC-005", 1)
			v.Set("system.SOC-002", "Uus süsteem")
			if s, body := postForm(t, editor, page, v); s != http.StatusSeeOther {
				t.Errorf("save beside a row filled meanwhile: %d\n%.300s", s, body)
			}
			if c, _ := a.store.Cell(ctx, "0899", "SOC-005"); c.Version != 1 || c.Offering != eservice.Offered {
				t.Errorf("a row left empty changed the cell filled meanwhile: %+v", c)
			}
			// A bad value is refused at its row.
			v = pageFormValues(t, a, "0899")
			v.Set("url.SOC-002", "viljandi")
			s, body = postForm(t, editor, page, v)
			if s != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-SOC-002.url"`) || !strings.Contains(body, `value="viljandi"`) {
				t.Errorf("invalid save: %d", s)
			}

			// Confirming the area unchanged moves confirmed_at only.
			// (Half an hour on: a later clock would end the editor's session.)
			a.store.Now = func() time.Time { return time.Now().Add(30 * time.Minute) }
			before, _ := a.store.Cell(ctx, "0899", "SOC-001")
			edu, _ := a.store.Cell(ctx, "0899", "EDU-001")
			if s, _ := postForm(t, editor, a.URL+"/municipalities/0899/eservices/confirm", url.Values{"area": {"Sotsiaalhoolekanne"}}); s != http.StatusSeeOther {
				t.Fatalf("confirm: %d", s)
			}
			after, _ := a.store.Cell(ctx, "0899", "SOC-001")
			if after.ConfirmedAt == nil || before.ConfirmedAt == nil || !after.ConfirmedAt.After(before.ConfirmedAt.Add(29*time.Minute)) {
				t.Errorf("confirmed_at %v → %v", before.ConfirmedAt, after.ConfirmedAt)
			}
			after.ConfirmedAt = before.ConfirmedAt
			if after.Version != before.Version || !after.UpdatedAt.Equal(before.UpdatedAt) || after.Verification != before.Verification || after.Level != before.Level {
				t.Errorf("confirm changed the cell: %+v → %+v", before, after)
			}
			if e, _ := a.store.Cell(ctx, "0899", "EDU-001"); e.ConfirmedAt == nil || !e.ConfirmedAt.Equal(*edu.ConfirmedAt) {
				t.Errorf("another area was confirmed: %v", e.ConfirmedAt)
			}
			if s, _ := postForm(t, editor, a.URL+"/municipalities/0899/eservices/confirm", url.Values{"area": {"Pole olemas"}}); s != http.StatusUnprocessableEntity {
				t.Errorf("unknown area: %d", s)
			}

			// Who may not: another municipality's editor, a reader, the public. Nothing changes.
			other := a.as(t, a.user(t, "juku@tartu.test", auth.RoleEditor, "0793"))
			reader := a.as(t, a.user(t, "lugeja@min.test", auth.RoleReader, ""))
			for _, c := range []struct {
				name   string
				client *http.Client
				want   int
				read   int // a page asked for without signing in leads to the sign-in
			}{{"other editor", other, 403, 403}, {"reader", reader, 403, 403}, {"public", a.client(t), 401, 303}} {
				events := cellEvents(t, a)
				if s, _ := get(t, c.client, page); s != c.read {
					t.Errorf("%s GET: %d, want %d", c.name, s, c.read)
				}
				v := pageFormValues(t, a, "0899")
				v.Set("system.SOC-002", "Mallory")
				if s, _ := postForm(t, c.client, page, v); s != c.want {
					t.Errorf("%s save: %d, want %d", c.name, s, c.want)
				}
				if s, _ := postForm(t, c.client, a.URL+"/municipalities/0899/eservices/confirm", url.Values{"area": {"Sotsiaalhoolekanne"}}); s != c.want {
					t.Errorf("%s confirm: %d, want %d", c.name, s, c.want)
				}
				if cellEvents(t, a) != events {
					t.Errorf("%s changed cells", c.name)
				}
			}
		})
	}
}

// Saving a cell with "next unfilled" opens the municipality's next service never filled in.
func TestEServiceCellNextUnfilled(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			editor := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
			setLevel(t, a.store, "0899", "SOC-002", 1)
			res := func(code string, v url.Values) string {
				t.Helper()
				res, err := editor.PostForm(a.URL+"/eservices/0899/"+code, v)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("save %s: %d", code, res.StatusCode)
				}
				return res.Header.Get("Location")
			}
			// SOC-002 is filled, so the one after SOC-001 is SOC-003.
			if got := res("SOC-001", url.Values{"offering": {"not_offered"}, "version": {"0"}, "then": {"next"}}); got != "/eservices/0899/SOC-003" {
				t.Errorf("next after SOC-001: %q", got)
			}
			// Without it the save returns to the same cell, as before.
			if got := res("SOC-003", url.Values{"offering": {"not_offered"}, "version": {"0"}}); got != "/eservices/0899/SOC-003" {
				t.Errorf("plain save: %q", got)
			}
		})
	}
}
