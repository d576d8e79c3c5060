package sqlstore_test

import (
	"slices"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A municipality's official response keeps its lead's text besides the staff's comments;
// a "no comments" over the staff's comments is refused and saves nothing; the old
// approval, with neither, still gives "no comments" when nobody commented.
func TestOfficialResponseText(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		r := newRound(t, s, ctx, true, nil, "0793", "0784", "0296")
		if _, err := s.AddComment(ctx, advice.Comment{RoundID: r.ID, MunicipalityEHAK: "0793", Body: "Lisada rahastus."}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Respond(ctx, r.ID, "0793", advice.ResponseInput{NoComments: true}); !slices.Equal(fieldNames(err), []string{"no_comments"}) {
			t.Errorf("no comments over the staff's: %v", err)
		}
		text := "Tartu linn toetab eelnõu, kui uue ülesande rahastus tagatakse riigieelarvest."
		resp, err := s.Respond(ctx, r.ID, "0793", advice.ResponseInput{Text: "  " + text + "\n"})
		if err != nil || resp.Text != text || resp.NoComments {
			t.Fatalf("respond with a text: %+v %v", resp, err)
		}
		if _, err := s.Respond(ctx, r.ID, "0784", advice.ResponseInput{Text: "Toetame.", NoComments: true}); !slices.Equal(fieldNames(err), []string{"no_comments"}) {
			t.Errorf("no comments with a text: %v", err)
		}
		if resp, err := s.Respond(ctx, r.ID, "0784", advice.ResponseInput{NoComments: true}); err != nil || !resp.NoComments || resp.Text != "" {
			t.Errorf("an explicit no comments: %+v %v", resp, err)
		}
		if resp, err := s.Respond(ctx, r.ID, "0296", advice.ResponseInput{}); err != nil || !resp.NoComments {
			t.Errorf("the approval as it was: %+v %v", resp, err)
		}
		got, err := s.Responses(ctx, r.ID)
		if err != nil || len(got) != 3 {
			t.Fatalf("responses %+v %v", got, err)
		}
		byEHAK := map[string]advice.Response{}
		for _, x := range got {
			byEHAK[x.MunicipalityEHAK] = x
		}
		if byEHAK["0793"].Text != text || byEHAK["0793"].NoComments || !byEHAK["0784"].NoComments || byEHAK["0784"].Text != "" {
			t.Errorf("stored responses %+v", got)
		}
		events, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindCommentRound, EntityID: itoa(r.ID) + "/0793"})
		if err != nil || len(events) != 1 || !slices.ContainsFunc(events[0].Changes(), func(c audit.Change) bool { return c.Field == "text" && c.After == text }) {
			t.Errorf("the response's audit event does not carry its text: %+v %v", events, err)
		}
	})
}
