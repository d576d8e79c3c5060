package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// TestLandscapeAdvisory: the advisory for one solution and a range of its versions lists
// exactly the municipalities that run those versions, exports them, goes as a notification
// to exactly their editors, and each marks it handled for its own municipality only.
func TestLandscapeAdvisory(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		cctx := auth.WithUser(ctx, &coordUser)
		volis := volisInThree(t, a, cctx)
		if _, err := a.store.CreateRow(cctx, landscape.Row{MunicipalityEHAK: "0303", SolutionID: volis.ID, SoftwareVersion: "2.0", Status: landscape.Stopped}); err != nil {
			t.Fatal(err)
		}
		elvaUser, tartuUser, tallinnUser := a.user(t, "it@elva.test", auth.RoleEditor, "0171"), a.user(t, "it@tartu.test", auth.RoleEditor, "0793"), a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
		coord, elva, tartu := a.as(t, coordUser), a.as(t, elvaUser), a.as(t, tartuUser)

		q := "?solution=" + itoa(volis.ID) + "&from=2.0&to=2.5"
		st, body := get(t, tartu, a.URL+"/advisories"+q)
		if st != http.StatusOK || !strings.Contains(body, "Elva vald") || !strings.Contains(body, "Tartu linn") || strings.Contains(body, ">Tallinn<") || strings.Contains(body, "Kihnu vald") {
			t.Errorf("the advisory's municipalities: %d", st)
		}
		_, csv := get(t, tartu, a.URL+"/advisories.csv"+q)
		if lines := strings.Count(strings.TrimSpace(csv), "\n"); lines != 2 || !strings.Contains(csv, "0171") || !strings.Contains(csv, "0793") {
			t.Errorf("the advisory's export:\n%s", csv)
		}
		if st, _ := get(t, a.client(t), a.URL+"/advisories"+q); st != http.StatusSeeOther {
			t.Errorf("the public asks for an advisory: %d", st)
		}

		form := url.Values{"solution": {itoa(volis.ID)}, "from": {"2.0"}, "to": {"2.5"}, "title": {"Uuendage VOLIS"}, "message": {"Uuendage 3.x peale."}}
		if st, _ := postForm(t, tartu, a.URL+"/advisories", form); st != http.StatusForbidden {
			t.Errorf("an editor sends an advisory: %d", st)
		}
		if st, body := postForm(t, coord, a.URL+"/advisories", form); st != http.StatusSeeOther {
			t.Fatalf("send: %d %.300s", st, body)
		}
		sent, err := a.store.ListAdvisories(ctx)
		if err != nil || len(sent) != 1 || len(sent[0].Recipients) != 2 {
			t.Fatalf("sent: %+v %v", sent, err)
		}
		id := itoa(sent[0].ID)
		for u, want := range map[*auth.User]int{&elvaUser: 1, &tartuUser: 1, &tallinnUser: 0} {
			_, _, unread, err := a.store.Notifications(ctx, u.ID, 10, 0)
			if err != nil || unread != want {
				t.Errorf("%s: %d notifications, want %d (%v)", u.Email, unread, want, err)
			}
		}
		if st, _ := postForm(t, tartu, a.URL+"/advisories/"+id+"/handled/0171", nil); st != http.StatusForbidden {
			t.Errorf("Tartu marks Elva's handled: %d", st)
		}
		if st, _ := postForm(t, elva, a.URL+"/advisories/"+id+"/handled/0171", nil); st != http.StatusSeeOther {
			t.Errorf("Elva marks its own handled: %d", st)
		}
		st, body = get(t, coord, a.URL+"/advisories/"+id)
		if st != http.StatusOK || !strings.Contains(body, "1 / 2") || !strings.Contains(body, "it@elva.test") {
			t.Errorf("the coordinator follows the advisory: %d", st)
		}
	})
}
