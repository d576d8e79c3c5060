package main

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/refdata"
)

var waitingBadge = regexp.MustCompile(`<span class="badge">(\d+) ootab</span>`)

// navWaiting is the count beside the desk in the navigation of the page at u, 0 when the
// badge is absent.
func navWaiting(t *testing.T, body string) int {
	t.Helper()
	m := waitingBadge.FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// The navigation's count beside the desk includes the advice items to act on: a
// coordinator's late questions (not those within their target), an editor's questions
// asked back and rounds awaiting the municipality's response, until it responds.
func TestDeskWaitingCountsAdvice(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		leadUser := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
		if _, err := a.store.SetLead(ctx, leadUser.ID, true); err != nil {
			t.Fatal(err)
		}
		coord, lead := a.as(t, coordUser), a.as(t, leadUser)
		_, b := get(t, coord, a.URL+"/")
		coordBase := navWaiting(t, b)
		_, b = get(t, lead, a.URL+"/")
		leadBase := navWaiting(t, b)

		cal, err := refdata.Calendar()
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		var asked []advice.Inquiry
		for _, ago := range []int{1, 4, 8} {
			at := cal.SubWorkdays(advice.Day(now, kovit.Estonia), ago)
			a.store.Now = func() time.Time { return time.Date(at.Year(), at.Month(), at.Day(), 10, 0, 0, 0, kovit.Estonia) }
			q, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicSecurity, Subject: "Küsimus " + strconv.Itoa(ago), Question: "Kas?"})
			if err != nil {
				t.Fatal(err)
			}
			asked = append(asked, q)
		}
		a.store.Now = time.Now
		if _, b := get(t, coord, a.URL+"/"); navWaiting(t, b) != coordBase+2 {
			t.Errorf("coordinator's count %d, want %d (two late questions)", navWaiting(t, b), coordBase+2)
		}
		if _, b := get(t, lead, a.URL+"/"); navWaiting(t, b) != leadBase {
			t.Errorf("editor's count %d before anything is asked of them, want %d", navWaiting(t, b), leadBase)
		}
		q, err := a.store.MoveInquiry(ctx, asked[0].ID, advice.Move{To: advice.InProgress, Version: asked[0].Version})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Waiting, Note: "Millist süsteemi kasutate?", Version: q.Version}); err != nil {
			t.Fatal(err)
		}
		r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Kohaliku omavalitsuse korralduse seaduse muutmise seadus",
			Ministry: "Regionaal- ja Põllumajandusministeerium", ReceivedOn: now.Format(time.DateOnly), MinistryDeadline: now.AddDate(0, 1, 0).Format(time.DateOnly),
			InternalDeadline: now.AddDate(0, 0, 20).Format(time.DateOnly), Public: true, Recipients: []string{"0793"},
			Sections: []advice.Section{{Heading: "§ 1"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, b := get(t, lead, a.URL+"/"); navWaiting(t, b) != leadBase+2 {
			t.Errorf("editor's count %d, want %d (a question asked back, a round to respond to)", navWaiting(t, b), leadBase+2)
		}
		if _, err := a.store.Respond(auth.WithUser(context.Background(), &leadUser), r.ID, "0793", advice.ResponseInput{NoComments: true}); err != nil {
			t.Fatal(err)
		}
		if _, b := get(t, lead, a.URL+"/"); navWaiting(t, b) != leadBase+1 {
			t.Errorf("editor's count %d after responding, want %d", navWaiting(t, b), leadBase+1)
		}
	})
}
