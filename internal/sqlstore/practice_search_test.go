package sqlstore_test

import (
	"context"
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
