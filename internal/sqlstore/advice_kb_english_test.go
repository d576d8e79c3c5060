package sqlstore_test

import (
	"testing"

	"kovit/internal/advice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The knowledge base's one search finds an English entry by other forms of its English
// words, which the Estonian stemmer alone parts (request, requests), and an Estonian one
// by its Estonian forms, as before.
func TestSearchEntriesEnglish(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		en, err := s.CreateEntry(ctx, advice.Entry{Title: "Answering a request for information", Topic: advice.TopicLaw, Visibility: advice.Public,
			Question: "How fast must a municipality answer a request?", Answer: "The Public Information Act gives five working days."})
		if err != nil {
			t.Fatal(err)
		}
		et, err := s.CreateEntry(ctx, advice.Entry{Title: "Teabenõuetele vastamine", Topic: advice.TopicLaw, Visibility: advice.Public,
			Question: "Kui kiiresti peab vald teabenõudele vastama?", Answer: "Avaliku teabe seadus annab viis tööpäeva."})
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int64{"requests": en.ID, "requested information": en.ID, "municipalities": en.ID, "teabenõue": et.ID} {
			got, n, err := s.SearchEntries(ctx, advice.EntryFilter{Query: q, Visibilities: advice.Visibilities})
			if err != nil || n != 1 || len(got) != 1 || got[0].ID != want {
				t.Errorf("%q found %d %+v %v, want entry %d alone", q, n, got, err, want)
			}
		}
	})
}
