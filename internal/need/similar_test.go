package need

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSimilarFindsTheSameNeedInOtherWords(t *testing.T) {
	x := NewIndex([]Doc{
		{1, "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist pilvelahendusega."},
		{2, "DOKUMENDIHALDUSSUSTEEMI UUENDAMINE", "Meie dokumendihaldussüsteemid on vananenud."},
		{3, "Küberturbe koolitus töötajatele", "Töötajate infoturbe teadlikkuse tõstmine."},
		{4, "Infoturbe koolitused", "Koolitus kõigile töötajatele küberturbest."},
		{5, "Uus veebileht", "Valla kodulehe uuendamine."},
	})
	got := x.Similar(1, 10, 0.1, nil)
	if len(got) == 0 || got[0].ID != 2 || got[0].Score < 0.5 {
		t.Errorf("similar to 1: %v, want 2 first with a high score", got)
	}
	got = x.Similar(3, 10, 0.1, nil)
	if len(got) == 0 || got[0].ID != 4 {
		t.Errorf("similar to 3: %v, want 4 first", got)
	}
	for _, m := range x.Similar(5, 10, 0, nil) {
		if m.Score > 0.3 {
			t.Errorf("unrelated need %d scores %.2f against the web site", m.ID, m.Score)
		}
	}
	if got := x.Similar(1, 10, 0.1, func(id int64) bool { return id == 2 }); len(got) > 0 && got[0].ID == 2 {
		t.Error("a skipped need was suggested")
	}
	if x.Similar(99, 10, 0, nil) != nil {
		t.Error("an unknown need has suggestions")
	}
}

func TestSimilarScoresAreBetweenZeroAndOne(t *testing.T) {
	x := NewIndex([]Doc{{1, "sama asi", "sama asi"}, {2, "sama asi", "sama asi"}})
	got := x.Similar(1, 10, 0, nil)
	if len(got) != 1 || got[0].Score != 1 {
		t.Errorf("identical needs: %v, want score 1", got)
	}
}

// syntheticDocs is n needs written from a small vocabulary, as 79 municipalities would
// write about the same few dozen topics.
func syntheticDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	topics := strings.Fields("dokumendihaldus veebileht infoturve koolitus andmekogu pilveteenus arveldus " +
		"kaardirakendus kodulehekülg registreerimine lasteaiajärjekord toetuste taotlemine parkimine ehitusregister " +
		"videovalve serverid tööjaamad võrguühendus varundamine e-post kalender digiallkiri avaandmed")
	words := strings.Fields("süsteemi uuendamine vajab asendamist kasutajatele lahendus valla linna teenuste " +
		"arendamine kaasajastamine hooldus liidestus x-tee andmete turvalisus ligipääsetavus mobiilne " +
		"elanikele ametnikele kiirem lihtsam ühtne riiklik koostöö hange")
	pick := func(list []string, k int) string {
		var b []string
		for range k {
			b = append(b, list[r.IntN(len(list))])
		}
		return strings.Join(b, " ")
	}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{int64(i + 1), pick(topics, 2) + " " + pick(words, 2), fmt.Sprintf("%s %s.", pick(words, 25), pick(topics, 3))}
	}
	return docs
}

func BenchmarkSimilar3000(b *testing.B) {
	x := NewIndex(syntheticDocs(3000))
	b.ResetTimer()
	for i := range b.N {
		x.Similar(int64(i%3000+1), 10, 0.2, nil)
	}
}

func BenchmarkNewIndex3000(b *testing.B) {
	docs := syntheticDocs(3000)
	b.ResetTimer()
	for range b.N {
		NewIndex(docs)
	}
}

func TestContains(t *testing.T) {
	x := NewIndex([]Doc{{1, "Teenuste arendamine", "Lasteaia järjekorra teenus"}, {2, "Veeb", ""}})
	if !x.Contains(1, Words("teenusele")) || !x.Contains(1, Words("lasteaia järjekorda")) {
		t.Error("need 1 does not contain its own words")
	}
	if x.Contains(2, Words("teenus")) || x.Contains(1, Words("koer")) || x.Contains(9, Words("veeb")) {
		t.Error("contains words it has not")
	}
}

func TestUpdateMatchesNewIndex(t *testing.T) {
	docs := syntheticDocs(300)
	x := NewIndex(docs)
	before := x.Similar(5, 5, 0.1, nil)
	changed := []Doc{{5, "dokumendihaldus süsteemi uuendamine", "uus tekst"}, {301, "dokumendihaldussüsteemi uuendamine", "täiesti uus vajadus"}}
	y := x.Update(changed, []int64{7})
	if got := x.Similar(5, 5, 0.1, nil); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("updating changed the old index: %v, was %v", got, before)
	}
	if y.Len() != 300 || len(y.Similar(7, 5, 0, nil)) != 0 || x.Len() != 300 {
		t.Errorf("lengths %d %d", y.Len(), x.Len())
	}
	full := NewIndex(append(slicesWithout(docs, 5, 7), changed...))
	got, want := y.Similar(301, 3, 0.1, nil), full.Similar(301, 3, 0.1, nil)
	if len(got) == 0 || got[0].ID != want[0].ID || got[0].ID != 5 {
		t.Errorf("after update %v, full build %v", got, want)
	}
	for _, m := range y.Similar(1, 300, 0, nil) {
		if m.ID == 7 {
			t.Error("a removed need is still suggested")
		}
	}
}

func slicesWithout(docs []Doc, ids ...int64) []Doc {
	var out []Doc
	for _, d := range docs {
		if !slices.Contains(ids, d.ID) {
			out = append(out, d)
		}
	}
	return out
}

func BenchmarkUpdate3000(b *testing.B) {
	x := NewIndex(syntheticDocs(3000))
	changed := []Doc{{17, "Uus pealkiri veebileht", "Muudetud kirjeldus dokumendihaldus"}, {3001, "Uus vajadus", "infoturve koolitus"}}
	b.ResetTimer()
	for range b.N {
		x.Update(changed, nil)
	}
}
