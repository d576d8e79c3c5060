package audit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChanges(t *testing.T) {
	e := Event{
		Before: []byte(`{"name":"Tartu linn","version":1,"contact":{"email":"","phone":"1"}}`),
		After:  []byte(`{"name":"Tartu linn","version":2,"contact":{"email":"it@tartu.ee","phone":"1"}}`),
	}
	want := []Change{{Field: "contact.email", Before: "", After: "it@tartu.ee"}}
	if diff := cmp.Diff(want, e.Changes()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	created := Event{After: []byte(`{"email":"a@b.ee"}`)}
	if got := created.Changes(); len(got) != 1 || got[0].After != "a@b.ee" {
		t.Errorf("create changes: %+v", got)
	}
}
