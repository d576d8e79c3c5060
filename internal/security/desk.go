package security

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/desk"
	"kovit/internal/kovit"
)

// The security module's desk items (desk.Provider): an editor's assessment that waits
// for answers, confirmation or sign-off while its round is open.
const (
	// DeskAssessmentDue is an open round in which the editor's municipality has not
	// signed off its assessment; Count is the answers still to confirm.
	DeskAssessmentDue desk.Kind = "security_assessment_due"
	// DeskActivityDone is a "not implemented" answer whose plan activity is complete:
	// the answer's new status is proposed, the activity its evidence.
	DeskActivityDone desk.Kind = "security_activity_done"
)

// DeskProvider lists the assessments due of the viewer's municipality. Coordinators and
// readers get none: a coordinator's progress table is on the round's page.
func DeskProvider(s Store) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, now time.Time) (desk.Found, error) {
		if v.Municipality == "" {
			return desk.Found{}, nil
		}
		rounds, err := s.SecurityRounds(ctx)
		if err != nil {
			return desk.Found{}, err
		}
		today := Day(now)
		var out []desk.Item
		for _, r := range rounds {
			if !r.Writable(today) {
				continue
			}
			a, answers, err := s.SecurityAssessment(ctx, r.ID, v.Municipality)
			switch {
			case kovit.ErrorCode(err) == kovit.ENotFound:
			case err != nil:
				return desk.Found{}, err
			case a.SignedOffOn != "":
				continue
			}
			prefilled := 0
			for _, x := range answers {
				if x.Prefilled {
					prefilled++
				}
			}
			deadline, _ := time.Parse(time.DateOnly, r.Deadline)
			out = append(out, desk.Item{Kind: DeskAssessmentDue, MunicipalityEHAK: v.Municipality, TitleEt: r.Title, Date: deadline,
				Count: prefilled, Link: "/security/rounds/" + strconv.FormatInt(r.ID, 10) + "/municipalities/" + v.Municipality})
		}
		done, err := s.SecurityActivitiesDone(ctx, v.Municipality)
		if err != nil {
			return desk.Found{}, err
		}
		for _, d := range done {
			link := "/security/rounds/" + strconv.FormatInt(d.RoundID, 10) + "/municipalities/" + v.Municipality + "/modules/" + d.ModuleCode
			if d.MeasureCode != "" {
				link += "#m-" + d.MeasureCode
			}
			code := d.ModuleCode
			if d.MeasureCode != "" {
				code = d.MeasureCode
			}
			out = append(out, desk.Item{Kind: DeskActivityDone, MunicipalityEHAK: v.Municipality, TitleEt: code, Detail: d.Title, Link: link})
		}
		return desk.Found{Items: out}, nil
	}
}
