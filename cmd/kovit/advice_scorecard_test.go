package main

import (
	"regexp"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// The rounds page's scorecard counts, per ministry, the working days each round gave
// against the 15 the good-practice rules ask (a deadline over Good Friday gives 14, too
// short), their median, and the share of answered points accepted in full or in part.
func TestScorecardPage(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		_, ctx := asCoordinator(t, a)
		open := func(ministry, received, deadline string) advice.Round {
			r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Eelnõu " + received, Ministry: ministry, ReceivedOn: received,
				MinistryDeadline: deadline, InternalDeadline: deadline, Public: true, Sections: []advice.Section{{Heading: "§ 1"}}})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		short := open("Regionaal- ja Põllumajandusministeerium", "2026-03-20", "2026-04-10") // 14 working days over Good Friday
		open("Regionaal- ja Põllumajandusministeerium", "2026-05-04", "2026-05-29")          // 19 working days
		open("Majandus- ja Kommunikatsiooniministeerium", "2026-05-04", "2026-05-26")        // 16 working days
		for _, text := range []string{"Rahastus", "Jõustumine", "Andmevahetus"} {
			if _, err := a.store.AddPoint(ctx, advice.Point{RoundID: short.ID, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.store.ImportDispositions(ctx, short.ID, []advice.DispositionRow{{Number: 1, Disposition: advice.Accepted},
			{Number: 2, Disposition: advice.NotAccepted, Reason: "Ei."}, {Number: 3, Disposition: advice.PartlyAccepted, Reason: "Osaliselt."}}); err != nil {
			t.Fatal(err)
		}
		_, body := get(t, a.as(t, a.user(t, "reader@ministry.test", auth.RoleReader, "")), a.URL+"/comment-rounds")
		if !strings.Contains(body, "vähemalt 15 tööpäeva") {
			t.Error("the scorecard does not say the 15 working days it counts against")
		}
		rows := map[string]string{}
		for _, m := range regexp.MustCompile(`(?s)<tr><th scope="row">([^<]+)</th>(.*?)</tr>`).FindAllStringSubmatch(body, -1) {
			rows[m[1]] = strings.Join(strings.Fields(regexp.MustCompile(`<td class="num">([^<]*)</td>`).ReplaceAllString(m[2], "$1|")), "")
		}
		for ministry, want := range map[string]string{
			"Regionaal- ja Põllumajandusministeerium":   "2|1|16,5|3|67%|", // rounds, too short, median days, points answered, accepted
			"Majandus- ja Kommunikatsiooniministeerium": "1|0|16,0|0|–|",
		} {
			if got := rows[ministry]; !strings.HasPrefix(got, want) {
				t.Errorf("%s: %q, want %q", ministry, got, want)
			}
		}
	})
}
