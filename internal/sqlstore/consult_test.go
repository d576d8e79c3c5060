package sqlstore_test

import (
	"context"
	"strconv"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ consult.Store = (*sqlstore.Store)(nil)

// openConsultation stores a two-section draft and opens it for the test clock's days.
func openConsultation(t *testing.T, s *sqlstore.Store, ctx context.Context, public bool) consult.Consultation {
	t.Helper()
	c, err := s.CreateConsultation(ctx, consult.Consultation{Title: "IKT strateegia 2031", OpensOn: "2026-11-01", ClosesOn: "2026-12-31", PublicComments: public},
		consult.DocVersion{Sections: []consult.Section{{Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."}, {Heading: "Tegevused", Body: "Arendame iseteeninduse."}}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	return c
}

func commenter(t *testing.T, s *sqlstore.Store, email string, role auth.Role, ehak string) auth.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), auth.NewUser{Email: email, Name: "Mari " + ehak, Role: role, MunicipalityEHAK: ehak}, "x", false)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestConsultationLifecycle(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		tartu := commenter(t, s, "mari@tartu.test", auth.RoleEditor, "0793")
		public := commenter(t, s, "jaan@example.test", auth.RoleReader, "")
		c := openConsultation(t, s, ctx, true)
		if c.Phase != consult.Open || c.Versions != 1 {
			t.Fatalf("%+v", c)
		}
		k1, err := s.AddConsultationComment(ctx, consult.Comment{ConsultationID: c.ID, SectionKey: "2", Passage: "iseteeninduse", Body: "Ühine iseteenindus!",
			AuthorID: tartu.ID, AuthorName: tartu.Name, MunicipalityEHAK: "0793", Status: consult.Published})
		if err != nil {
			t.Fatal(err)
		}
		if k1.DocVersion != 1 || k1.Status != consult.Published {
			t.Errorf("%+v", k1)
		}
		k2, err := s.AddConsultationComment(ctx, consult.Comment{ConsultationID: c.ID, SectionKey: "1", Body: "<script>alert(1)</script>",
			AuthorID: public.ID, AuthorName: public.Name})
		if err != nil || k2.Status != consult.Pending {
			t.Fatalf("%+v %v", k2, err)
		}
		if _, err := s.AddConsultationComment(ctx, consult.Comment{ConsultationID: c.ID, SectionKey: "9", Body: "x", AuthorID: public.ID}); !kovit.FieldsOf(err).Has("section") {
			t.Errorf("unknown section: %v", err)
		}
		list, total, err := s.Comments(ctx, consult.CommentFilter{ConsultationID: c.ID, Statuses: []consult.Status{consult.Published}})
		if err != nil || total != 1 || list[0].ID != k1.ID {
			t.Errorf("published: %d %+v %v", total, list, err)
		}
		if _, total, _ := s.Comments(ctx, consult.CommentFilter{ConsultationID: c.ID, Statuses: []consult.Status{consult.Published}, AuthorID: public.ID}); total != 2 {
			t.Errorf("with the author's own: %d", total)
		}
		if _, err := s.ModerateComment(ctx, k2.ID, consult.Moderation{Publish: false, Version: k2.Version}); !kovit.FieldsOf(err).Has("reason") {
			t.Errorf("rejecting without a reason: %v", err)
		}
		if k2, err = s.ModerateComment(ctx, k2.ID, consult.Moderation{Publish: false, Reason: "Ei puuduta teksti.", Version: k2.Version}); err != nil || k2.Status != consult.Rejected {
			t.Fatalf("%+v %v", k2, err)
		}
		// Concluding waits for every published comment's disposition.
		if c, err = s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Closed, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Concluded, Outcome: "Vastu võetud.", Version: c.Version}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("concluding with an undisposed comment: %v", err)
		}
		v2, err := s.AddDocVersion(ctx, c.ID, consult.DocVersion{Note: "Tartu ettepanek", Sections: []consult.Section{{Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."},
			{Heading: "Tegevused", Body: "Arendame ühise iseteeninduse."}}}, c.Version)
		if err != nil || v2.Number != 2 || v2.Sections[1].Key != "2" {
			t.Fatalf("%+v %v", v2, err)
		}
		if _, err := s.AddDocVersion(ctx, c.ID, v2, c.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a version from a stale read: %v", err)
		}
		item := nationalActivity(t, s)
		two := 2
		k1, err = s.DisposeComment(ctx, k1.ID, consult.Disposition{Kind: consult.Accepted, Reason: " Lisatud. ", ChangedIn: &two, ItemID: &item.ID, Version: k1.Version})
		if err != nil {
			t.Fatal(err)
		}
		if k1.Reason != "Lisatud." || *k1.ChangedIn != 2 || k1.Item == nil || k1.Item.ID != item.ID || k1.Item.Code != item.Code || k1.Disposed == nil {
			t.Errorf("%+v %+v", k1, k1.Item)
		}
		if c, err = s.Consultation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if c, err = s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Concluded, Outcome: "Vastu võetud.", Version: c.Version}); err != nil || c.Outcome != "Vastu võetud." {
			t.Fatalf("%+v %v", c, err)
		}
		if _, err := s.UpdateConsultation(ctx, consult.Consultation{ID: c.ID, Title: "Muudetud", Version: c.Version}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("editing a concluded consultation: %v", err)
		}
		versions, err := s.DocVersions(ctx, c.ID)
		if err != nil || len(versions) != 2 || versions[1].Sections[1].Body != "Arendame ühise iseteeninduse." {
			t.Errorf("%+v %v", versions, err)
		}
		if d := consult.Diff(versions[0], versions[1]); d[1].Change != consult.Changed {
			t.Errorf("%+v", d)
		}
		for entity, id := range map[string]string{audit.KindConsultation: strconv.FormatInt(c.ID, 10), audit.KindConsultationComment: strconv.FormatInt(k1.ID, 10),
			audit.KindConsultationVersion: strconv.FormatInt(c.ID, 10) + "/2"} {
			if len(events(t, s, entity, id)) == 0 {
				t.Errorf("no history of %s %s", entity, id)
			}
		}
		notes, _, _, err := s.Notifications(ctx, tartu.ID, 10, 0)
		if err != nil || len(notes) != 2 || notes[0].Kind != "comment_disposed" || notes[1].Kind != "consultation_opened" {
			t.Errorf("Tartu's notifications: %+v %v", notes, err)
		}
	})
}

func TestCommentRateAndPhase(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		c, err := s.CreateConsultation(ctx, consult.Consultation{Title: "Juhend", OpensOn: "2026-11-01", ClosesOn: "2026-11-20", PublicComments: true},
			consult.DocVersion{Sections: []consult.Section{{Heading: "Üks", Body: "Tekst."}}})
		if err != nil {
			t.Fatal(err)
		}
		public := commenter(t, s, "jaan@example.test", auth.RoleReader, "")
		k := consult.Comment{ConsultationID: c.ID, SectionKey: "1", Body: "Hea.", AuthorID: public.ID}
		if _, err := s.AddConsultationComment(ctx, k); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a comment on a draft: %v", err)
		}
		if c, err = s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddConsultationComment(ctx, k); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a comment after the closing day (test clock 25.11.): %v", err)
		}
		if c, err = s.UpdateConsultation(ctx, consult.Consultation{ID: c.ID, Title: c.Title, OpensOn: c.OpensOn, ClosesOn: "2026-12-31", PublicComments: true, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		for i := range consult.PublicPerHour {
			if _, err := s.AddConsultationComment(ctx, k); err != nil {
				t.Fatalf("comment %d: %v", i, err)
			}
		}
		if _, err := s.AddConsultationComment(ctx, k); kovit.ErrorCode(err) != kovit.ETooMany {
			t.Errorf("past the hourly limit: %v", err)
		}
	})
}

// nationalActivity is an item of the seeded national strategy.
func nationalActivity(t *testing.T, s *sqlstore.Store) plan.Node {
	t.Helper()
	ss, _, err := s.ListStrategies(context.Background(), plan.StrategyFilter{Limit: 10})
	if err != nil || len(ss) == 0 {
		t.Fatalf("%v %v", ss, err)
	}
	tree, err := s.StrategyTree(context.Background(), ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Nodes) == 0 {
		t.Fatal("no items in the seeded strategy")
	}
	return tree.Nodes[len(tree.Nodes)-1]
}
