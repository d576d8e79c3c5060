package api

import (
	"context"
	"net/http"
	"reflect"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// RoundView is a round of comment as its reader may see it: the comments are the
// reader's municipality's own, or every one for the association, which alone gets the
// board of who has answered.
type RoundView struct {
	Round     advice.Round      `json:"round"`
	DaysGiven int               `json:"days_given"`
	Comments  []advice.Comment  `json:"comments"`
	Responses []advice.Response `json:"responses"`
	Board     []advice.BoardRow `json:"board,omitempty"`
}

// PositionView is a round's consolidated position with the comments its reader may see
// and what became of them.
type PositionView struct {
	RoundID  int64            `json:"round_id"`
	Points   []advice.Point   `json:"points"`
	Comments []advice.Comment `json:"comments"`
}

// ResponseRequest names the municipality whose official response is given.
type ResponseRequest struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	// Text and NoComments are the lead's official response (advice.ResponseInput).
	Text       string `json:"text"`
	NoComments bool   `json:"no_comments"`
}

// DispositionsRequest is the ministry's answers to a position's points, applied all or
// none.
type DispositionsRequest struct {
	Rows []DispositionInput `json:"rows"`
}

// DispositionInput is the ministry's answer to point Number.
type DispositionInput struct {
	Number      int                `json:"number"`
	Disposition advice.Disposition `json:"disposition"`
	Reason      string             `json:"reason"`
}

// readRound is the round the path names if the user may read it, its view logged when
// restricted; otherwise answered as a missing one.
func (a *API) readRound(r *http.Request) (advice.Round, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r)
	if err != nil {
		return advice.Round{}, err
	}
	rd, err := a.rounds.CommentRound(ctx, id)
	if err != nil {
		return rd, auth.HideMissing(u, err)
	}
	if err := auth.CanReadRound(u, rd.Public, u != nil && rd.Names(u.ID)); err != nil {
		return rd, err
	}
	if !rd.Public {
		if err := a.rounds.LogRoundView(ctx, rd.ID, u.ID); err != nil {
			return rd, err
		}
	}
	return rd, nil
}

// managedRound is the path's round for one who manages rounds (the association).
func (a *API) managedRound(r *http.Request) (advice.Round, error) {
	if err := auth.CanManageRounds(auth.UserFrom(r.Context())); err != nil {
		return advice.Round{}, err
	}
	return a.readRound(r)
}

func (a *API) listCommentRounds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	all, err := a.rounds.ListCommentRounds(ctx)
	if err != nil {
		return err
	}
	var out []advice.Round
	for _, rd := range all {
		if auth.CanReadRound(u, rd.Public, rd.Names(u.ID)) == nil {
			out = append(out, rd)
		}
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(orEmpty(out), pg))
}

// createCommentRound opens a round; the internal deadline is computed, not taken.
func (a *API) createCommentRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var rd advice.Round
	if err := decodeJSON(w, r, &rd); err != nil {
		return err
	}
	cal, err := a.cal()
	if err != nil {
		return err
	}
	cal.Schedule(&rd)
	if rd, err = a.rounds.CreateCommentRound(ctx, rd); err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/comment-rounds/"+strconv.FormatInt(rd.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, rd)
}

// visibleComments keeps the comments u may read: their municipality's, or all for the
// association.
func visibleComments(u *auth.User, all []advice.Comment) []advice.Comment {
	coordinator := auth.CanManageRounds(u) == nil
	own := auth.ListScope(u).Municipality
	out := []advice.Comment{}
	for _, c := range all {
		if coordinator || own != "" && c.MunicipalityEHAK == own {
			out = append(out, c)
		}
	}
	return out
}

func (a *API) getCommentRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	rd, err := a.readRound(r)
	if err != nil {
		return err
	}
	comments, err := a.rounds.RoundComments(ctx, rd.ID)
	if err != nil {
		return err
	}
	responses, err := a.rounds.Responses(ctx, rd.ID)
	if err != nil {
		return err
	}
	cal, err := a.cal()
	if err != nil {
		return err
	}
	own, coordinator := auth.ListScope(u).Municipality, auth.CanManageRounds(u) == nil
	for i := range responses {
		responses[i] = responses[i].For(own, coordinator)
	}
	v := RoundView{Round: rd, DaysGiven: cal.DaysGiven(rd), Comments: visibleComments(u, comments), Responses: responses}
	if auth.CanManageRounds(u) == nil {
		names, ehaks, err := a.municipalityOrder(r)
		if err != nil {
			return err
		}
		v.Board = advice.Board(rd, ehaks, names, comments, responses)
	}
	return a.writeJSON(w, r, http.StatusOK, v)
}

func (a *API) municipalityOrder(r *http.Request) (map[string]string, []string, error) {
	ms, _, err := a.municipalities.ListMunicipalities(r.Context(), municipality.Filter{Limit: municipality.MaxLimit})
	names := map[string]string{}
	var ehaks []string
	for _, m := range ms {
		names[m.EHAK] = m.Name
		ehaks = append(ehaks, m.EHAK)
	}
	return names, ehaks, err
}

// addRoundComment adds a municipality's comment to a round that asks it.
func (a *API) addRoundComment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.readRound(r)
	if err != nil {
		return err
	}
	var c advice.Comment
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	if err := auth.CanCommentRound(auth.UserFrom(ctx), c.MunicipalityEHAK, rd.Asks(c.MunicipalityEHAK)); err != nil {
		return err
	}
	c.RoundID = rd.ID
	if c, err = a.rounds.AddComment(ctx, c); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, c)
}

// respondRound gives a municipality's official response.
func (a *API) respondRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.readRound(r)
	if err != nil {
		return err
	}
	var in ResponseRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := auth.CanApproveResponse(auth.UserFrom(ctx), in.MunicipalityEHAK); err != nil {
		return err
	}
	resp, err := a.rounds.Respond(ctx, rd.ID, in.MunicipalityEHAK, advice.ResponseInput{Text: in.Text, NoComments: in.NoComments})
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, resp)
}

func (a *API) getPosition(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	rd, err := a.readRound(r)
	if err != nil {
		return err
	}
	// The position is the association's and the asked municipalities' (their own
	// comments' fates); a reader or a municipality not asked has no part in it.
	if own := auth.ListScope(u).Municipality; auth.CanManageRounds(u) != nil && (own == "" || !rd.Asks(own)) {
		return kovit.Forbidden()
	}
	points, err := a.rounds.Points(ctx, rd.ID)
	if err != nil {
		return err
	}
	comments, err := a.rounds.RoundComments(ctx, rd.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, PositionView{RoundID: rd.ID, Points: points, Comments: visibleComments(u, comments)})
}

func (a *API) addPoint(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.managedRound(r)
	if err != nil {
		return err
	}
	var p advice.Point
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	p.RoundID = rd.ID
	if p, err = a.rounds.AddPoint(ctx, p); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, p)
}

// decideComment records what became of a comment of the round.
func (a *API) decideComment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.managedRound(r)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		return kovit.NotFound()
	}
	var d advice.Decision
	if err := decodeJSON(w, r, &d); err != nil {
		return err
	}
	comments, err := a.rounds.RoundComments(ctx, rd.ID)
	if err != nil {
		return err
	}
	found := false
	for _, c := range comments {
		found = found || c.ID == cid
	}
	if !found {
		return kovit.NotFound()
	}
	c, err := a.rounds.DecideComment(ctx, cid, d)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

// setDispositions applies the ministry's answers, every row or none.
func (a *API) setDispositions(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.managedRound(r)
	if err != nil {
		return err
	}
	var in DispositionsRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	points, err := a.rounds.Points(ctx, rd.ID)
	if err != nil {
		return err
	}
	known := map[int]bool{}
	for _, p := range points {
		known[p.Number] = true
	}
	var pr kovit.Problems
	rows := make([]advice.DispositionRow, 0, len(in.Rows))
	seen := map[int]bool{}
	for i, row := range in.Rows {
		at := "rows[" + strconv.Itoa(i) + "]"
		if !known[row.Number] || seen[row.Number] {
			pr.Add(at+".number", "advice.error.unknown_point")
		}
		seen[row.Number] = true
		if !row.Disposition.Valid() || row.Disposition == advice.NoAnswer {
			pr.Add(at+".disposition", "advice.error.disposition")
		}
		if kovit.TooLong(row.Reason, 20000) {
			pr.Add(at+".reason", "error.too_long")
		}
		rows = append(rows, advice.DispositionRow{Number: row.Number, Disposition: row.Disposition, Reason: row.Reason})
	}
	if err := pr.Err(); err != nil {
		return err
	}
	if err := a.rounds.ImportDispositions(ctx, rd.ID, rows); err != nil {
		return err
	}
	if points, err = a.rounds.Points(ctx, rd.ID); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, points)
}

// updateCommentRound changes a round's details; its sections stay, and its internal
// deadline is computed again from the ministry's deadline.
func (a *API) updateCommentRound(w http.ResponseWriter, r *http.Request) error {
	cal, err := a.cal()
	if err != nil {
		return err
	}
	save := func(ctx context.Context, rd advice.Round) (advice.Round, error) {
		cal.Schedule(&rd)
		return a.rounds.UpdateCommentRound(ctx, rd)
	}
	return patchNational(a, w, r, a.rounds.CommentRound, save, func(before, rd advice.Round, p *kovit.Problems) int {
		readOnly(p, "id", rd.ID != before.ID)
		readOnly(p, "sections", !reflect.DeepEqual(rd.Sections, before.Sections))
		return rd.Version
	})
}
