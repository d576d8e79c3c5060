package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// positionPage is the association's position on a round: the numbered points with the
// comments merged into each and the ministry's answer, the comments not adopted, and for
// a municipality the fate of its own comments.
type positionPage struct {
	roundShowPage
	Points    []pointView
	Undecided []advice.Comment
	Rejected  []advice.Comment
	Mine      []commentFate
	Problems  []importProblem
	Fates     []advice.Fate
	Disps     []advice.Disposition
}

type pointView struct {
	advice.Point
	Comments []advice.Comment
	By       []string
	// Events are the point's changes, newest first, for coordinators.
	Events []audit.Event
}

// commentFate is a municipality's comment with what became of it.
type commentFate struct {
	advice.Comment
	Point *advice.Point
}

// SectionHeading names a section of the round by its id.
func (p positionPage) SectionHeading(id *int64) string {
	if id == nil {
		return p.L.T("advice.round.whole_draft")
	}
	if s, ok := p.R.Section(*id); ok {
		return s.Heading
	}
	return ""
}

// SameSection reports whether a point's section is section id, for its form's choice.
func (positionPage) SameSection(sectionID *int64, id int64) bool {
	return sectionID != nil && *sectionID == id
}

func (ui *UI) positionShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPosition(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "advice/position", p)
	return nil
}

func (ui *UI) loadPosition(r *http.Request) (positionPage, error) {
	ctx := r.Context()
	sp, err := ui.loadRoundShow(r)
	if err != nil {
		return positionPage{}, err
	}
	p := positionPage{roundShowPage: sp, Fates: advice.Fates, Disps: advice.Dispositions}
	coordinator := auth.CanManageRounds(sp.User) == nil
	if !coordinator && sp.Own == "" {
		return p, kovit.Forbidden() // neither the association nor a municipality asked
	}
	points, err := ui.Rounds.Points(ctx, sp.R.ID)
	if err != nil {
		return p, err
	}
	comments, err := ui.Rounds.RoundComments(ctx, sp.R.ID)
	if err != nil {
		return p, err
	}
	byID := map[int64]*advice.Point{}
	for i := range points {
		byID[points[i].ID] = &points[i]
	}
	for _, pt := range points {
		pv := pointView{Point: pt}
		if coordinator {
			if pv.Events, _, err = ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindPosition, EntityID: strconv.FormatInt(pt.ID, 10), Limit: 100}); err != nil {
				return p, err
			}
			pv.By = advice.PointBy(pt, comments, p.names)
			for _, c := range comments {
				if c.PointID != nil && *c.PointID == pt.ID {
					pv.Comments = append(pv.Comments, c)
				}
			}
		}
		p.Points = append(p.Points, pv)
	}
	for _, c := range comments {
		switch {
		case coordinator && c.Fate == advice.Undecided:
			p.Undecided = append(p.Undecided, c)
		case coordinator && c.Fate == advice.NotAdopted:
			p.Rejected = append(p.Rejected, c)
		}
		if c.MunicipalityEHAK == sp.Own && sp.Own != "" {
			cf := commentFate{Comment: c}
			if c.PointID != nil {
				cf.Point = byID[*c.PointID]
			}
			p.Mine = append(p.Mine, cf)
		}
	}
	return p, nil
}

// managedPosition is the path's round's position with all that its exports show, for
// one who manages rounds.
func (ui *UI) managedPosition(r *http.Request) (advice.Position, error) {
	ctx := r.Context()
	var p advice.Position
	var err error
	if p.Round, err = ui.managedRound(r); err != nil {
		return p, err
	}
	if p.Points, err = ui.Rounds.Points(ctx, p.Round.ID); err != nil {
		return p, err
	}
	if p.Comments, err = ui.Rounds.RoundComments(ctx, p.Round.ID); err != nil {
		return p, err
	}
	if p.Responses, err = ui.Rounds.Responses(ctx, p.Round.ID); err != nil {
		return p, err
	}
	p.Names, err = ui.municipalityNames(ctx)
	return p, err
}

// positionExport sends the position as the comments-and-responses table.
func (ui *UI) positionExport(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.managedPosition(r)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "seisukoht-"+strconv.FormatInt(p.Round.ID, 10), advice.PositionSheet(p, lang(r)))
}

// positionLetter is the letter's text, plain, to paste into the document system.
func (ui *UI) positionLetter(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.managedPosition(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err = w.Write([]byte(advice.Letter(p, "Eesti Linnade ja Valdade Liit")))
	return err
}

func (ui *UI) renderPositionProblem(w http.ResponseWriter, r *http.Request, status int, problems kovit.Problems, rows []importProblem) error {
	p, err := ui.loadPosition(r)
	if err != nil {
		return err
	}
	p.Form = form{Problems: problems}
	p.Problems = rows
	ui.render(w, r, status, "advice/position", p)
	return nil
}

// managedRound is the path's round for one who manages rounds (coordinators).
func (ui *UI) managedRound(r *http.Request) (advice.Round, error) {
	if err := auth.CanManageRounds(auth.UserFrom(r.Context())); err != nil {
		return advice.Round{}, err
	}
	return ui.readRound(r)
}

// positionSaved answers a save on the position page: back to it when saved, the page with
// its problems when refused (trySave's status and problems).
func (ui *UI) positionSaved(w http.ResponseWriter, r *http.Request, id int64, status int, problems kovit.Problems, err error) error {
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.positionBack(w, r, id)
	}
	return ui.renderPositionProblem(w, r, status, problems, nil)
}

func (ui *UI) positionBack(w http.ResponseWriter, r *http.Request, id int64) error {
	return ui.redirect(w, r, "/comment-rounds/"+strconv.FormatInt(id, 10)+"/position", "flash.saved")
}

// pointCreate adds a numbered point to the position.
func (ui *UI) pointCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	pt := advice.Point{RoundID: rd.ID, Text: r.PostFormValue("text"), SectionID: formID(r, "section_id", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Rounds.AddPoint(ctx, pt); return err })
	return ui.positionSaved(w, r, rd.ID, status, problems, err)
}

// pointUpdate changes a point's text or records the ministry's disposition of it.
func (ui *UI) pointUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	pid, err := pathID(r, "pid")
	if err != nil {
		return err
	}
	if err := ui.pointOfRound(r, rd.ID, pid); err != nil {
		return err
	}
	var problems kovit.Problems
	pt := advice.Point{ID: pid, Text: r.PostFormValue("text"), SectionID: formID(r, "section_id", &problems),
		Disposition: advice.Disposition(r.PostFormValue("disposition")), MinistryReason: r.PostFormValue("ministry_reason"),
		Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Rounds.UpdatePoint(ctx, pt); return err })
	return ui.positionSaved(w, r, rd.ID, status, problems, err)
}

// pointOfRound refuses, as a missing one, a point that is not of round id: a path may not
// reach another round's point through a round its user may read.
func (ui *UI) pointOfRound(r *http.Request, roundID, pid int64) error {
	points, err := ui.Rounds.Points(r.Context(), roundID)
	if err != nil {
		return err
	}
	for _, p := range points {
		if p.ID == pid {
			return nil
		}
	}
	return kovit.NotFound()
}

// commentDecide records what became of a comment: adopted as a point, merged into one,
// or not adopted with a reason.
func (ui *UI) commentDecide(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	cid, err := pathID(r, "cid")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	d := advice.Decision{Fate: advice.Fate(r.PostFormValue("fate")), PointID: formID(r, "point_id", &problems),
		Reason: r.PostFormValue("reason"), Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error {
		c, err := ui.Rounds.DecideComment(ctx, cid, d)
		if err == nil && c.RoundID != rd.ID {
			return kovit.NotFound()
		}
		return err
	})
	return ui.positionSaved(w, r, rd.ID, status, problems, err)
}

// roundBoardApproval records the association board's approval of the position.
func (ui *UI) roundBoardApproval(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	rd.BoardApprovedOn, rd.BoardNote = r.PostFormValue("board_approved_on"), r.PostFormValue("board_note")
	rd.Version = formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Rounds.UpdateCommentRound(ctx, rd); return err })
	return ui.positionSaved(w, r, rd.ID, status, problems, err)
}

// dispositionsImport reads the ministry's table and applies every row or none.
func (ui *UI) dispositionsImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := ui.managedRound(r)
	if err != nil {
		return err
	}
	header, rows, err := readUpload(w, r)
	if status, problem, ok := ui.uploadProblem(r, err); err != nil && ok {
		return ui.renderPositionProblem(w, r, status, nil, []importProblem{problem})
	}
	if err == nil {
		var points []advice.Point
		if points, err = ui.Rounds.Points(ctx, rd.ID); err != nil {
			return err
		}
		var read []advice.DispositionRow
		if read, err = advice.ReadDispositions(header, rows, points); err == nil {
			err = ui.Rounds.ImportDispositions(ctx, rd.ID, read)
		}
	}
	if err == nil {
		return ui.positionBack(w, r, rd.ID)
	}
	var ie *tabular.ImportError
	if errors.As(err, &ie) {
		l := ui.Catalog.Printer(lang(r))
		var out []importProblem
		for _, p := range ie.Rows {
			out = append(out, rowProblem(l, p))
		}
		return ui.renderPositionProblem(w, r, http.StatusUnprocessableEntity, nil, out)
	}
	return err
}

// positionTablePage is the comments-and-responses table as a page to print.
type positionTablePage struct {
	advicePage
	R     advice.Round
	Table tabular.Table
}

// Cell writes a table cell as text.
func (positionTablePage) Cell(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// positionTable shows the comments-and-responses table to print, as the XLSX holds it.
func (ui *UI) positionTable(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.managedPosition(r)
	if err != nil {
		return err
	}
	ap, err := ui.advicePage(r, "advice.position.export")
	if err != nil {
		return err
	}
	ap.Sub = "rounds"
	ui.render(w, r, http.StatusOK, "advice/position_table", positionTablePage{advicePage: ap, R: p.Round, Table: advice.PositionSheet(p, lang(r))})
	return nil
}
