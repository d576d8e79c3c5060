package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/refdata"
)

// The advice module's API (issue 15): questions with their working-day clocks, the
// statistics and the knowledge base.

// InquiryDetail is a question with its clock now.
type InquiryDetail struct {
	Inquiry advice.Inquiry `json:"inquiry"`
	Clock   advice.Clock   `json:"clock"`
}

func (a *API) cal() (*advice.Calendar, error) {
	if a.calendar != nil {
		return a.calendar, nil
	}
	return refdata.Calendar()
}

func (a *API) listInquiries(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	f := advice.InquiryFilter{MunicipalityEHAK: q.str("municipality"), Topic: advice.Topic(q.str("topic")), Year: q.int("year"),
		Limit: pg.Limit, Offset: pg.Offset}
	if s := q.str("state"); s != "" {
		f.States = []advice.State{advice.State(s)}
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	ehak, err := auth.InquiryScope(auth.UserFrom(ctx))
	if err != nil {
		return err
	}
	if !f.Within(ehak) {
		return kovit.Forbidden()
	}
	items, total, err := a.advice.ListInquiries(ctx, f)
	if err != nil {
		return err
	}
	cal, err := a.cal()
	if err != nil {
		return err
	}
	now := a.now()
	out := make([]InquiryDetail, len(items))
	for i, it := range items {
		out[i] = InquiryDetail{it, cal.Clock(it, now)}
	}
	return a.writeJSON(w, r, http.StatusOK, page[InquiryDetail]{out, total, f.Limit, f.Offset})
}

// readableInquiry is the question the path names if the user may read it; one they may
// not is answered as a missing one is.
func (a *API) readableInquiry(r *http.Request) (advice.Inquiry, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return advice.Inquiry{}, err
	}
	q, err := a.advice.Inquiry(ctx, id)
	if err != nil {
		return q, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return q, auth.CanReadInquiry(auth.UserFrom(ctx), q.MunicipalityEHAK)
}

func (a *API) getInquiry(w http.ResponseWriter, r *http.Request) error {
	q, err := a.readableInquiry(r)
	if err != nil {
		return err
	}
	cal, err := a.cal()
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, InquiryDetail{q, cal.Clock(q, a.now())})
}

// createInquiry asks the association a question for the municipality the body names.
func (a *API) createInquiry(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var q advice.Inquiry
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	if err := auth.CanAskInquiry(auth.UserFrom(ctx), q.MunicipalityEHAK); err != nil {
		return err
	}
	q, err := a.advice.CreateInquiry(ctx, q)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/inquiries/"+strconv.FormatInt(q.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, q)
}

// moveInquiry changes a question's state; who may make a move is Move.ByMunicipality
// read through the policy.
func (a *API) moveInquiry(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := a.readableInquiry(r)
	if err != nil {
		return err
	}
	var m advice.Move
	if err := decodeJSON(w, r, &m); err != nil {
		return err
	}
	if err := auth.CanMoveInquiry(auth.UserFrom(ctx), q.MunicipalityEHAK, m.ByMunicipality(q.State)); err != nil {
		return err
	}
	if q, err = a.advice.MoveInquiry(ctx, q.ID, m); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, q)
}

// inquiryStats is the association's record per topic and year, for every signed-in user.
func (a *API) inquiryStats(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	all, err := a.advice.AllInquiries(ctx)
	if err != nil {
		return err
	}
	cal, err := a.cal()
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(cal.Statistics(all), pg))
}

func visibilities(u *auth.User) []advice.Visibility {
	var out []advice.Visibility
	for _, v := range auth.ReadableVisibilities(u) {
		out = append(out, advice.Visibility(v))
	}
	return out
}

// searchEntries searches the knowledge base within what the user may read.
func (a *API) searchEntries(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	q := newQuery(r)
	pg := q.page()
	f := advice.EntryFilter{Visibilities: visibilities(u), Topic: advice.Topic(q.str("topic")), Tag: q.str("tag"),
		Query: strings.TrimSpace(q.str("q")), Limit: pg.Limit, Offset: pg.Offset}
	if b := q.bool("flagged"); b != nil {
		f.FlaggedOnly = *b
	}
	if v := q.str("visibility"); v != "" {
		if !advice.Visibility(v).Valid() {
			q.p.Add("visibility", "advice.error.visibility")
		} else if auth.CanReadEntry(u, v) != nil {
			f.Visibilities = nil
		} else {
			f.Visibilities = []advice.Visibility{advice.Visibility(v)}
		}
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.advice.SearchEntries(ctx, f)
	if err != nil {
		return err
	}
	for i := range items {
		items[i] = readableEntry(u, items[i])
	}
	return a.writeJSON(w, r, http.StatusOK, page[advice.Entry]{orEmpty(items), total, f.Limit, f.Offset})
}

func readableEntry(u *auth.User, e advice.Entry) advice.Entry {
	if auth.CanManageKnowledge(u) != nil {
		return e.Anonymous()
	}
	return e
}

func (a *API) getEntry(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := a.advice.Entry(ctx, id)
	if err == nil {
		err = auth.CanReadEntry(u, string(e.Visibility))
	}
	if err != nil {
		// An entry the user may not read is answered as a missing one: not found to the
		// public, the refusal to everyone signed in.
		if u == nil {
			return kovit.NotFound()
		}
		return auth.HideMissing(u, err)
	}
	return a.writeJSON(w, r, http.StatusOK, readableEntry(u, e))
}

func (a *API) createEntry(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.advice.CreateEntry, func(e advice.Entry) string {
		return prefix + "/kb/" + strconv.FormatInt(e.ID, 10)
	})
}

func (a *API) updateEntry(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.advice.Entry, a.advice.UpdateEntry, func(before, e advice.Entry, p *kovit.Problems) int {
		readOnly(p, "id", e.ID != before.ID)
		readOnly(p, "inquiry_id", !sameID(e.InquiryID, before.InquiryID))
		readOnly(p, "review_reason", e.ReviewReason != before.ReviewReason)
		return e.Version
	})
}

// now is the time clocks are read at.
func (a *API) now() time.Time { return time.Now() }
