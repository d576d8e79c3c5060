package training

import (
	"context"
	"fmt"
	"math"

	"kovit/internal/security"
)

// The awareness measure (E-ITS ORP.3) is computed from the training records instead of
// typed: whatever status a page or the API sends for it, the saved one is the records'.

// AwarenessStatus is the status the records give the awareness measure: implemented when
// every person whose role requires training holds all of it, partly when some do, not
// implemented when none do or nobody is recorded.
func AwarenessStatus(c Coverage) security.Status {
	switch {
	case c.People > 0 && c.Covered == c.People:
		return security.Implemented
	case c.Covered > 0:
		return security.Partly
	}
	return security.NotImplemented
}

// Awareness is answer a of the awareness module with the status computed from c. Its
// evidence is link (the figures) when it has none; its justification says what the
// status was computed from. Owner and due date stay as the user gave them, as open work
// needs them. A module left out keeps its reason and gets no status.
func Awareness(a security.Answer, c Coverage, link string) security.Answer {
	if !a.Applies && a.MeasureCode == "" {
		return a
	}
	a.Status = AwarenessStatus(c)
	a.Justification = fmt.Sprintf("Arvutatud koolituste registrist %s seisuga: %d isikut %d-st (%d%%) on läbinud kõik oma rolli nõutud koolitused.",
		c.Day, c.Covered, c.People, int(math.Round(c.Share()*100)))
	if a.Evidence == "" {
		a.Evidence = link
	}
	return a
}

// LoadCoverage reads municipality ehak's records and the requirements and computes the
// coverage on day. The surfaces ask auth.CanReadTrainingRecords first.
func LoadCoverage(ctx context.Context, s Store, ehak, day string) (Coverage, error) {
	records, err := RecordsWithCounted(ctx, s, ehak)
	if err != nil {
		return Coverage{}, err
	}
	reqs, err := s.TrainingRequirements(ctx)
	if err != nil {
		return Coverage{}, err
	}
	return CoverageOf(records, reqs, day), nil
}

// AwarenessAnswer is in with its status computed from ehak's records on round roundID's
// deadline when it is a computed answer: a measure of the awareness module, or the
// module's own row when the round's catalogue year has no measures for it. Any other
// answer comes back as it is. link is the address of the figures.
func AwarenessAnswer(ctx context.Context, s Store, sec security.Store, roundID int64, ehak string, in security.Answer, link string) (security.Answer, error) {
	if in.ModuleCode != AwarenessModule {
		return in, nil
	}
	rd, err := sec.SecurityRound(ctx, roundID)
	if err != nil {
		return in, err
	}
	if in.MeasureCode == "" {
		measures, err := sec.EITSMeasures(ctx, rd.Year)
		if err != nil {
			return in, err
		}
		for _, m := range measures {
			if m.ModuleCode == AwarenessModule {
				return in, nil // the measures carry the status, not the row
			}
		}
	}
	c, err := LoadCoverage(ctx, s, ehak, rd.Deadline)
	if err != nil {
		return in, err
	}
	return Awareness(in, c, link), nil
}
