package auth

import "testing"

func TestCanReadChange(t *testing.T) {
	coordinator := &User{ID: 1, Role: RoleCoordinator, Active: true}
	reader := &User{ID: 2, Role: RoleReader, Active: true}
	cell := Change{Kind: "service_cell", Public: true, Fields: []string{"level", "offering"}}
	tests := []struct {
		name string
		u    *User
		c    Change
		want bool
	}{
		{"a cell's change", nil, cell, true},
		{"a created record", nil, Change{Kind: "measure", Public: true}, true},
		{"a need, never", nil, Change{Kind: "need", Public: true}, false},
		{"a municipality's contacts", nil, Change{Kind: "municipality", Public: true, Fields: []string{"contact.email"}}, false},
		{"a user", nil, Change{Kind: "user", Public: true}, false},
		{"a draft strategy's node", nil, Change{Kind: "plan_node", Fields: []string{"title_et"}}, false},
		{"an unpublished consolidated need", nil, Change{Kind: "consolidated_need"}, false},
		{"only the internal note", nil, Change{Kind: "plan_node", Public: true, Fields: []string{"internal_note", "updated_at", "version"}}, false},
		{"the note and the status", nil, Change{Kind: "plan_node", Public: true, Fields: []string{"internal_note", "status"}}, true},
		{"a deletion", nil, Change{Kind: "service_cell", Public: true, Deleted: true}, false},
		{"a reader is not the audit trail's", reader, Change{Kind: "need"}, false},
		{"a coordinator reads the trail", coordinator, Change{Kind: "need"}, true},
	}
	for _, tt := range tests {
		if got := CanReadChange(tt.u, tt.c) == nil; got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
