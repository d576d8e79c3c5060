// Package landscape is the association's third task, best practices and tidying up IT: the
// catalogue of solutions municipalities run (with their versions and end of support) and
// every municipality's IT landscape, one row per municipality and solution.
package landscape

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Kind is who builds and licenses a solution.
type Kind string

const (
	KindShared     Kind = "shared"      // built once for many municipalities
	KindCommercial Kind = "commercial"  // bought from a supplier
	KindOwn        Kind = "own"         // a municipality's own development
	KindOpenSource Kind = "open_source" // under an open licence
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{KindShared, KindCommercial, KindOwn, KindOpenSource}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return oneOf(k, Kinds) }

// Area is what a solution is for, so the landscape matrix and the records profile can
// group what does the same job.
type Area string

const (
	AreaRecords   Area = "records"   // document management and the public register
	AreaCouncil   Area = "council"   // council and government sessions
	AreaPortal    Area = "portal"    // e-service intake and self-service
	AreaSocial    Area = "social"    // social services and benefits
	AreaEducation Area = "education" // schools, kindergartens, admissions
	AreaBuilding  Area = "building"  // buildings and planning
	AreaPlatform  Area = "platform"  // national platforms (data exchange, sign-in, web sites)
	AreaFinance   Area = "finance"   // accounting, budgets, payroll
	AreaOther     Area = "other"
)

// Areas lists the areas in the order forms offer them.
var Areas = []Area{AreaRecords, AreaCouncil, AreaPortal, AreaSocial, AreaEducation, AreaBuilding, AreaPlatform, AreaFinance, AreaOther}

// Valid reports whether a is one of Areas.
func (a Area) Valid() bool { return oneOf(a, Areas) }

// State is where a solution stands in the catalogue: a municipality's proposal shows as
// proposed until a coordinator accepts it or merges it into the solution it duplicates.
type State string

const (
	Proposed State = "proposed"
	Accepted State = "accepted"
	Merged   State = "merged"
)

// States lists the catalogue states.
var States = []State{Proposed, Accepted, Merged}

// Valid reports whether s is one of States.
func (s State) Valid() bool { return oneOf(s, States) }

// VersionStatus is where a version is in its life.
type VersionStatus string

const (
	VersionDevelopment VersionStatus = "development"
	VersionActive      VersionStatus = "active"
	VersionMaintenance VersionStatus = "maintenance"
	VersionEnded       VersionStatus = "ended" // end of support
)

// VersionStatuses lists the statuses from first to last.
var VersionStatuses = []VersionStatus{VersionDevelopment, VersionActive, VersionMaintenance, VersionEnded}

// Valid reports whether s is one of VersionStatuses.
func (s VersionStatus) Valid() bool { return oneOf(s, VersionStatuses) }

// Version is one release of a solution.
type Version struct {
	Number string `json:"number"`
	// Released and EndOfSupport are YYYY-MM-DD, "" when not known.
	Released     string        `json:"released"`
	EndOfSupport string        `json:"end_of_support"`
	Status       VersionStatus `json:"status"`
}

// Solution is one entry of the catalogue.
type Solution struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Kind        Kind   `json:"kind"`
	Area        Area   `json:"area"`
	Description string `json:"description"`
	Supplier    string `json:"supplier"`
	// Owner holds the rights: the association, a ministry, a municipality.
	Owner   string `json:"owner"`
	Licence string `json:"licence"`
	// Hosting names the ways it may be run, e.g. "the supplier's cloud, own server".
	Hosting string `json:"hosting"`
	// ServiceCodes are codes of the e-service catalogue the solution supports.
	ServiceCodes []string `json:"service_codes"`
	Links        []string `json:"links"`
	// Standards it follows, e.g. DHX, X-tee.
	Standards []string  `json:"standards"`
	Versions  []Version `json:"versions"`
	State     State     `json:"state"`
	// ProposedBy is the EHAK code of the municipality that proposed it, "" otherwise.
	ProposedBy string `json:"proposed_by"`
	// MergedInto is the solution a merged proposal became part of.
	MergedInto *int64 `json:"merged_into"`
	// Source names where a seeded entry's facts come from (refdata/SOURCES-solutions.md).
	Source    string    `json:"source"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims what people type and drops empty and repeated list entries.
func (s *Solution) Normalize() {
	for _, f := range []*string{&s.Name, &s.Description, &s.Supplier, &s.Owner, &s.Licence, &s.Hosting, &s.Source, &s.ProposedBy} {
		*f = strings.TrimSpace(*f)
	}
	s.ServiceCodes = cleanList(s.ServiceCodes)
	s.Links = cleanList(s.Links)
	s.Standards = cleanList(s.Standards)
	vs := s.Versions[:0:0]
	for _, v := range s.Versions {
		v.Number = strings.TrimSpace(v.Number)
		v.Released = strings.TrimSpace(v.Released)
		v.EndOfSupport = strings.TrimSpace(v.EndOfSupport)
		if v.Number == "" && v.Released == "" && v.EndOfSupport == "" && v.Status == "" {
			continue
		}
		if v.Status == "" {
			v.Status = VersionActive
		}
		vs = append(vs, v)
	}
	s.Versions = vs
	if s.State == "" {
		s.State = Accepted
	}
	if s.Area == "" {
		s.Area = AreaOther
	}
}

// Validate checks a solution as a coordinator or a proposing municipality fills it in.
// That the service codes exist is the store's to check.
func (s Solution) Validate() error {
	var p kovit.Problems
	required(&p, "name", s.Name, 200)
	if !s.Kind.Valid() {
		p.Add("kind", "landscape.error.kind")
	}
	if !s.Area.Valid() {
		p.Add("area", "landscape.error.area")
	}
	if kovit.TooLong(s.Description, 5000) {
		p.Add("description", "error.too_long")
	}
	for field, v := range map[string]string{"supplier": s.Supplier, "owner": s.Owner, "licence": s.Licence, "hosting": s.Hosting, "source": s.Source} {
		if kovit.TooLong(v, 500) {
			p.Add(field, "error.too_long")
		}
	}
	if len(s.ServiceCodes) > 100 {
		p.Add("service_codes", "error.too_long")
	}
	if len(s.Links) > 20 {
		p.Add("links", "error.too_long")
	}
	for _, l := range s.Links {
		if !kovit.ValidURL(l) || kovit.TooLong(l, 500) {
			p.Add("links", "error.url")
			break
		}
	}
	if len(s.Standards) > 20 {
		p.Add("standards", "error.too_long")
	}
	for _, st := range s.Standards {
		if kovit.TooLong(st, 100) {
			p.Add("standards", "error.too_long")
			break
		}
	}
	checkVersions(&p, s.Versions)
	if !s.State.Valid() {
		p.Add("state", "landscape.error.state")
	}
	if s.ProposedBy != "" && len(s.ProposedBy) != 4 {
		p.Add("proposed_by", "landscape.error.municipality")
	}
	if s.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// checkVersions names the first bad version by its place, e.g. versions[2].end_of_support.
func checkVersions(p *kovit.Problems, vs []Version) {
	if len(vs) > 100 {
		p.Add("versions", "error.too_long")
		return
	}
	seen := map[string]bool{}
	for i, v := range vs {
		at := "versions[" + strconv.Itoa(i) + "]."
		switch {
		case v.Number == "":
			p.Add(at+"number", "error.required")
		case kovit.TooLong(v.Number, 50):
			p.Add(at+"number", "error.too_long")
		case seen[v.Number]:
			p.Add(at+"number", "landscape.error.version_twice")
		}
		seen[v.Number] = true
		rel, ok1 := Day(v.Released)
		if !ok1 {
			p.Add(at+"released", "error.date")
		}
		end, ok2 := Day(v.EndOfSupport)
		if !ok2 {
			p.Add(at+"end_of_support", "error.date")
		}
		if ok1 && ok2 && !rel.IsZero() && !end.IsZero() && end.Before(rel) {
			p.Add(at+"end_of_support", "landscape.error.support_before_release")
		}
		if !v.Status.Valid() {
			p.Add(at+"status", "landscape.error.version_status")
		}
	}
}

// FindVersion returns the version numbered n.
func (s Solution) FindVersion(n string) (Version, bool) {
	for _, v := range s.Versions {
		if v.Number == n {
			return v, true
		}
	}
	return Version{}, false
}

// Day reads a YYYY-MM-DD date; "" is no date and fine.
func Day(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil && kovit.ValidDate(t)
}

func required(p *kovit.Problems, field, v string, max int) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, "error.required")
	} else if kovit.TooLong(v, max) {
		p.Add(field, "error.too_long")
	}
}

func cleanList(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !oneOf(s, out) {
			out = append(out, s)
		}
	}
	return out
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
