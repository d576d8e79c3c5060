package web

import (
	"context"
	"fmt"
	"net/url"

	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/municipality"
)

// An editor of several municipalities works on one at a time: the desk and the one-page
// e-service form take ?municipality=EHAK and link to each of theirs.

// municipalityChoice is a link to a page for one of an editor's municipalities.
type municipalityChoice struct {
	EHAK, Name, Link string
	Current          bool
}

// municipalityChoices links path for each of list (an editor's municipalities) when there
// are several; none for one.
func municipalityChoices(list []string, current string, names map[string]string, path string) []municipalityChoice {
	if len(list) < 2 {
		return nil
	}
	out := make([]municipalityChoice, 0, len(list))
	for _, e := range list {
		name := names[e]
		if name == "" {
			name = e
		}
		out = append(out, municipalityChoice{EHAK: e, Name: name, Link: path + "?municipality=" + url.QueryEscape(e), Current: e == current})
	}
	return out
}

// deskWaiting is the count beside the desk in the menu: for an editor of several
// municipalities, what waits in all of them.
func (ui *UI) deskWaiting(ctx context.Context, u *auth.User) (int, error) {
	list := auth.ListScope(u).Municipalities()
	if len(list) < 2 {
		return ui.Desk.Waiting(ctx, desk.ViewerOf(u, ""))
	}
	total := 0
	for _, e := range list {
		n, err := ui.Desk.Waiting(ctx, desk.ViewerOf(u, e))
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// ownMunicipalityChoices links the page pathFormat (with %s for the EHAK code) for each
// municipality of an editor of several, current being the one shown.
func (ui *UI) ownMunicipalityChoices(ctx context.Context, u *auth.User, current, pathFormat string) ([]municipalityChoice, error) {
	list := auth.ListScope(u).Municipalities()
	if len(list) < 2 || !auth.ListScope(u).Includes(current) {
		return nil, nil
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(ms))
	for _, m := range ms {
		names[m.EHAK] = m.Name
	}
	out := municipalityChoices(list, current, names, "")
	for i := range out {
		out[i].Link = fmt.Sprintf(pathFormat, url.PathEscape(out[i].EHAK))
	}
	return out, nil
}

// ownMunicipalities are the municipalities of an editor of several, for a form's or a
// filter's choice; nil for one, whose only municipality goes without saying.
func (ui *UI) ownMunicipalities(ctx context.Context, u *auth.User) ([]municipality.Municipality, error) {
	s := auth.ListScope(u)
	if !s.Several() {
		return nil, nil
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	var out []municipality.Municipality
	for _, m := range ms {
		if s.Includes(m.EHAK) {
			out = append(out, m)
		}
	}
	return out, nil
}
