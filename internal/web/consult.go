package web

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// consultPage is the Page of every consultation page, with what they share.
type consultPage struct {
	Page
	C consult.Consultation
	// Names are the municipalities' names by EHAK code.
	Names map[string]string
}

// Manager reports whether the user runs consultations: edits, moves, moderates, disposes.
func (p consultPage) Manager() bool { return auth.Allowed(auth.CanManageConsultation(p.User)) }

func (p consultPage) Phases() []consult.Phase { return consult.Phases }
func (p consultPage) Kinds() []consult.Kind   { return consult.Kinds }

// From names who a comment speaks for: a municipality, or the public.
func (p consultPage) From(ehak string) string {
	if ehak == "" {
		return p.L.T("consult.comment.public")
	}
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

// Disposition names a disposition in the page's language.
func (p consultPage) Disposition(k consult.Kind) string { return p.L.T("consult.kind." + string(k)) }

// ID is the consultation's id as its addresses carry it.
func (p consultPage) ID() string { return strconv.FormatInt(p.C.ID, 10) }

func (ui *UI) consultPage(r *http.Request, titleKey string) (consultPage, error) {
	p := consultPage{Page: ui.page(r, titleKey)}
	p.Nav = "consultations"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return p, err
	}
	p.Names = make(map[string]string, len(ms))
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
	}
	return p, nil
}

// readableConsultation loads the consultation of the path's id that the user may read; a
// draft is answered to the rest as a missing one, so nobody learns which drafts exist.
func (ui *UI) readableConsultation(r *http.Request) (consult.Consultation, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return consult.Consultation{}, err
	}
	c, err := ui.Consult.Consultation(r.Context(), id)
	if err != nil {
		return c, err
	}
	if auth.CanReadConsultation(auth.UserFrom(r.Context()), c.Phase.Public()) != nil {
		return consult.Consultation{}, kovit.NotFound()
	}
	return c, nil
}

// consultComment loads the path's comment of the path's consultation, for a manager.
func (ui *UI) consultComment(ctx context.Context, r *http.Request) (consult.Comment, error) {
	if err := auth.CanManageConsultation(auth.UserFrom(ctx)); err != nil {
		return consult.Comment{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return consult.Comment{}, err
	}
	cid, err := pathID(r, "comment")
	if err != nil {
		return consult.Comment{}, err
	}
	c, err := ui.Consult.Comment(ctx, cid)
	if err == nil && c.ConsultationID != id {
		err = kovit.NotFound()
	}
	return c, err
}

func consultPath(id int64, rest string) string {
	return "/consultations/" + strconv.FormatInt(id, 10) + rest
}
