package advice_test

import (
	"reflect"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/kovit"
)

func TestAnonymise(t *testing.T) {
	names := []string{"Tartu linn", "Tartu"}
	for in, want := range map[string]string{
		"Tartu linna arhiiv küsib":        "[KOV] arhiiv küsib",
		"Tartus ja Tartu linnas on kaks.": "[KOV] ja [KOV] on kaks.",
		"Tartumaa":                        "[KOV]",
		"Elva vald":                       "Elva vald",
	} {
		if got := advice.Anonymise(in, names); got != want {
			t.Errorf("Anonymise(%q) = %q, want %q", in, got, want)
		}
	}
	q := advice.Inquiry{ID: 7, Subject: "Tartu dokumendiregister", Question: "Kas Tartu peab?", Answer: "Jah, Tartu linn peab.", Topic: advice.TopicLaw}
	e := advice.FromInquiry(q, names)
	if e.Title != "[KOV] dokumendiregister" || e.Answer != "Jah, [KOV] peab." || e.Visibility != advice.Draft || *e.InquiryID != 7 {
		t.Errorf("FromInquiry = %+v", e)
	}
	if e.Anonymous().InquiryID != nil {
		t.Error("Anonymous keeps the link to the question")
	}
}

func TestEntryValidate(t *testing.T) {
	e := advice.Entry{Title: "Register", Answer: "Vastus", Topic: advice.TopicLaw, Tags: []string{" KOKS  § 6", "koks § 6", "AvTS § 12"}}
	e.Normalize()
	if err := e.Validate(); err != nil || !reflect.DeepEqual(e.Tags, []string{"KOKS § 6", "AvTS § 12"}) || e.Visibility != advice.Draft {
		t.Fatalf("a good entry: %v %+v", err, e)
	}
	bad := advice.Entry{Visibility: "secret", ReviewedOn: "31.02.2026", Topic: "x"}
	got := map[string]bool{}
	for _, p := range kovit.FieldsOf(bad.Validate()) {
		got[p.Field] = true
	}
	for _, f := range []string{"title", "answer", "topic", "visibility", "reviewed_on"} {
		if !got[f] {
			t.Errorf("a bad entry: no problem with %s (%v)", f, got)
		}
	}
}

func TestSearchScore(t *testing.T) {
	e := advice.Entry{Title: "Dokumendiregistri avalikustamine", Question: "Kas teenuste andmed tuleb avalikustada?",
		Answer: "Jah, avaliku teabe seaduse järgi.", Tags: []string{"AvTS § 12"}}
	s := advice.Terms(e)
	for q, match := range map[string]bool{
		"dokumendiregister":        true, // another form of the title's word
		"teenusele":                true, // stem of teenuste
		"teenus dokumendiregister": true,
		"teenus eelarve":           false, // every word must match
		"avts § 12":                true,  // the whole tag
		"KOKS § 6":                 false, // neither the tag nor the word koks
		"":                         false,
	} {
		if got := s.Score(advice.Query(q)) > 0; got != match && q != "" {
			t.Errorf("%q matches %v, want %v", q, got, match)
		}
	}
	if s.Score(advice.Query("dokumendiregister")) <= s.Score(advice.Query("seaduse")) {
		t.Error("a word in the title does not rank above one in the body")
	}
}

// English is searched too: the same light stemming takes a plural's -s off.
func TestSearchEnglish(t *testing.T) {
	s := advice.Terms(advice.Entry{Title: "Publishing the document register", Answer: "Municipalities must publish their registers."})
	for q, match := range map[string]bool{"registers": true, "document registers": true, "municipality budget": false} {
		if got := s.Score(advice.Query(q)) > 0; got != match {
			t.Errorf("%q matches %v, want %v", q, got, match)
		}
	}
}

func TestCites(t *testing.T) {
	tags := []string{"KOKS § 6", "AvTS § 12", "RIHA: Kirjavahetuse register"}
	got := advice.Cites("Eelnõu muudab KOKS §6 lõiget 1 ja AvTS § 120.", tags)
	if !reflect.DeepEqual(got, []string{"KOKS § 6"}) {
		t.Errorf("Cites = %v, want KOKS § 6 only (§ 120 is not § 12)", got)
	}
}
