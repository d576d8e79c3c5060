package desk_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/desk"
)

// adviceRecords answers both the count's keeper and the providers' store from the same
// records, counting what the count asks for.
type adviceRecords struct {
	desk.AdviceKept
	kept int
}

func (a *adviceRecords) KeptAdvice(context.Context) (*desk.AdviceKept, error) {
	a.kept++
	return &a.AdviceKept, nil
}
func (a *adviceRecords) AllInquiries(context.Context) ([]advice.Inquiry, error) {
	return a.Inquiries, nil
}
func (a *adviceRecords) SearchEntries(context.Context, advice.EntryFilter) ([]advice.Entry, int, error) {
	return nil, 0, nil
}
func (a *adviceRecords) ListCommentRounds(context.Context) ([]advice.Round, error) {
	return a.Rounds, nil
}
func (a *adviceRecords) Responses(_ context.Context, id int64) ([]advice.Response, error) {
	var out []advice.Response
	for _, e := range a.Responded[id] {
		out = append(out, advice.Response{RoundID: id, MunicipalityEHAK: e})
	}
	return out, nil
}
func (a *adviceRecords) RoundComments(context.Context, int64) ([]advice.Comment, error) {
	return nil, nil
}
func (a *adviceRecords) Points(context.Context, int64) ([]advice.Point, error) { return nil, nil }

// TestAdviceWaitingReadsKeptRecords: the navigation's count adds the advice items to act
// on from the kept records alone, as many as the providers list of those kinds for the
// same viewer; a reader's count does not even read them.
func TestAdviceWaitingReadsKeptRecords(t *testing.T) {
	cal, err := advice.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) // a Wednesday
	ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	stopped := ago(1)
	recs := &adviceRecords{AdviceKept: desk.AdviceKept{
		Inquiries: []advice.Inquiry{
			{ID: 1, MunicipalityEHAK: "0793", Topic: advice.TopicLaw, State: advice.New, AskedAt: ago(60)}, // very late
			{ID: 2, MunicipalityEHAK: "0784", Topic: advice.TopicLaw, State: advice.New, AskedAt: ago(1)},  // within its target
			{ID: 3, MunicipalityEHAK: "0793", Topic: advice.TopicLaw, State: advice.Waiting, AskedAt: ago(9), // asked back
				StoppedAt: &stopped},
		},
		Rounds: []advice.Round{
			{ID: 1, Public: true, MinistryDeadline: "2026-12-20"},                               // open to all
			{ID: 2, Public: false, Viewers: []int64{99}, MinistryDeadline: "2026-12-20"},        // names someone else
			{ID: 3, Public: true, Recipients: []string{"0784"}, MinistryDeadline: "2026-12-21"}, // asks Tallinn only
			{ID: 4, Public: true, MinistryDeadline: "2026-11-01"},                               // past
		},
		Responded: map[int64][]string{1: {"0784"}},
	}}
	base := func(context.Context, desk.Viewer) (int, error) { return 5, nil }
	count := desk.AdviceWaiting(base, func() time.Time { return now }, cal, recs)
	acts := map[desk.Kind]bool{desk.InquiryVeryLate: true, desk.InquiryLate: true, desk.InquiryAskedBack: true, desk.CommentRoundOpen: true}
	d := desk.Desk{Providers: []desk.Provider{desk.AdviceProvider(recs, cal), desk.RoundsProvider(recs)}}
	// The coordinators' count holds through a day, and moves with the days: a month on,
	// the question asked yesterday is late too.
	later := now.AddDate(0, 1, 0)
	if got, _ := desk.AdviceWaiting(base, func() time.Time { return later }, cal, recs)(context.Background(), desk.Viewer{Queues: true}); got != 5+2 {
		t.Errorf("a month on the coordinator's count is %d, want %d", got, 5+2)
	}
	clock := now
	moving := desk.AdviceWaiting(base, func() time.Time { return clock }, cal, recs)
	for _, at := range []time.Time{now, later, now} {
		clock = at
		if got, _ := moving(context.Background(), desk.Viewer{Queues: true}); got != 5+1 && at == now || got != 5+2 && at == later {
			t.Errorf("at %s the count is %d", at.Format(time.DateOnly), got)
		}
	}
	for _, c := range []struct {
		name      string
		v         desk.Viewer
		want      int
		readsKept bool
	}{
		{"coordinator", desk.Viewer{UserID: 1, Queues: true}, 5 + 1, true},
		{"Tartu's editor", desk.Viewer{UserID: 2, Municipality: "0793"}, 5 + 2, true},
		{"Tallinn's editor, who responded", desk.Viewer{UserID: 3, Municipality: "0784"}, 5 + 1, true},
		{"reader", desk.Viewer{UserID: 4}, 5, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := recs.kept
			got, err := count(context.Background(), c.v)
			if err != nil || got != c.want {
				t.Fatalf("count %d %v, want %d", got, err, c.want)
			}
			if read := recs.kept > before; read != c.readsKept {
				t.Errorf("read the kept records: %v, want %v", read, c.readsKept)
			}
			l, err := d.For(context.Background(), c.v, now)
			if err != nil {
				t.Fatal(err)
			}
			listed := 0
			for k, n := range l.Counts {
				if acts[k] {
					listed += n
				}
			}
			if got-5 != listed {
				t.Errorf("the count adds %d, the desk lists %d to act on", got-5, listed)
			}
		})
	}
}
