package training

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// Counted completions: a municipality that does not want to name its staff records, per
// training and role, how many people completed it on a day. Each entry is a cohort of
// different people; a cohort's renewal replaces its old entry (delete it, record the new
// one), as the counts cannot tell renewed people from new ones.
//
// Without names, who holds which training is unknown; the counts assume the fewest
// people the entries allow: the people of a role are its largest training's cohorts,
// and those who hold every required training are its smallest valid one's. Expand makes
// that rule concrete by numbering each role's counted people per training, so that the
// counts, coverage and awareness figures treat named and counted completions alike.

// MaxCountPeople bounds a counted completion: more than any Estonian municipality employs.
const MaxCountPeople = 10000

// Count is how many people in a role of a municipality completed a training on a day.
// ExpiresOn is computed from the training's validity, as a Record's.
type Count struct {
	ID               int64     `json:"id"`
	MunicipalityEHAK string    `json:"municipality_ehak"`
	Role             Role      `json:"role"`
	TrainingID       int64     `json:"training_id"`
	CompletedOn      string    `json:"completed_on"`
	ExpiresOn        string    `json:"expires_on"`
	People           int       `json:"people"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
}

// Normalize trims the entered date and computes the expiry from t's validity.
func (c *Count) Normalize(t Training) {
	c.CompletedOn = strings.TrimSpace(c.CompletedOn)
	c.ExpiresOn = Expiry(c.CompletedOn, t.ValidMonths)
}

// Validate checks a counted completion; today bounds its date (none in the future).
func (c Count) Validate(trainings []Training, today string) error {
	var p kovit.Problems
	if !c.Role.Valid() {
		p.Add("role", "training.error.role")
	}
	if !slices.ContainsFunc(trainings, func(t Training) bool { return t.ID == c.TrainingID }) {
		p.Add("training_id", "training.error.training")
	}
	switch {
	case !validDay(c.CompletedOn):
		p.Add("completed_on", "training.error.date")
	case c.CompletedOn > today:
		p.Add("completed_on", "training.error.future")
	}
	if c.People < 1 || c.People > MaxCountPeople {
		p.Add("people", "training.error.people")
	}
	return p.Err()
}

// ValidOn reports whether the counted completions count on day.
func (c Count) ValidOn(day string) bool {
	return c.CompletedOn <= day && (c.ExpiresOn == "" || c.ExpiresOn > day)
}

// Expand is counts as one Record per counted person, marked Counted and numbered per
// municipality, role and training in the order the cohorts were completed: person n of a
// role holds every training whose cohorts reach n people.
func Expand(counts []Count) []Record {
	sorted := slices.Clone(counts)
	slices.SortFunc(sorted, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK), cmp.Compare(a.Role, b.Role),
			cmp.Compare(a.TrainingID, b.TrainingID), cmp.Compare(a.CompletedOn, b.CompletedOn), cmp.Compare(a.ID, b.ID))
	})
	type key struct {
		ehak     string
		role     Role
		training int64
	}
	next := map[key]int{}
	out := []Record{}
	for _, c := range sorted {
		k := key{c.MunicipalityEHAK, c.Role, c.TrainingID}
		for range c.People {
			next[k]++
			out = append(out, Record{MunicipalityEHAK: c.MunicipalityEHAK, Person: fmt.Sprint(next[k]), Role: c.Role,
				TrainingID: c.TrainingID, CompletedOn: c.CompletedOn, ExpiresOn: c.ExpiresOn, Counted: true})
		}
	}
	return out
}

// WithCounted is the named records followed by the counted people of counts.
func WithCounted(records []Record, counts []Count) []Record {
	return append(slices.Clip(records), Expand(counts)...)
}

// CountGap is a required training that counted people of a role lack on a day: of the
// role's counted people (People), Valid hold it valid.
type CountGap struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	Role             Role   `json:"role"`
	TrainingID       int64  `json:"training_id"`
	People           int    `json:"people"`
	Valid            int    `json:"valid"`
	Missing          int    `json:"missing"`
}

// CountGaps is the gap of the counted people per municipality, role and required
// training on day: the role's counted people minus those holding the training valid.
func CountGaps(counts []Count, reqs []Requirement, day string) []CountGap {
	byRole := map[Role][]int64{}
	for _, q := range reqs {
		byRole[q.Role] = append(byRole[q.Role], q.TrainingID)
	}
	type roleKey struct {
		ehak string
		role Role
	}
	type trainingKey struct {
		roleKey
		training int64
	}
	done, valid := map[trainingKey]int{}, map[trainingKey]int{}
	people := map[roleKey]int{}
	for _, c := range counts {
		if c.CompletedOn > day {
			continue
		}
		k := trainingKey{roleKey{c.MunicipalityEHAK, c.Role}, c.TrainingID}
		done[k] += c.People
		if c.ValidOn(day) {
			valid[k] += c.People
		}
		people[k.roleKey] = max(people[k.roleKey], done[k])
	}
	out := []CountGap{}
	for rk, n := range people {
		for _, id := range byRole[rk.role] {
			v := valid[trainingKey{rk, id}]
			if v < n {
				out = append(out, CountGap{MunicipalityEHAK: rk.ehak, Role: rk.role, TrainingID: id, People: n, Valid: v, Missing: n - v})
			}
		}
	}
	slices.SortFunc(out, func(a, b CountGap) int {
		return cmp.Or(cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK), cmp.Compare(slices.Index(Roles, a.Role), slices.Index(Roles, b.Role)),
			cmp.Compare(a.TrainingID, b.TrainingID))
	})
	return out
}

// CountedColumns head CountedSheet.
// They are the attendance sheet's columns, so that the sheet imports back as counts.
var CountedColumns = []tabular.Column{ColRole, ColTraining, ColCompleted, {Et: "Aegub", En: "Expires on"}, ColPeople}

// CountedSheet is a municipality's counted completions as a sheet, with the trainings'
// titles.
func CountedSheet(counts []Count, titles map[int64]string, lang string) tabular.Table {
	t := tabular.Table{Sheet: "koolitatute arv", Header: tabular.Headers(CountedColumns, lang)}
	for _, c := range counts {
		t.Rows = append(t.Rows, []any{pick(roleNames[c.Role], lang), titles[c.TrainingID], c.CompletedOn, c.ExpiresOn, c.People})
	}
	return t
}
