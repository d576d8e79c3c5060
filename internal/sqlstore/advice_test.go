package sqlstore_test

import (
	"slices"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ advice.Store = (*sqlstore.Store)(nil)

// A question goes round its states; the clock stops and restarts with them, every move is
// in its history, and the municipality hears of the answer.
func TestInquiryLifecycle(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		clock := time.Date(2026, 4, 1, 9, 0, 0, 0, kovit.Estonia)
		s.Now = func() time.Time { return clock }
		mari, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "9999", Topic: advice.TopicLaw, Subject: "X", Question: "Y"})
		if got := fieldNames(err); !slices.Equal(got, []string{"municipality_ehak"}) {
			t.Errorf("unknown municipality: %v", err)
		}
		q, err := s.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicSystems, Subject: "Dokumendiregister",
			Question: "Kas DHS peab olema X-teel?", Links: []string{"https://www.riigiteataja.ee/akt/1"}, State: advice.Closed})
		if err != nil {
			t.Fatal(err)
		}
		if q.State != advice.New || !q.AskedAt.Equal(clock) || len(q.Links) != 1 || len(q.Pauses) != 0 {
			t.Errorf("created %+v", q)
		}
		if _, err := s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Answered, Version: q.Version}); !slices.Equal(fieldNames(err), []string{"answer"}) {
			t.Errorf("answer without text: %v", err)
		}
		if _, err := s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.InProgress, Version: 9}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale version: %v", err)
		}
		clock = clock.AddDate(0, 0, 6) // Tuesday 7.4
		q, err = s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Waiting, Note: "Milline süsteem?", Version: q.Version})
		if err != nil || q.StoppedAt == nil {
			t.Fatalf("asked back: %+v %v", q, err)
		}
		clock = clock.AddDate(0, 0, 3) // Friday 10.4
		q, err = s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.InProgress, Version: q.Version})
		if err != nil || q.StoppedAt != nil || len(q.Pauses) != 1 {
			t.Fatalf("replied: %+v %v", q, err)
		}
		clock = clock.AddDate(0, 0, 4) // Tuesday 14.4
		q, err = s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Answered, Answer: "Peab.", Version: q.Version})
		if err != nil || q.FirstAnsweredAt == nil || q.Answer != "Peab." {
			t.Fatalf("answered: %+v %v", q, err)
		}
		if evs := events(t, s, audit.KindInquiry, itoa(q.ID)); len(evs) != 4 {
			t.Errorf("%d events, want 4 (created, asked back, replied, answered)", len(evs))
		}
		got, _, _, err := s.Notifications(ctx, mari.ID, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []notify.Kind
		for _, n := range got {
			kinds = append(kinds, n.Kind)
		}
		if !slices.Equal(kinds, []notify.Kind{notify.InquiryAnswered, notify.InquiryAskedBack}) || got[0].Path() != "/inquiries/"+itoa(q.ID) {
			t.Errorf("Tartu's editor heard of %v", kinds)
		}
		list, total, err := s.ListInquiries(ctx, advice.InquiryFilter{MunicipalityEHAK: "0793", States: []advice.State{advice.Answered}, Year: 2026})
		if err != nil || total != 1 || list[0].ID != q.ID {
			t.Errorf("list: %v %d %v", list, total, err)
		}
		if _, total, _ := s.ListInquiries(ctx, advice.InquiryFilter{Year: 2025}); total != 0 {
			t.Errorf("2025 lists %d", total)
		}
		if _, total, err := s.ListInquiries(ctx, advice.InquiryFilter{Offset: 10}); total != 1 || err != nil {
			t.Errorf("past the end: total %d %v", total, err)
		}
		all, err := s.AllInquiries(ctx)
		if err != nil || len(all) != 1 || len(all[0].Pauses) != 1 {
			t.Errorf("all: %+v %v", all, err)
		}
	})
}

// The knowledge base: search finds an entry by another form of its words and by its tag,
// only within the visibilities asked for; a draft citing its paragraph flags it, and a
// new review date clears the flag.
func TestKnowledgeBase(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		pub, err := s.CreateEntry(ctx, advice.Entry{Title: "Dokumendiregistri avalikustamine", Answer: "Avaliku teabe seaduse järgi tuleb.",
			Topic: advice.TopicLaw, Tags: []string{"AvTS § 12", "KOKS § 6"}, Visibility: advice.Public})
		if err != nil {
			t.Fatal(err)
		}
		draft, err := s.CreateEntry(ctx, advice.Entry{Title: "Dokumendiregistri hange", Answer: "Ühishange.", Topic: advice.TopicProcure})
		if err != nil || draft.Visibility != advice.Draft {
			t.Fatal(draft, err)
		}
		if _, err := s.CreateEntry(ctx, advice.Entry{Title: "X", Answer: "Y", Topic: advice.TopicLaw, InquiryID: ptr(int64(999))}); !slices.Equal(fieldNames(err), []string{"inquiry_id"}) {
			t.Errorf("unknown question: %v", err)
		}
		search := func(q string, vis ...advice.Visibility) []int64 {
			got, _, err := s.SearchEntries(ctx, advice.EntryFilter{Query: q, Visibilities: vis})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, e := range got {
				ids = append(ids, e.ID)
			}
			return ids
		}
		if got := search("dokumendiregister", advice.Public); !slices.Equal(got, []int64{pub.ID}) {
			t.Errorf("the public finds %v", got)
		}
		if got := search("dokumendiregistrisse", advice.Public, advice.Internal, advice.Draft); len(got) != 2 {
			t.Errorf("a coordinator finds %v", got)
		}
		if got := search("avts § 12", advice.Public); !slices.Equal(got, []int64{pub.ID}) {
			t.Errorf("by tag: %v", got)
		}
		if got := search("eelarve", advice.Public, advice.Draft); len(got) != 0 {
			t.Errorf("no match: %v", got)
		}
		tags, err := s.EntryTags(ctx)
		if err != nil || !slices.Equal(tags, []string{"AvTS § 12", "KOKS § 6"}) {
			t.Errorf("tags %v %v", tags, err)
		}
		// Flagging runs inside a round's transaction; here through a draft's text.
		n, err := s.FlagCitingEntries(ctx, "Eelnõu muudab KOKS §6 lõiget 2.", "Eelnõu X")
		if err != nil || n != 1 {
			t.Fatalf("flagged %d %v", n, err)
		}
		flagged, _, _ := s.SearchEntries(ctx, advice.EntryFilter{FlaggedOnly: true, Visibilities: advice.Visibilities})
		if len(flagged) != 1 || flagged[0].ReviewReason != "Eelnõu X" {
			t.Fatalf("flagged %+v", flagged)
		}
		e := flagged[0]
		e.ReviewedOn = "2026-05-01"
		if e, err = s.UpdateEntry(ctx, e); err != nil || e.ReviewReason != "" {
			t.Errorf("reviewed: %+v %v", e, err)
		}
		if _, err := s.UpdateEntry(ctx, pub); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }
