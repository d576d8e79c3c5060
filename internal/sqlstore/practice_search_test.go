package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestPracticeSearchWordForms: the library finds a practice by another form of its words
// (the needs module's stems), without Estonian letters, in part, and by a short word as
// written; a word it does not have finds nothing.
func TestPracticeSearchWordForms(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		p, err := s.CreatePractice(ctx, landscape.Practice{Title: "Volikogu istungite otseülekanne",
			Summary: "Istungid kantakse üle ja salvestised on dokumendiregistris.", Problem: "IT tugi puudus.",
			Municipalities: []string{"0793"}, Tags: []string{"e-demokraatia"}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreatePractice(ctx, landscape.Practice{Title: "Toetuste taotlemine iseteeninduses",
			Summary: "Taotlused ühes kohas.", Municipalities: []string{"0171"}})
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]int64{
			"volikogule":         {p.ID}, // allative of volikogu
			"volikogus istungil": {p.ID},
			"otseulekanne":       {p.ID}, // without õäöü
			"dokumendiregistri":  {p.ID},
			"toetustele":         {other.ID},
			"iseteenindus":       {other.ID},
			"taotl":              {other.ID}, // typed in part
			"IT":                 {p.ID},
			"volikogu toetused":  nil,
			"ehitusregister":     nil,
			"":                   {other.ID, p.ID},
		} {
			list, n, err := s.ListPractices(ctx, landscape.PracticeFilter{Query: q})
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			var got []int64
			for _, x := range list {
				got = append(got, x.ID)
			}
			if n != len(want) || len(got) != len(want) {
				t.Errorf("%q finds %v (%d), want %v", q, got, n, want)
				continue
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%q finds %v, want %v", q, got, want)
				}
			}
		}
	})
}

// TestPracticeSearchPages: a search answered from the kept stems finds what the first one
// did, pages the matches newest first with their whole texts, filters by status and tag, and
// follows an edit at once.
func TestPracticeSearchPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		var ids []int64
		for i, title := range []string{"Volikogu istungite otseülekanne", "Volikogu e-hääletus", "Volikogu dokumentide avalikustamine", "Toetuste taotlemine"} {
			p, err := s.CreatePractice(ctx, landscape.Practice{Title: title, Summary: "Kokkuvõte " + title, Municipalities: []string{"0793"},
				Tags: []string{[]string{"volikogu", "e-demokraatia"}[i%2]}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		search := func(f landscape.PracticeFilter) ([]int64, int) {
			t.Helper()
			if f.Limit == 0 {
				f.Limit = 50
			}
			list, n, err := s.ListPractices(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, p := range list {
				if p.Summary == "" || len(p.Municipalities) != 1 {
					t.Errorf("practice %d without its texts: %+v", p.ID, p)
				}
				got = append(got, p.ID)
			}
			return got, n
		}
		for round := range 2 { // the second round finds the stems kept
			if got, n := search(landscape.PracticeFilter{Query: "volikogu", Limit: 2}); n != 3 || !slices.Equal(got, []int64{ids[2], ids[1]}) {
				t.Errorf("round %d, first page: %v of %d", round, got, n)
			}
			if got, n := search(landscape.PracticeFilter{Query: "volikogu", Limit: 2, Offset: 2}); n != 3 || !slices.Equal(got, []int64{ids[0]}) {
				t.Errorf("round %d, second page: %v of %d", round, got, n)
			}
			if got, n := search(landscape.PracticeFilter{Query: "volikogu", Tag: "e-demokraatia"}); n != 1 || !slices.Equal(got, []int64{ids[1]}) {
				t.Errorf("round %d, by tag: %v of %d", round, got, n)
			}
			if got, _ := search(landscape.PracticeFilter{Query: "e volikogu"}); !slices.Equal(got, []int64{ids[2], ids[1], ids[0]}) {
				t.Errorf("round %d, with a short word: %v", round, got)
			}
			if got, n := search(landscape.PracticeFilter{Query: "volikogu", Statuses: []landscape.PracticeStatus{landscape.PracticePublished}}); n != 0 {
				t.Errorf("round %d, published only: %v", round, got)
			}
		}
		p, err := s.Practice(ctx, ids[3])
		if err != nil {
			t.Fatal(err)
		}
		p.Title = "Volikogu toetuste taotlemine"
		if _, err := s.UpdatePractice(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, n := search(landscape.PracticeFilter{Query: "volikogu", Limit: 1}); n != 4 || !slices.Equal(got, []int64{ids[3]}) {
			t.Errorf("after an edit: %v of %d", got, n)
		}
	})
}
