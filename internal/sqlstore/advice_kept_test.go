package sqlstore_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestKeptAdvice: the navigation's count's advice records are read once and kept; a new
// question, a new round and a municipality's response each drop them, so the next read
// has the change.
func TestKeptAdvice(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		first, err := s.KeptAdvice(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := s.KeptAdvice(ctx); again != first {
			t.Fatal("the records were read again without a change")
		}
		q, err := s.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: "Arhiivieeskiri", Question: "Kas?"})
		if err != nil {
			t.Fatal(err)
		}
		k, _ := s.KeptAdvice(ctx)
		if k == first || !slices.ContainsFunc(k.Inquiries, func(x advice.Inquiry) bool { return x.ID == q.ID }) {
			t.Fatalf("a new question is not in the kept records: %+v", k.Inquiries)
		}
		r := newRound(t, s, ctx, true, nil, "0793", "0784")
		if k, _ = s.KeptAdvice(ctx); !slices.ContainsFunc(k.Rounds, func(x advice.Round) bool { return x.ID == r.ID }) || len(k.Responded[r.ID]) != 0 {
			t.Fatalf("a new round: %+v %v", k.Rounds, k.Responded)
		}
		if _, err := s.Respond(ctx, r.ID, "0784", advice.ResponseInput{NoComments: true}); err != nil {
			t.Fatal(err)
		}
		if k, _ = s.KeptAdvice(ctx); !slices.Equal(k.Responded[r.ID], []string{"0784"}) {
			t.Errorf("responded %v, want Tallinn's", k.Responded)
		}
	})
}

// TestKeptAdviceAcrossStores: another process's new question drops this one's kept
// records through the change feed.
func TestKeptAdviceAcrossStores(t *testing.T) {
	if !slices.Contains(sqlstoretest.Engines(), "postgres") {
		return
	}
	a, b, ctx := listeningPair(t)
	before, err := b.KeptAdvice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	q, err := a.CreateInquiry(coordinatorCtx(), advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: "Arhiivieeskiri", Question: "Kas?"})
	if err != nil {
		t.Fatal(err)
	}
	after, err := b.KeptAdvice(context.Background())
	if err != nil || after == before || !slices.ContainsFunc(after.Inquiries, func(x advice.Inquiry) bool { return x.ID == q.ID }) {
		t.Errorf("b's kept records after a's new question: %+v %v", after, err)
	}
}

// listeningPair is two stores, two processes' worth, on one PostgreSQL database, each
// listening to the change feed until the test ends (with ctx).
func listeningPair(t *testing.T) (a, b *sqlstore.Store, ctx context.Context) {
	t.Helper()
	a = sqlstoretest.New(t, "postgres")
	ctx, cancel := context.WithCancel(context.Background())
	b, err := sqlstore.Open(ctx, a.DSN())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		b.Close()
	})
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, s := range []*sqlstore.Store{a, b} {
		wg.Go(func() { s.Listen(ctx, quiet) })
	}
	waitFor(t, "both stores listening", func() bool { return a.Listening() && b.Listening() })
	return a, b, ctx
}
