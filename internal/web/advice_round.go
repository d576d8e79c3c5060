package web

import (
	"net/http"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// readRound is the round the path names if the user may read it, its view logged when
// the draft is restricted; one they may not read is answered as a missing one is.
func (ui *UI) readRound(r *http.Request) (advice.Round, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r, "id")
	if err != nil {
		return advice.Round{}, err
	}
	rd, err := ui.Rounds.CommentRound(ctx, id)
	if err != nil {
		return rd, auth.HideMissing(u, err)
	}
	if err := auth.CanReadRound(u, rd.Public, u != nil && rd.Names(u.ID)); err != nil {
		return rd, err
	}
	if !rd.Public {
		if err := ui.Rounds.LogRoundView(ctx, rd.ID, u.ID); err != nil {
			return rd, err
		}
	}
	return rd, nil
}

// readableRounds keeps of rounds those u may read.
func readableRounds(u *auth.User, rounds []advice.Round) []advice.Round {
	var out []advice.Round
	for _, rd := range rounds {
		if auth.CanReadRound(u, rd.Public, u != nil && rd.Names(u.ID)) == nil {
			out = append(out, rd)
		}
	}
	return out
}

type roundListPage2 struct {
	advicePage
	Rounds     []advice.Round
	Scorecards []advice.Scorecard
}

// DaysGiven is how many working days the ministry gave for a round.
func (p roundListPage2) DaysGiven(rd advice.Round) int { return p.cal.DaysGiven(rd) }

// GoodPractice is the number of working days good practice asks for.
func (roundListPage2) GoodPractice() int { return advice.GoodPracticeDays }

func (ui *UI) commentRoundList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	all, err := ui.Rounds.ListCommentRounds(ctx)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "advice.rounds.title")
	if err != nil {
		return err
	}
	ap.Sub = "rounds"
	ap.cal = ui.Calendar
	readable := readableRounds(u, all)
	points, err := ui.Rounds.AllPoints(ctx)
	if err != nil {
		return err
	}
	// The scorecard counts the rounds the user may read, so a restricted draft's
	// ministry and dates do not show through it.
	ui.render(w, r, http.StatusOK, "advice/rounds", roundListPage2{advicePage: ap, Rounds: readable, Scorecards: ui.Calendar.Scorecards(readable, points)})
	return nil
}

// sectionView is a section with the comments the user may read on it: their own
// municipality's; the association sees how many there are (the position page lists them).
type sectionView struct {
	advice.Section
	Comments []advice.Comment
	Count    int
}

// roundPage is a round: the draft, its sections with comments, the board.
type roundShowPage struct {
	advicePage
	R          advice.Round
	Sections   []sectionView
	General    []advice.Comment // on the whole draft
	Board      []advice.BoardRow
	Own        string // the editor's municipality, when the round asks it
	Responded  *advice.Response
	CanComment bool
	CanApprove bool
	Views      []advice.View
	DaysGiven  int
	Reminded   int
	Form       form
	// ResponseText is the lead's official response as typed, kept when it is refused.
	ResponseText string
}

// GoodPractice is the number of working days good practice asks for.
func (roundShowPage) GoodPractice() int { return advice.GoodPracticeDays }

func (ui *UI) commentRoundShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadRoundShow(r)
	if err != nil {
		return err
	}
	p.Reminded, _ = strconv.Atoi(r.URL.Query().Get("reminded"))
	ui.render(w, r, http.StatusOK, "advice/round", p)
	return nil
}

func (ui *UI) loadRoundShow(r *http.Request) (roundShowPage, error) {
	ctx := r.Context()
	rd, err := ui.readRound(r)
	if err != nil {
		return roundShowPage{}, err
	}
	ap, err := ui.advicePage(r, "")
	if err != nil {
		return roundShowPage{}, err
	}
	ap.Title, ap.Sub = rd.Title, "rounds"
	p := roundShowPage{advicePage: ap, R: rd, DaysGiven: ui.Calendar.DaysGiven(rd)}
	u := ap.User
	coordinator := auth.CanManageRounds(u) == nil
	if own := auth.ListScope(u).Municipality; own != "" && rd.Asks(own) {
		p.Own = own
	}
	comments, err := ui.Rounds.RoundComments(ctx, rd.ID)
	if err != nil {
		return p, err
	}
	// A municipality reads its own comments here; the association counts them here and
	// reads them on the position page, where it merges them.
	var visible []advice.Comment
	count := map[int64]int{}
	for _, c := range comments {
		if c.SectionID != nil {
			count[*c.SectionID]++
		}
		if c.MunicipalityEHAK == p.Own && p.Own != "" {
			visible = append(visible, c)
		}
	}
	for _, s := range rd.Sections {
		sv := sectionView{Section: s}
		if coordinator {
			sv.Count = count[s.ID]
		}
		for _, c := range visible {
			if c.SectionID != nil && *c.SectionID == s.ID {
				sv.Comments = append(sv.Comments, c)
			}
		}
		p.Sections = append(p.Sections, sv)
	}
	for _, c := range visible {
		if c.SectionID == nil {
			p.General = append(p.General, c)
		}
	}
	responses, err := ui.Rounds.Responses(ctx, rd.ID)
	if err != nil {
		return p, err
	}
	for i := range responses {
		if responses[i].MunicipalityEHAK == p.Own {
			p.Responded = &responses[i]
		}
	}
	if p.Own != "" {
		p.CanComment = p.Responded == nil && auth.CanCommentRound(u, p.Own, true) == nil
		p.CanApprove = p.Responded == nil && auth.CanApproveResponse(u, p.Own) == nil
	}
	if coordinator {
		ms, err := ui.allMunicipalities(ctx)
		if err != nil {
			return p, err
		}
		ehaks := make([]string, len(ms))
		for i, m := range ms {
			ehaks[i] = m.EHAK
		}
		p.Board = advice.Board(rd, ehaks, p.names, comments, responses)
		if !rd.Public {
			if p.Views, err = ui.Rounds.RoundViews(ctx, rd.ID); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// Answered counts the board's municipalities that have responded.
func (p roundShowPage) Answered() int {
	n := 0
	for _, b := range p.Board {
		if b.Answered() {
			n++
		}
	}
	return n
}

// commentRoundBoard is the board of who has answered, with the reminder button.
func (ui *UI) commentRoundBoard(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageRounds(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	p, err := ui.loadRoundShow(r)
	if err != nil {
		return err
	}
	p.Reminded, _ = strconv.Atoi(r.URL.Query().Get("reminded"))
	ui.render(w, r, http.StatusOK, "advice/board", p)
	return nil
}

// commentRoundComment adds a municipality's comment on a section or the whole draft.
func (ui *UI) commentRoundComment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, ehak, err := ui.roundFor(r, func(u *auth.User, ehak string, rd advice.Round) error {
		return auth.CanCommentRound(u, ehak, rd.Asks(ehak))
	})
	if err != nil {
		return err
	}
	var problems kovit.Problems
	c := advice.Comment{RoundID: rd.ID, MunicipalityEHAK: ehak, Body: r.PostFormValue("body"), SectionID: formID(r, "section_id", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Rounds.AddComment(ctx, c); return err })
	return ui.roundSaved(w, r, rd.ID, "flash.saved", "", status, problems, err)
}

// roundFor is the path's round and the municipality a form on its page acts for (the one
// it names, or the user's own), when may lets the user act for it there.
func (ui *UI) roundFor(r *http.Request, may func(u *auth.User, ehak string, rd advice.Round) error) (advice.Round, string, error) {
	u := auth.UserFrom(r.Context())
	rd, err := ui.readRound(r)
	if err != nil {
		return rd, "", err
	}
	ehak := r.PostFormValue("municipality_ehak")
	if ehak == "" {
		ehak = auth.ListScope(u).Municipality
	}
	return rd, ehak, may(u, ehak, rd)
}

// roundSaved answers a save on the round's page: back to it with flash when saved, the
// page with its problems and the response text typed when refused (trySave's status and
// problems).
func (ui *UI) roundSaved(w http.ResponseWriter, r *http.Request, id int64, flash, responseText string, status int, problems kovit.Problems, err error) error {
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/comment-rounds/"+strconv.FormatInt(id, 10), flash)
	}
	p, err := ui.loadRoundShow(r)
	if err != nil {
		return err
	}
	p.Form, p.ResponseText = form{Problems: problems}, responseText
	ui.render(w, r, status, "advice/round", p)
	return nil
}

// commentRoundRespond gives a municipality's official response, approved by its lead.
func (ui *UI) commentRoundRespond(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, ehak, err := ui.roundFor(r, func(u *auth.User, ehak string, _ advice.Round) error { return auth.CanApproveResponse(u, ehak) })
	if err != nil {
		return err
	}
	in := advice.ResponseInput{Text: r.PostFormValue("text"), NoComments: r.PostFormValue("no_comments") != ""}
	status, problems, err := trySave(nil, func() error { _, err := ui.Rounds.Respond(ctx, rd.ID, ehak, in); return err })
	return ui.roundSaved(w, r, rd.ID, "advice.flash.responded", in.Text, status, problems, err)
}

// commentRoundRemind tells the municipalities that have not responded.
func (ui *UI) commentRoundRemind(w http.ResponseWriter, r *http.Request) error {
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	n, err := ui.Rounds.RemindRound(r.Context(), rd.ID, "")
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/comment-rounds/"+strconv.FormatInt(rd.ID, 10)+"/board?reminded="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
