package notify

import (
	"context"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
)

type fakeAdvice struct{}

func (fakeAdvice) Inquiry(_ context.Context, id int64) (advice.Inquiry, error) {
	if id != 1 {
		return advice.Inquiry{}, kovit.NotFound()
	}
	return advice.Inquiry{ID: 1, MunicipalityEHAK: "0793"}, nil
}

func (fakeAdvice) CommentRound(_ context.Context, id int64) (advice.Round, error) {
	return advice.Round{ID: id, Public: id == 1, Viewers: []int64{7}}, nil
}

// A mail is written only of questions and rounds its reader may read now: a question of
// their own municipality, a public round, a restricted one that names them.
func TestMailReadsAdviceRules(t *testing.T) {
	tartu := &auth.User{ID: 7, Role: auth.RoleEditor, MunicipalityEHAK: "0793", Active: true}
	tallinn := &auth.User{ID: 8, Role: auth.RoleEditor, MunicipalityEHAK: "0784", Active: true}
	m := Mailer{Advice: fakeAdvice{}}
	ns := []Notification{
		{ID: 1, Entity: audit.KindInquiry, EntityID: "1"},
		{ID: 2, Entity: audit.KindInquiry, EntityID: "2"},
		{ID: 3, Entity: audit.KindCommentRound, EntityID: "1"},
		{ID: 4, Entity: audit.KindCommentRound, EntityID: "2"},
	}
	for _, tt := range []struct {
		u    *auth.User
		want []int64
	}{{tartu, []int64{1, 3, 4}}, {tallinn, []int64{3}}} {
		got, err := m.readable(context.Background(), tt.u, ns)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, n := range got {
			ids = append(ids, n.ID)
		}
		if len(ids) != len(tt.want) {
			t.Errorf("user %d reads %v, want %v", tt.u.ID, ids, tt.want)
			continue
		}
		for i := range ids {
			if ids[i] != tt.want[i] {
				t.Errorf("user %d reads %v, want %v", tt.u.ID, ids, tt.want)
			}
		}
	}
	if got, _ := (Mailer{}).readable(context.Background(), tartu, ns[:1]); len(got) != 0 {
		t.Error("a mailer without the advice store mails a question")
	}
}
