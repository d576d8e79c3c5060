package consult

import (
	"reflect"
	"testing"

	"kovit/internal/kovit"
)

func TestMoveCheck(t *testing.T) {
	dated := Consultation{Phase: Draft, OpensOn: "2026-12-01", ClosesOn: "2026-12-31"}
	undated := Consultation{Phase: Draft}
	closed := Consultation{Phase: Closed, OpensOn: "2026-12-01", ClosesOn: "2026-12-31"}
	for _, c := range []struct {
		name       string
		c          Consultation
		m          Move
		undisposed int
		want       kovit.Code
		field      string
	}{
		{"open a dated draft", dated, Move{To: Open}, 0, "", ""},
		{"open without dates", undated, Move{To: Open}, 0, kovit.EInvalid, "opens_on"},
		{"skip to concluded", dated, Move{To: Concluded, Outcome: "x"}, 0, kovit.EConflict, ""},
		{"unknown phase", dated, Move{To: "gone"}, 0, kovit.EInvalid, "to"},
		{"reopen", closed, Move{To: Open}, 0, "", ""},
		{"conclude without outcome", closed, Move{To: Concluded}, 0, kovit.EInvalid, "outcome"},
		{"conclude with undisposed comments", closed, Move{To: Concluded, Outcome: "Vastu võetud"}, 2, kovit.EConflict, ""},
		{"conclude", closed, Move{To: Concluded, Outcome: "Vastu võetud"}, 0, "", ""},
		{"concluded is final", Consultation{Phase: Concluded}, Move{To: Open}, 0, kovit.EConflict, ""},
	} {
		err := c.m.Check(c.c, c.undisposed)
		if kovit.ErrorCode(err) != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.field != "" && !kovit.FieldsOf(err).Has(c.field) {
			t.Errorf("%s: %v does not name %s", c.name, err, c.field)
		}
	}
}

func TestConsultationValidate(t *testing.T) {
	for _, c := range []struct {
		c     Consultation
		field string
	}{
		{Consultation{}, "title"},
		{Consultation{Title: "x", OpensOn: "2026-13-01"}, "opens_on"},
		{Consultation{Title: "x", OpensOn: "2026-12-10", ClosesOn: "2026-12-01"}, "closes_on"},
		{Consultation{Title: "x", Phase: "gone"}, "phase"},
	} {
		if !kovit.FieldsOf(c.c.Validate()).Has(c.field) {
			t.Errorf("%+v: %v does not name %s", c.c, c.c.Validate(), c.field)
		}
	}
	if err := (Consultation{Title: "IKT strateegia 2030", OpensOn: "2026-12-01", ClosesOn: "2026-12-01"}).Validate(); err != nil {
		t.Error(err)
	}
}

func TestTakes(t *testing.T) {
	c := Consultation{Phase: Open, OpensOn: "2026-12-01", ClosesOn: "2026-12-31"}
	for day, want := range map[string]bool{"2026-11-30": false, "2026-12-01": true, "2026-12-31": true, "2027-01-01": false} {
		if c.Takes(day) != want {
			t.Errorf("%s: %v", day, !want)
		}
	}
	c.Phase = Closed
	if c.Takes("2026-12-10") {
		t.Error("a closed consultation takes comments")
	}
}

func TestParseTextAndBack(t *testing.T) {
	s, err := ParseText("\r\n# Eesmärk\r\nÜhised e-teenused.\n\n# Tegevused\nRakendame X.\nJa Y.\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Section{{Heading: "Eesmärk", Body: "Ühised e-teenused."}, {Heading: "Tegevused", Body: "Rakendame X.\nJa Y."}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("%+v", s)
	}
	again, err := ParseText(Text(s))
	if err != nil || !reflect.DeepEqual(again, s) {
		t.Errorf("round trip: %+v %v", again, err)
	}
	if _, err := ParseText("sissejuhatus\n# Eesmärk"); !kovit.FieldsOf(err).Has("text") {
		t.Errorf("text before a heading: %v", err)
	}
}

func TestKeyedFollowsHeadings(t *testing.T) {
	v1 := Keyed([]Section{{Heading: "Eesmärk"}, {Heading: "Tegevused"}}, nil, nil)
	if v1[0].Key != "1" || v1[1].Key != "2" {
		t.Fatalf("%+v", v1)
	}
	// Tegevused stays 2 though moved; Eesmärk was removed; a new section never reuses 1.
	v2 := Keyed([]Section{{Heading: "Mõõdikud"}, {Heading: " tegevused "}}, v1, []string{"1", "2"})
	if v2[0].Key != "3" || v2[1].Key != "2" {
		t.Errorf("%+v", v2)
	}
	if err := (DocVersion{Sections: v2}).Validate(); err != nil {
		t.Error(err)
	}
	if err := (DocVersion{Sections: []Section{{Key: "1", Heading: "a"}, {Key: "1", Heading: "b"}}}).Validate(); !kovit.FieldsOf(err).Has("sections[1].key") {
		t.Errorf("duplicate keys: %v", err)
	}
}

func TestDiff(t *testing.T) {
	older := DocVersion{Sections: []Section{{Key: "1", Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."},
		{Key: "2", Heading: "Tegevused", Body: "Arendame iseteeninduse."}}}
	newer := DocVersion{Sections: []Section{{Key: "2", Heading: "Tegevused", Body: "Arendame ühise iseteeninduse."},
		{Key: "3", Heading: "Mõõdikud", Body: "Rahulolu."}}}
	d := Diff(older, newer)
	if len(d) != 3 || d[0].Change != Changed || d[1].Change != Added || d[2].Change != Removed {
		t.Fatalf("%+v", d)
	}
	wantRight := []Span{{Text: "Arendame "}, {Text: "ühise ", Only: true}, {Text: "iseteeninduse."}}
	if !reflect.DeepEqual(d[0].Right, wantRight) || !reflect.DeepEqual(d[0].Left, []Span{{Text: "Arendame iseteeninduse."}}) {
		t.Errorf("left %+v right %+v", d[0].Left, d[0].Right)
	}
	if same := Diff(older, older); same[0].Change != Same || same[1].Change != Same {
		t.Errorf("%+v", same)
	}
}

func TestCommentValidate(t *testing.T) {
	v := DocVersion{Number: 1, Sections: []Section{{Key: "1", Heading: "Eesmärk", Body: "Kõik teenused  e-kanalis."}}}
	for _, c := range []struct {
		c     Comment
		field string
	}{
		{Comment{SectionKey: "1"}, "body"},
		{Comment{SectionKey: "9", Body: "x"}, "section"},
		{Comment{SectionKey: "1", Body: "x", Passage: "paberil"}, "passage"},
	} {
		if !kovit.FieldsOf(c.c.Validate(v)).Has(c.field) {
			t.Errorf("%+v: %v does not name %s", c.c, c.c.Validate(v), c.field)
		}
	}
	if err := (Comment{SectionKey: "1", Body: "Lisage paberil.", Passage: "teenused e-kanalis"}).Validate(v); err != nil {
		t.Errorf("a passage with other spacing: %v", err)
	}
}

func TestDispositionCheck(t *testing.T) {
	closed := Consultation{Phase: Closed}
	c := Comment{DocVersion: 1, Status: Published}
	two, one := 2, 1
	for _, x := range []struct {
		name string
		k    Consultation
		c    Comment
		d    Disposition
		want kovit.Code
	}{
		{"accepted into v2", closed, c, Disposition{Kind: Accepted, Reason: "Lisatud.", ChangedIn: &two}, ""},
		{"no reason", closed, c, Disposition{Kind: Partly}, kovit.EInvalid},
		{"changed in its own version", closed, c, Disposition{Kind: Accepted, Reason: "x", ChangedIn: &one}, kovit.EInvalid},
		{"changed in a version not yet there", closed, Comment{DocVersion: 1, Status: Published}, Disposition{Kind: Accepted, Reason: "x", ChangedIn: new(int)}, kovit.EInvalid},
		{"declined yet changed", closed, c, Disposition{Kind: Declined, Reason: "x", ChangedIn: &two}, kovit.EInvalid},
		{"unknown kind", closed, c, Disposition{Kind: "maybe", Reason: "x"}, kovit.EInvalid},
		{"pending comment", closed, Comment{Status: Pending}, Disposition{Kind: Accepted, Reason: "x"}, kovit.EConflict},
		{"concluded", Consultation{Phase: Concluded}, c, Disposition{Kind: Accepted, Reason: "x"}, kovit.EConflict},
	} {
		if got := kovit.ErrorCode(x.d.Check(x.k, x.c, 2)); got != x.want {
			t.Errorf("%s: %q, want %q", x.name, got, x.want)
		}
	}
}

func TestModerationCheck(t *testing.T) {
	pending := Comment{Status: Pending}
	if err := (Moderation{Publish: false}).Check(pending); !kovit.FieldsOf(err).Has("reason") {
		t.Errorf("reject without reason: %v", err)
	}
	if err := (Moderation{Publish: true}).Check(pending); err != nil {
		t.Error(err)
	}
	if err := (Moderation{Publish: true}).Check(Comment{Status: Published}); kovit.ErrorCode(err) != kovit.EConflict {
		t.Errorf("moderating a published comment: %v", err)
	}
}
