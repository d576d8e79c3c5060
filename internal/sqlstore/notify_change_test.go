package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestEmitTellsCaches: a notification a job emits, with no audited change beside it, is
// told to the caches (OnChange) as the notification kind alone; one that reaches nobody
// (already emitted under its key, or a municipality without editors) tells nothing.
func TestEmitTellsCaches(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		if _, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false); err != nil {
			t.Fatal(err)
		}
		var h heard
		s.OnChange(h.add)
		ev := notify.Event{Kind: notify.RoundClosing1, Entity: "need_round", EntityID: "4", Municipality: "0793",
			Title: "Vajaduste voor sulgub homme", Key: "round-4-closing-1"}
		for _, step := range []struct {
			name string
			ev   notify.Event
			want [][]string
		}{
			{"new", ev, [][]string{{notify.ChangeKind}}},
			{"again under its key", ev, nil},
			{"to a municipality without editors", notify.Event{Kind: notify.RoundClosing1, Entity: "need_round", EntityID: "4",
				Municipality: "0141", Title: "Vajaduste voor sulgub homme"}, nil},
		} {
			if err := s.Emit(ctx, []notify.Event{step.ev}); err != nil {
				t.Fatal(err)
			}
			if got := h.take(); !slices.EqualFunc(got, step.want, slices.Equal) {
				t.Errorf("%s: told %v, want %v", step.name, got, step.want)
			}
		}
	})
}
