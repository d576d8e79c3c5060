package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ advice.RoundStore = (*sqlstore.Store)(nil)

func newRound(t *testing.T, s *sqlstore.Store, ctx context.Context, public bool, viewers []int64, recipients ...string) advice.Round {
	t.Helper()
	r := advice.Round{Title: "Kohaliku omavalitsuse korralduse seaduse muutmise seadus", Ministry: "Regionaal- ja Põllumajandusministeerium",
		DossierURL: "https://eelnoud.valitsus.ee/main/mount/docList/1", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10",
		InternalDeadline: "2026-04-02", Public: public, Viewers: viewers, Recipients: recipients,
		Sections: []advice.Section{{Heading: "§ 1. KOKS § 6 muutmine", Text: "KOKS § 6 lõiget 1 täiendatakse."}, {Heading: "§ 2. Rakendussäte"}}}
	out, err := s.CreateCommentRound(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A round: municipalities comment per section and respond once, the association merges
// comments into points, the ministry's table sets the dispositions, and each commenting
// municipality is told.
func TestCommentRound(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		tartuEd, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false)
		if err != nil {
			t.Fatal(err)
		}
		entry, err := s.CreateEntry(ctx, advice.Entry{Title: "Valla ülesanded", Answer: "Vastus", Topic: advice.TopicLaw, Tags: []string{"KOKS § 6"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCommentRound(ctx, advice.Round{Title: "X", Ministry: "M", ReceivedOn: "2026-04-10", MinistryDeadline: "2026-04-01"}); !slices.Contains(fieldNames(err), "ministry_deadline") || !slices.Contains(fieldNames(err), "sections") || !slices.Contains(fieldNames(err), "viewers") {
			t.Errorf("a bad round: %v", err)
		}
		r := newRound(t, s, ctx, true, nil, "0793", "0784", "0296")
		if len(r.Sections) != 2 || r.Sections[1].Number != 2 || r.InternalDays != advice.DefaultInternalDays {
			t.Errorf("round %+v", r)
		}
		if e, _ := s.Entry(ctx, entry.ID); e.ReviewReason == "" {
			t.Error("the entry tagged KOKS § 6 is not flagged by a draft citing it")
		}
		tartu := auth.WithUser(context.Background(), &tartuEd)
		c1, err := s.AddComment(tartu, advice.Comment{RoundID: r.ID, SectionID: &r.Sections[0].ID, MunicipalityEHAK: "0793", Body: "Lisada rahastus."})
		if err != nil || c1.AuthorName != "Mari" {
			t.Fatalf("comment %+v %v", c1, err)
		}
		c2, _ := s.AddComment(ctx, advice.Comment{RoundID: r.ID, SectionID: &r.Sections[0].ID, MunicipalityEHAK: "0784", Body: "Rahastus puudub."})
		c3, _ := s.AddComment(ctx, advice.Comment{RoundID: r.ID, MunicipalityEHAK: "0296", Body: "Jõustumine liiga vara."})
		if _, err := s.AddComment(ctx, advice.Comment{RoundID: r.ID, MunicipalityEHAK: "0198", Body: "X"}); !slices.Equal(fieldNames(err), []string{"municipality_ehak"}) {
			t.Errorf("a municipality not asked comments: %v", err)
		}
		resp, err := s.Respond(tartu, r.ID, "0793", advice.ResponseInput{})
		if err != nil || resp.NoComments || resp.ApprovedBy != "Mari" {
			t.Fatalf("respond %+v %v", resp, err)
		}
		if _, err := s.Respond(ctx, r.ID, "0793", advice.ResponseInput{}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a second response: %v", err)
		}
		if _, err := s.AddComment(tartu, advice.Comment{RoundID: r.ID, MunicipalityEHAK: "0793", Body: "Hiljem"}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a comment after the response: %v", err)
		}
		if n, err := s.RemindRound(ctx, r.ID, ""); err != nil || n != 2 {
			t.Errorf("reminded %d %v, want 0784 and 0296", n, err)
		}
		p1, err := s.AddPoint(ctx, advice.Point{RoundID: r.ID, SectionID: &r.Sections[0].ID, Text: "Ülesandega peab kaasnema rahastus."})
		if err != nil || p1.Number != 1 {
			t.Fatalf("point %+v %v", p1, err)
		}
		for _, c := range []advice.Comment{c1, c2} {
			fate := advice.Merged
			if c.ID == c1.ID {
				fate = advice.Adopted
			}
			if _, err := s.DecideComment(ctx, c.ID, advice.Decision{Fate: fate, PointID: &p1.ID, Version: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DecideComment(ctx, c3.ID, advice.Decision{Fate: advice.NotAdopted, Version: 1}); !slices.Equal(fieldNames(err), []string{"reason"}) {
			t.Errorf("not adopted without a reason: %v", err)
		}
		if _, err := s.DecideComment(ctx, c3.ID, advice.Decision{Fate: advice.NotAdopted, Reason: "Jõustumisaeg on piisav.", Version: 1}); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportDispositions(ctx, r.ID, []advice.DispositionRow{{Number: 1, Disposition: advice.PartlyAccepted, Reason: "Rahastus lisatakse 2028."}}); err != nil {
			t.Fatal(err)
		}
		points, _ := s.Points(ctx, r.ID)
		if points[0].Disposition != advice.PartlyAccepted {
			t.Errorf("points %+v", points)
		}
		got, _, _, _ := s.Notifications(ctx, tartuEd.ID, 10, 0)
		var kinds []notify.Kind
		for _, n := range got {
			kinds = append(kinds, n.Kind)
		}
		if !slices.Equal(kinds, []notify.Kind{notify.CommentOutcome, notify.CommentRoundOpened}) {
			t.Errorf("Tartu heard of %v", kinds)
		}
		if err := s.ImportDispositions(ctx, r.ID, []advice.DispositionRow{{Number: 9, Disposition: advice.Accepted}}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("an unknown point: %v", err)
		}
	})
}

// A restricted round tells only its named viewers, and logs who viewed it.
func TestRestrictedRound(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		named, _ := s.CreateUser(ctx, auth.NewUser{Email: "a@tartu.ee", Name: "Named", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false)
		other, _ := s.CreateUser(ctx, auth.NewUser{Email: "b@tartu.ee", Name: "Other", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false)
		r := newRound(t, s, ctx, false, []int64{named.ID})
		for _, u := range []auth.User{named, other} {
			got, _, _, _ := s.Notifications(ctx, u.ID, 10, 0)
			if (len(got) == 1) != (u.ID == named.ID) {
				t.Errorf("%s heard of the restricted round: %d", u.Name, len(got))
			}
		}
		if err := s.LogRoundView(ctx, r.ID, named.ID); err != nil {
			t.Fatal(err)
		}
		views, err := s.RoundViews(ctx, r.ID)
		if err != nil || len(views) != 1 || views[0].UserName != "Named" {
			t.Errorf("views %+v %v", views, err)
		}
		r.Viewers = []int64{999999}
		if _, err := s.UpdateCommentRound(ctx, r); !slices.Equal(fieldNames(err), []string{"viewers"}) {
			t.Errorf("an unknown viewer: %v", err)
		}
	})
}
