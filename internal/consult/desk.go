package consult

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/desk"
)

// The desk's kinds of consultations: a municipality's answer due on an open consultation
// it has not commented on yet; a coordinator's comments to moderate and to respond to.
const (
	DeskAnswerDue  desk.Kind = "consultation_answer_due"
	DeskToModerate desk.Kind = "consultation_to_moderate"
	DeskToDispose  desk.Kind = "consultation_to_dispose"
)

// Queue is a consultation still running (open or closed) with what waits in it.
type Queue struct {
	Consultation Consultation
	Pending      int // comments waiting for moderation
	Undisposed   int // published comments without a response
	// Commented lists the municipalities (EHAK) that have commented.
	Commented map[string]bool
}

// Queues is what the desk reads of consultations.
type Queues interface {
	// ConsultationQueues lists the open and closed consultations with their queues.
	ConsultationQueues(ctx context.Context) ([]Queue, error)
}

// DeskProvider lists a viewer's consultation items: an editor's municipality's answers
// due while a consultation takes comments, a coordinator's moderation and response queues.
func DeskProvider(q Queues) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, now time.Time) (desk.Found, error) {
		if v.Municipality == "" && !v.Queues {
			return desk.Found{}, nil
		}
		queues, err := q.ConsultationQueues(ctx)
		if err != nil {
			return desk.Found{}, err
		}
		today := now.UTC().Format(time.DateOnly)
		var found desk.Found
		for _, x := range queues {
			c := x.Consultation
			link := "/consultations/" + strconv.FormatInt(c.ID, 10)
			item := desk.Item{TitleEt: c.Title, TitleEn: c.Title, Link: link}
			if v.Municipality != "" && c.Takes(today) && !x.Commented[v.Municipality] {
				i := item
				i.Kind, i.MunicipalityEHAK = DeskAnswerDue, v.Municipality
				i.Date, _ = time.Parse(time.DateOnly, c.ClosesOn)
				found.Items = append(found.Items, i)
			}
			if !v.Queues {
				continue
			}
			if x.Pending > 0 {
				i := item
				i.Kind, i.Count, i.Link, i.Date = DeskToModerate, x.Pending, link+"/comments?status=pending", c.UpdatedAt
				found.Items = append(found.Items, i)
			}
			if x.Undisposed > 0 && c.Phase == Closed {
				i := item
				i.Kind, i.Count, i.Link, i.Date = DeskToDispose, x.Undisposed, link+"/comments?status=published", c.UpdatedAt
				found.Items = append(found.Items, i)
			}
		}
		return found, nil
	}
}
