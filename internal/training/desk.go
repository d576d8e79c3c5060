package training

import (
	"context"
	"time"

	"kovit/internal/desk"
)

// The training module's desk items (desk.Provider) for an editor's municipality.
const (
	// DeskExpiring is a person's certificate that expires within ExpiryWindow days.
	DeskExpiring desk.Kind = "training_expiring"
	// DeskGaps stands for the municipality's people lacking a required training; Count
	// is how many trainings are missing, a counted person's (CountGaps) as a named one's.
	DeskGaps desk.Kind = "training_gaps"
)

// DeskProvider lists the viewer's municipality's expiring certificates and its gaps.
// Coordinators and readers get none: coordinators read the gaps of all on their page.
func DeskProvider(s Store) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, now time.Time) (desk.Found, error) {
		if v.Municipality == "" {
			return desk.Found{}, nil
		}
		records, err := s.TrainingRecords(ctx, v.Municipality)
		if err != nil {
			return desk.Found{}, err
		}
		counts, err := s.TrainingCounts(ctx, v.Municipality)
		if err != nil || len(records)+len(counts) == 0 {
			return desk.Found{}, err
		}
		trainings, err := s.Trainings(ctx)
		if err != nil {
			return desk.Found{}, err
		}
		titles := make(map[int64]string, len(trainings))
		for _, t := range trainings {
			titles[t.ID] = t.Title
		}
		link := "/municipalities/" + v.Municipality + "/training"
		day := Day(now)
		var out []desk.Item
		for _, r := range Expiring(records, day, ExpiryWindow) {
			expires, _ := time.Parse(time.DateOnly, r.ExpiresOn)
			out = append(out, desk.Item{Kind: DeskExpiring, MunicipalityEHAK: v.Municipality, TitleEt: titles[r.TrainingID],
				Detail: r.Person, Date: expires, Link: link + "#expiring"})
		}
		reqs, err := s.TrainingRequirements(ctx)
		if err != nil {
			return desk.Found{}, err
		}
		missing := len(Gaps(records, reqs, day))
		for _, g := range CountGaps(counts, reqs, day) {
			missing += g.Missing
		}
		if missing > 0 {
			out = append(out, desk.Item{Kind: DeskGaps, MunicipalityEHAK: v.Municipality, Count: missing, Link: link + "#gaps"})
		}
		return desk.Found{Items: out}, nil
	}
}
