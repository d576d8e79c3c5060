package survey

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/desk"
)

// The desk's kinds of surveys: a municipality's response still due, and a submitted one
// waiting for its lead.
const (
	DeskAnswerDue desk.Kind = "survey_answer_due"
	DeskToApprove desk.Kind = "survey_to_approve"
)

// DeskProvider lists an editor's survey items: every open survey their municipality has
// not yet submitted, and a submitted response, which waits for the lead (isLead says
// whether the viewer may approve it).
func DeskProvider(s Store, isLead func(ctx context.Context, v desk.Viewer) bool) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, now time.Time) (desk.Found, error) {
		if v.Municipality == "" {
			return desk.Found{}, nil
		}
		surveys, err := s.ListSurveys(ctx)
		if err != nil {
			return desk.Found{}, err
		}
		var found desk.Found
		for _, x := range surveys {
			if !x.Open {
				continue
			}
			r, err := s.Response(ctx, x.ID, v.Municipality)
			if err != nil {
				return desk.Found{}, err
			}
			item := desk.Item{MunicipalityEHAK: v.Municipality, TitleEt: x.Title, TitleEn: x.Title,
				Link: "/surveys/" + strconv.FormatInt(x.ID, 10) + "/responses/" + v.Municipality}
			item.Date, _ = time.Parse(time.DateOnly, x.Deadline)
			switch {
			case r.State == Draft:
				item.Kind = DeskAnswerDue
			case r.State == Submitted && isLead(ctx, v):
				item.Kind = DeskToApprove
			default:
				continue
			}
			found.Items = append(found.Items, item)
		}
		return found, nil
	}
}
