package web

import (
	"net/http"
	"slices"
)

// An editor of several municipalities (issue 12): the user form keeps the primary one in
// its select and the others in a multiple select beside it.

// formMunicipalities is the full list the user form sent: the primary municipality, then
// the others chosen, without repeating the primary one. An empty list is nil.
func formMunicipalities(r *http.Request) []string {
	primary := r.PostFormValue("municipality_ehak")
	var out []string
	if primary != "" {
		out = append(out, primary)
	}
	for _, e := range r.PostForm["municipalities"] {
		if e != "" && e != primary {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		// Sent, but nothing chosen: no other municipality (an empty, not a nil list, so an
		// update clears the others).
		if _, sent := r.PostForm["municipalities_sent"]; sent {
			return []string{}
		}
		return nil
	}
	return out
}

// Other reports whether the form's user works for municipality ehak besides their
// primary one.
func (p userFormPage) Other(ehak string) bool {
	return len(p.Input.Municipalities) > 1 && slices.Contains(p.Input.Municipalities[1:], ehak)
}

// Other reports whether the invitation's editor works for municipality ehak besides
// their primary one.
func (p invitePage) Other(ehak string) bool {
	return len(p.Input.Municipalities) > 1 && slices.Contains(p.Input.Municipalities[1:], ehak)
}
