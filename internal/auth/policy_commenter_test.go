package auth

import "testing"

// TestPublicCommenter: a member of the public signed up to comment reads only what the
// public reads, is nobody's contact, and comments for nobody but themself, moderated.
func TestPublicCommenter(t *testing.T) {
	u := &User{ID: 9, Role: RoleReader, Active: true, PublicCommenter: true}
	if CanReadInternal(u) == nil || CanReadSurvey(u) == nil || CanReadLandscape(u) == nil || CanReadNeed(u, "0793", false) == nil {
		t.Error("a public commenter reads internal data")
	}
	if !ListScope(u).PublishedOnly() {
		t.Errorf("a public commenter's list scope: %+v", ListScope(u))
	}
	if CanBeContact(*u, "") {
		t.Error("a public commenter may be a contact person")
	}
	if err := CanComment(u); err != nil {
		t.Error(err)
	}
	if ehak, moderated, err := CommentAs(u, true); err != nil || ehak != "" || !moderated {
		t.Errorf("CommentAs: %q %v %v", ehak, moderated, err)
	}
	if _, _, err := CommentAs(u, false); err == nil {
		t.Error("a public commenter comments where the public may not")
	}
	if CanComment(nil) == nil || CanComment(&User{ID: 1, Role: RoleReader}) == nil {
		t.Error("the anonymous or a closed account may comment")
	}
	reader := &User{ID: 2, Role: RoleReader, Active: true}
	if CanReadInternal(reader) != nil || CanReadNeed(reader, "0793", false) != nil {
		t.Error("a reader lost internal reading")
	}
}
