package consult

// Who may see which comment, whose name and which strategy item is the permission
// policy's (auth.ConsultationRule). Every page, export and API answer that shows
// comments passes them through Readable, so they leave out and mask the same things.

// Rule says what one user may see of a consultation's comments.
type Rule interface {
	// SeeComment: a published comment, or one waiting or refused by its author.
	SeeComment(published bool, authorID int64) bool
	// SeeAuthor: the name of who wrote a comment speaking for ehak ("" the public).
	SeeAuthor(ehak string) bool
	// SeeItem: a strategy item of a strategy public or not, owned by owner.
	SeeItem(public bool, owner string) bool
}

// Readable keeps the comments the rule lets its user see, in their order, with the
// names and items it does not let them see taken out.
func Readable(cs []Comment, may Rule) []Comment {
	out := make([]Comment, 0, len(cs))
	for _, c := range cs {
		if c, ok := ReadableComment(c, may); ok {
			out = append(out, c)
		}
	}
	return out
}

// ReadableComment is one comment as Readable gives it, and whether it is seen at all.
func ReadableComment(c Comment, may Rule) (Comment, bool) {
	if !may.SeeComment(c.Status == Published, c.AuthorID) {
		return Comment{}, false
	}
	if !may.SeeAuthor(c.MunicipalityEHAK) {
		c.AuthorID, c.AuthorName = 0, ""
	}
	if c.Item != nil && !may.SeeItem(c.Item.Public, c.Item.OwnerEHAK) {
		c.Item = nil
	}
	return c, true
}

// Rows turns readable comments into the responses table's rows: each with its
// section's heading in the version it was made on, and from and disposition as the
// reader's language names them.
func Rows(cs []Comment, versions []DocVersion, from func(ehak string) string, disposition func(Kind) string) []Row {
	out := make([]Row, 0, len(cs))
	for _, c := range cs {
		r := Row{Comment: c, From: from(c.MunicipalityEHAK)}
		if n := c.DocVersion; n >= 1 && n <= len(versions) {
			if s, ok := versions[n-1].Section(c.SectionKey); ok {
				r.Section = s.Heading
			}
		}
		if c.Disposition != "" {
			r.Disposition = disposition(c.Disposition)
		}
		if c.Item != nil {
			r.ItemText = c.Item.Code + " " + c.Item.Title
		}
		out = append(out, r)
	}
	return out
}
