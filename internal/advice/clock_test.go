package advice_test

import (
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/kovit"
)

// at is noon of an Estonian day.
func at(s string) time.Time {
	d := day(s)
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, kovit.Estonia)
}

func TestClockOverHolidaysAndAPause(t *testing.T) {
	c := calendar(t)
	// A systems question (target 5) asked on Wednesday before Easter 2026.
	q := advice.Inquiry{Topic: advice.TopicSystems, State: advice.New, AskedAt: at("2026-04-01")}
	cl := c.Clock(q, at("2026-04-06"))
	if cl.Used != 2 || cl.Due.Format(time.DateOnly) != "2026-04-09" || cl.Late {
		t.Errorf("on Easter Monday: %+v, want 2 used (Thursday, Monday), due Thursday 9.4", cl)
	}
	// Asked back on Tuesday 7.4, the municipality replies on Friday 10.4.
	q = q.Apply(advice.Move{To: advice.Waiting, Note: "Mis süsteem?"}, at("2026-04-07"))
	if cl := c.Clock(q, at("2026-04-09")); cl.Used != 3 || cl.Running || !cl.Due.IsZero() {
		t.Errorf("while waiting: %+v, want 3 used and stopped", cl)
	}
	q = q.Apply(advice.Move{To: advice.InProgress}, at("2026-04-10"))
	cl = c.Clock(q, at("2026-04-13"))
	if cl.Used != 4 || cl.Due.Format(time.DateOnly) != "2026-04-14" {
		t.Errorf("after the reply: %+v, want 4 used (the pause 8.–10.4 skipped), due 14.4", cl)
	}
	if cl := c.Clock(q, at("2026-04-15")); !cl.Late || cl.VeryLate || cl.Used != 6 {
		t.Errorf("a day past the target: %+v, want late", cl)
	}
	if cl := c.Clock(q, at("2026-04-22")); !cl.VeryLate {
		t.Errorf("more than twice the target: %+v, want very late", cl)
	}
	q = q.Apply(advice.Move{To: advice.Answered, Answer: "Vastus"}, at("2026-04-14"))
	if d, ok := c.AnswerDays(q); !ok || d != 5 {
		t.Errorf("answered on the due day: %d %v, want 5", d, ok)
	}
	// Reopened a week later and answered again: the statistics keep the first answer.
	q = q.Apply(advice.Move{To: advice.InProgress, Note: "Ei aidanud"}, at("2026-04-21"))
	q = q.Apply(advice.Move{To: advice.Answered, Answer: "Parem vastus"}, at("2026-04-23"))
	if d, _ := c.AnswerDays(q); d != 5 || len(q.Pauses) != 2 {
		t.Errorf("after reopening: %d days, %d pauses; want 5 and 2", d, len(q.Pauses))
	}
	if cl := c.Clock(q, at("2026-05-20")); cl.Used != 7 || cl.Running {
		t.Errorf("answered twice: %+v, want 7 used (5, then 22.–23.4) and stopped", cl)
	}
}

func TestMoves(t *testing.T) {
	tests := []struct {
		from   advice.State
		m      advice.Move
		ok     bool
		muni   bool
		fields string
	}{
		{advice.New, advice.Move{To: advice.InProgress}, true, false, ""},
		{advice.New, advice.Move{To: advice.Answered}, false, false, "answer"},
		{advice.New, advice.Move{To: advice.Waiting}, false, false, "note"},
		{advice.New, advice.Move{To: advice.Closed}, false, false, "to"},
		{advice.Waiting, advice.Move{To: advice.InProgress, Note: "Lisasin"}, true, true, ""},
		{advice.Answered, advice.Move{To: advice.Closed}, true, true, ""},
		{advice.Answered, advice.Move{To: advice.InProgress, Note: "Ei sobi"}, true, true, ""},
		{advice.Closed, advice.Move{To: advice.InProgress}, true, true, ""},
		{advice.Closed, advice.Move{To: "lost"}, false, false, "to"},
		{advice.InProgress, advice.Move{To: advice.Answered, Answer: "Jah"}, true, false, ""},
	}
	for _, tt := range tests {
		err := tt.m.Check(tt.from)
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s: %v, want ok %v", tt.from, tt.m.To, err, tt.ok)
		}
		if err != nil && kovit.FieldsOf(err)[0].Field != tt.fields {
			t.Errorf("%s → %s names %v, want %s", tt.from, tt.m.To, kovit.FieldsOf(err), tt.fields)
		}
		if got := tt.m.ByMunicipality(tt.from); tt.ok && got != tt.muni {
			t.Errorf("%s → %s by the municipality: %v, want %v", tt.from, tt.m.To, got, tt.muni)
		}
	}
}

func TestInquiryValidate(t *testing.T) {
	q := advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: " Kas? ", Question: "Küsimus",
		Links: []string{"https://www.riigiteataja.ee/akt/1", " https://www.riigiteataja.ee/akt/1", ""}}
	q.Normalize()
	if err := q.Validate(); err != nil || len(q.Links) != 1 || q.Subject != "Kas?" || q.State != advice.New {
		t.Fatalf("a good question: %v %+v", err, q)
	}
	bad := advice.Inquiry{MunicipalityEHAK: "x", Topic: "weather", Links: []string{"javascript:alert(1)"}}
	bad.Normalize()
	got := map[string]bool{}
	for _, p := range kovit.FieldsOf(bad.Validate()) {
		got[p.Field] = true
	}
	for _, f := range []string{"municipality_ehak", "topic", "subject", "question", "links"} {
		if !got[f] {
			t.Errorf("a bad question: no problem with %s (%v)", f, got)
		}
	}
}

func TestStatistics(t *testing.T) {
	c := calendar(t)
	answered := func(topic advice.Topic, asked, answered string) advice.Inquiry {
		q := advice.Inquiry{Topic: topic, State: advice.New, AskedAt: at(asked)}
		return q.Apply(advice.Move{To: advice.Answered, Answer: "x"}, at(answered))
	}
	qs := []advice.Inquiry{
		answered(advice.TopicSecurity, "2026-03-02", "2026-03-04"), // 2 days, on time (3)
		answered(advice.TopicSecurity, "2026-03-02", "2026-03-09"), // 5 days, late
		answered(advice.TopicLaw, "2026-03-02", "2026-03-03"),      // 1 day
		{Topic: advice.TopicLaw, State: advice.New, AskedAt: at("2026-03-05")},
		answered(advice.TopicLaw, "2025-12-22", "2026-01-05"), // asked in 2025: 6 days over Christmas (24.–26.12 and 1.1 are holidays)
	}
	st := c.Statistics(qs)
	if len(st) != 5 {
		t.Fatalf("got %d rows: %+v", len(st), st)
	}
	law26, sec26, all26, law25 := st[0], st[1], st[2], st[3]
	if law26.Year != 2026 || law26.Topic != advice.TopicLaw || law26.Asked != 2 || law26.Answered != 1 || *law26.Median != 1 {
		t.Errorf("law 2026: %+v", law26)
	}
	if sec26.Topic != advice.TopicSecurity || *sec26.Median != 3.5 || sec26.OnTime != 1 || *sec26.Share != 0.5 {
		t.Errorf("security 2026: %+v (median of 2 and 5 is 3.5, half on time)", sec26)
	}
	if all26.Topic != "" || all26.Asked != 4 || all26.Answered != 3 || *all26.Median != 2 || all26.OnTime != 2 {
		t.Errorf("2026 in all: %+v", all26)
	}
	if law25.Year != 2025 || *law25.Median != 6 {
		t.Errorf("2025: %+v median %v", law25, *law25.Median)
	}
	if st := c.Statistics([]advice.Inquiry{{Topic: advice.TopicLaw, AskedAt: at("2026-01-05"), State: advice.New}}); st[0].Median != nil || st[0].Share != nil {
		t.Errorf("no answers yet: %+v, want no median or share", st[0])
	}
}
