package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/need"
)

// TestDeskSuggestedDuplicates: two municipalities submit the same need in other words;
// the coordinator's desk queues the pair (page and API alike) until a decision takes it
// off: dismissed from the desk, or one marked a duplicate. A pair with a draft, and an
// unlike need, never show; nobody else's desk has the queue.
func TestDeskSuggestedDuplicates(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		submit := func(ehak, title, description string, submit bool) need.Need {
			t.Helper()
			n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: ehak, Title: title, Description: description, Category: need.CatRecords})
			if err != nil {
				t.Fatal(err)
			}
			if submit {
				if n, err = a.store.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
					t.Fatal(err)
				}
			}
			return n
		}
		tartu := submit("0793", "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist pilvelahendusega.", true)
		elva := submit("0171", "Dokumendihaldussüsteemi uuendamine", "Meie vana dokumendihaldussüsteem vajab asendamist.", true)
		submit("0784", "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist.", false) // a draft
		submit("0784", "Küberturbe koolitus töötajatele", "Töötajate infoturbe teadlikkuse tõstmine.", true)
		peipsi := submit("0586", "Videovalve uuendamine", "Valla hoonete videovalve kaamerad on vananenud ja vajavad uuendamist.", true)
		viljandi := submit("0899", "Videovalve uuendamine", "Valla hoonete videovalve kaamerad vajavad uuendamist.", true)

		c := a.as(t, coord)
		body, d := deskOf(t, a, c, "")
		var pairs []desk.Item
		for _, i := range d.Items {
			if i.Kind == desk.SuggestedDuplicate {
				pairs = append(pairs, i)
			}
		}
		if len(pairs) != 2 || d.Counts[desk.SuggestedDuplicate] != 2 {
			t.Fatalf("suggested duplicates %+v", pairs)
		}
		first := pairs[0]
		if first.Link != "/needs/"+itoa(tartu.ID)+"#similar-h" || first.Other == nil || first.Other.Link != "/needs/"+itoa(elva.ID) ||
			first.Other.MunicipalityEHAK != "0171" || first.Detail != elva.Title {
			t.Errorf("the records pair %+v %+v", first, first.Other)
		}
		dismiss := "/needs/" + itoa(tartu.ID) + "/suggestions/" + itoa(elva.ID) + "/dismiss"
		if first.Other.Dismiss != dismiss || !strings.Contains(body, `<form method="post" action="`+dismiss+`"`) ||
			!strings.Contains(body, "Võimalik topeltvajadus (2)") {
			t.Error("the desk page does not offer to dismiss the pair")
		}
		// A county filter keeps the pairs with a need of the county: Tartu maakond has
		// Tartu, Elva and Peipsiääre.
		if _, d := deskOf(t, a, c, "?county=0079"); d.Counts[desk.SuggestedDuplicate] != 2 {
			t.Errorf("Tartu county: %d", d.Counts[desk.SuggestedDuplicate])
		}
		if _, d := deskOf(t, a, c, "?county=0037"); d.Counts[desk.SuggestedDuplicate] != 0 {
			t.Errorf("Harju county: %d", d.Counts[desk.SuggestedDuplicate])
		}

		// Dismissed from the desk: back to the desk, and off the queue for good.
		s, _ := postForm(t, c, a.URL+dismiss, url.Values{"back": {"/desk"}})
		if s != http.StatusSeeOther {
			t.Fatalf("dismiss: %d", s)
		}
		if _, d := deskOf(t, a, c, ""); d.Counts[desk.SuggestedDuplicate] != 1 {
			t.Errorf("after dismissing: %+v", d.Counts)
		}
		// Marking one a duplicate of the other decides the other pair.
		if _, err := a.store.TransitionNeed(auth.WithUser(ctx, &coord), viljandi.ID, need.Transition{To: need.Duplicate, DuplicateOf: &peipsi.ID,
			Version: viljandi.Version}); err != nil {
			t.Fatal(err)
		}
		if _, d := deskOf(t, a, c, ""); d.Counts[desk.SuggestedDuplicate] != 0 {
			t.Errorf("after marking a duplicate: %+v", d.Counts)
		}

		// A reader or an editor has no such queue.
		for _, u := range []auth.User{a.user(t, "rein@min.test", auth.RoleReader, ""), a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")} {
			if _, d := deskOf(t, a, a.as(t, u), ""); d.Counts[desk.SuggestedDuplicate] != 0 {
				t.Errorf("%s's desk has suggested duplicates", u.Email)
			}
		}
	})
}
