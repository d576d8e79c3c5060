package demo_test

import (
	"context"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/demo"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Synthetic advice data has the shape asked for and says it is a sample.
func TestAdvice(t *testing.T) {
	ctx := context.Background()
	s := sqlstoretest.New(t, "sqlite")
	if err := demo.Advice(ctx, s, demo.AdviceShape{Inquiries: 12, Entries: 30, Sections: 3, Comments: true, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	qs, err := s.AllInquiries(ctx)
	if err != nil || len(qs) != 12 || !strings.HasPrefix(qs[0].Subject, "Näidis") {
		t.Fatalf("%d questions: %v", len(qs), err)
	}
	answered := 0
	for _, q := range qs {
		if q.State == advice.Answered {
			answered++
		}
	}
	if answered != 4 {
		t.Errorf("%d answered, want every third", answered)
	}
	_, total, err := s.SearchEntries(ctx, advice.EntryFilter{Visibilities: advice.Visibilities, Limit: 1})
	if err != nil || total != 30 {
		t.Errorf("%d entries: %v", total, err)
	}
	rounds, _ := s.ListCommentRounds(ctx)
	comments, _ := s.RoundComments(ctx, rounds[0].ID)
	if len(rounds) != 1 || len(comments) != 79*3 {
		t.Errorf("%d rounds, %d comments, want 1 and 237", len(rounds), len(comments))
	}
}
