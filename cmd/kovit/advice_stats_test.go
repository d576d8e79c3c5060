package main

import (
	"strings"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/kovit"
)

// The statistics export gives, per year and topic and for each year in all, how many
// questions were asked and answered, the median working days to a first answer and the
// share on time, from questions stored over two years.
func TestInquiryStatsByTopicAndYear(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		day := func(s string) func() time.Time {
			d, _ := time.ParseInLocation(time.DateOnly, s, kovit.Estonia)
			return func() time.Time { return d.Add(10 * time.Hour) }
		}
		ask := func(topic advice.Topic, asked, answered string) {
			a.store.Now = day(asked)
			q, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: topic, Subject: "Küsimus " + asked, Question: "?"})
			if err != nil {
				t.Fatal(err)
			}
			if answered == "" {
				return
			}
			a.store.Now = day(answered)
			if _, err := a.store.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Answered, Answer: "Vastus.", Version: q.Version}); err != nil {
				t.Fatal(err)
			}
		}
		ask(advice.TopicSecurity, "2026-03-02", "2026-03-04") // 2 working days, within security's 3
		ask(advice.TopicSecurity, "2026-03-02", "2026-03-09") // 5, late
		ask(advice.TopicLaw, "2026-03-02", "2026-03-03")      // 1
		ask(advice.TopicLaw, "2026-03-05", "")                // not answered yet
		ask(advice.TopicLaw, "2025-12-22", "2026-01-05")      // asked in 2025: 6 over the Christmas holidays, within law's 10
		a.store.Now = time.Now
		st, csv := get(t, a.as(t, coordUser), a.URL+"/inquiries/stats.csv")
		if st != 200 {
			t.Fatalf("stats: %d", st)
		}
		for _, want := range []string{"2026;law;2;1;1;1;1", "2026;security;2;2;3,5;1;0,5", "2026;kokku;4;3;2;2;", "2025;law;1;1;6;1;1", "2025;kokku;1;1;6;1;1"} {
			if !strings.Contains(csv, want) {
				t.Errorf("stats lack %q:\n%s", want, csv)
			}
		}
	})
}
