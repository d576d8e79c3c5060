package training

import (
	"cmp"
	"slices"
	"time"
)

// A person is who records name: the same name and role in the same municipality. Only
// people with at least one completion are known; a municipality that records by name
// records each person's trainings.
type person struct {
	ehak, name string
	role       Role
	counted    bool
}

// Gap is a required training a person lacks on a day: never completed (Expired "") or
// completed but expired then (Expired the day it did).
type Gap struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	Person           string `json:"person"`
	Role             Role   `json:"role"`
	TrainingID       int64  `json:"training_id"`
	Expired          string `json:"expired,omitempty"`
}

// latest is each person's latest completion of each training: a renewed certificate
// replaces the one before it.
func latest(records []Record) map[person]map[int64]Record {
	out := make(map[person]map[int64]Record, len(records))
	for _, r := range records {
		p := person{r.MunicipalityEHAK, r.Person, r.Role, r.Counted}
		byTraining := out[p]
		if byTraining == nil {
			byTraining = map[int64]Record{}
			out[p] = byTraining
		}
		if old, ok := byTraining[r.TrainingID]; !ok || later(r, old) {
			byTraining[r.TrainingID] = r
		}
	}
	return out
}

// later reports whether a outlasts b: never expiring beats any date.
func later(a, b Record) bool {
	if a.ExpiresOn == "" || b.ExpiresOn == "" {
		return a.ExpiresOn == "" && (b.ExpiresOn != "" || a.CompletedOn > b.CompletedOn)
	}
	return a.ExpiresOn > b.ExpiresOn
}

// Gaps lists, for every named person the records know (CountGaps has the counted ones), each training their role requires that
// they do not hold valid on day, by municipality, person and training.
func Gaps(records []Record, reqs []Requirement, day string) []Gap {
	byRole := map[Role][]int64{}
	for _, q := range reqs {
		byRole[q.Role] = append(byRole[q.Role], q.TrainingID)
	}
	out := []Gap{}
	for p, held := range latest(records) {
		if p.counted {
			continue
		}
		for _, id := range byRole[p.role] {
			r, ok := held[id]
			switch {
			case !ok || r.CompletedOn > day:
				out = append(out, Gap{MunicipalityEHAK: p.ehak, Person: p.name, Role: p.role, TrainingID: id})
			case !r.ValidOn(day):
				out = append(out, Gap{MunicipalityEHAK: p.ehak, Person: p.name, Role: p.role, TrainingID: id, Expired: r.ExpiresOn})
			}
		}
	}
	slices.SortFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK), cmp.Compare(a.Person, b.Person),
			cmp.Compare(a.Role, b.Role), cmp.Compare(a.TrainingID, b.TrainingID))
	})
	return out
}

// Expiring lists the latest completions that are valid on day and expire within the
// given days after it, soonest first: a renewed certificate's old one is not listed, nor
// a counted person's, who has no name to remind.
func Expiring(records []Record, day string, within int) []Record {
	until := addDays(day, within)
	out := []Record{}
	for _, held := range latest(records) {
		for _, r := range held {
			if !r.Counted && r.ExpiresOn != "" && r.ValidOn(day) && r.ExpiresOn <= until {
				out = append(out, r)
			}
		}
	}
	slices.SortFunc(out, func(a, b Record) int {
		return cmp.Or(cmp.Compare(a.ExpiresOn, b.ExpiresOn), cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK),
			cmp.Compare(a.Person, b.Person), cmp.Compare(a.TrainingID, b.TrainingID))
	})
	return out
}

// Coverage is how many people whose role requires training hold all of it on a day: the
// awareness measure's figure.
type Coverage struct {
	Day     string `json:"day"`
	People  int    `json:"people"`
	Covered int    `json:"covered"`
}

// Share is Covered of People, 0 when nobody needs training.
func (c Coverage) Share() float64 {
	if c.People == 0 {
		return 0
	}
	return float64(c.Covered) / float64(c.People)
}

// CoverageOf counts the people the records know whose role has requirements, and those
// of them without a gap on day (as Gaps finds them).
func CoverageOf(records []Record, reqs []Requirement, day string) Coverage {
	byRole := map[Role][]int64{}
	for _, q := range reqs {
		byRole[q.Role] = append(byRole[q.Role], q.TrainingID)
	}
	c := Coverage{Day: day}
	for p, held := range latest(records) {
		required := byRole[p.role]
		if len(required) == 0 {
			continue
		}
		c.People++
		if holdsAll(held, required, day) {
			c.Covered++
		}
	}
	return c
}

// addDays is day plus n days; day as it is when it is not a date.
func addDays(day string, n int) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}
