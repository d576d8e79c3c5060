package desk_test

import (
	"slices"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/desk"
)

func TestViewerOf(t *testing.T) {
	several := &auth.User{ID: 3, Role: auth.RoleEditor, MunicipalityEHAK: "0793", Municipalities: []string{"0793", "0296"}, Active: true}
	for _, c := range []struct {
		name                string
		u                   *auth.User
		want, municipality  string
		municipalities      []string
		queues, readsChange bool
		readsOtherDraftNeed bool
	}{
		{"coordinator", &auth.User{ID: 1, Role: auth.RoleCoordinator, Active: true}, "", "", nil, true, false, true},
		{"reader", &auth.User{ID: 2, Role: auth.RoleReader, Active: true}, "0793", "", nil, false, true, false},
		{"editor's primary", several, "", "0793", []string{"0793", "0296"}, false, false, false},
		{"editor's chosen", several, "0296", "0296", []string{"0793", "0296"}, false, false, false},
		{"not the editor's", several, "0784", "0793", []string{"0793", "0296"}, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := desk.ViewerOf(c.u, c.want)
			if v.UserID != c.u.ID || v.Municipality != c.municipality || !slices.Equal(v.Municipalities, c.municipalities) ||
				v.Queues != c.queues || v.ReadsChanges() != c.readsChange {
				t.Errorf("got %+v", v)
			}
			if got := v.MayReadNeed("0784", true); got != c.readsOtherDraftNeed {
				t.Errorf("another municipality's editable need readable: %v, want %v", got, c.readsOtherDraftNeed)
			}
			if !slices.Equal(v.EditorOf, c.municipalities) {
				t.Errorf("EditorOf %v, want %v", v.EditorOf, c.municipalities)
			}
		})
	}
}
