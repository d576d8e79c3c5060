package training

import (
	"cmp"
	"context"
	"slices"

	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/tabular"
)

// Counts without names: what readers, ministries and the public may know of training.
// A municipality's people are counted per role, never named; peer groups are published
// only as large as the security aggregates (security.MinGroup), so a small group's
// figures cannot be traced to its members.

// RoleCount is how many people in a role the records know, and how many of them hold
// every training their role requires valid on a day.
type RoleCount struct {
	Role    Role    `json:"role"`
	People  int     `json:"people"`
	Covered int     `json:"covered"`
	Share   float64 `json:"share"`
}

// CountsOf counts the people per role with requirements, in the order of Roles; roles
// nobody in the records holds are left out.
func CountsOf(records []Record, reqs []Requirement, day string) []RoleCount {
	byRole := map[Role][]int64{}
	for _, q := range reqs {
		byRole[q.Role] = append(byRole[q.Role], q.TrainingID)
	}
	counts := map[Role]*RoleCount{}
	for p, held := range latest(records) {
		required := byRole[p.role]
		if len(required) == 0 {
			continue
		}
		c := counts[p.role]
		if c == nil {
			c = &RoleCount{Role: p.role}
			counts[p.role] = c
		}
		c.People++
		if holdsAll(held, required, day) {
			c.Covered++
		}
	}
	return collect(counts)
}

func holdsAll(held map[int64]Record, required []int64, day string) bool {
	for _, id := range required {
		if r, ok := held[id]; !ok || !r.ValidOn(day) {
			return false
		}
	}
	return true
}

// collect lists counts in the order of Roles, each with its share.
func collect(counts map[Role]*RoleCount) []RoleCount {
	out := []RoleCount{}
	for _, r := range Roles {
		if c := counts[r]; c != nil {
			if c.People > 0 {
				c.Share = float64(c.Covered) / float64(c.People)
			}
			out = append(out, *c)
		}
	}
	return out
}

// MunicipalityCounts is one municipality's counts per role.
type MunicipalityCounts struct {
	MunicipalityEHAK string      `json:"municipality_ehak"`
	Roles            []RoleCount `json:"roles"`
}

// CountsByMunicipality counts every municipality the records know, by EHAK.
func CountsByMunicipality(records []Record, reqs []Requirement, day string) []MunicipalityCounts {
	by := map[string][]Record{}
	for _, r := range records {
		by[r.MunicipalityEHAK] = append(by[r.MunicipalityEHAK], r)
	}
	out := make([]MunicipalityCounts, 0, len(by))
	for ehak, rs := range by {
		if roles := CountsOf(rs, reqs, day); len(roles) > 0 {
			out = append(out, MunicipalityCounts{MunicipalityEHAK: ehak, Roles: roles})
		}
	}
	slices.SortFunc(out, func(a, b MunicipalityCounts) int { return cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK) })
	return out
}

// GroupCounts is a peer group's counts per role, summed over its municipalities with
// records: the share of the required roles covered.
type GroupCounts struct {
	Group          string      `json:"group"` // as security.Spread: country, type, band, county
	Key            string      `json:"key"`
	Municipalities int         `json:"municipalities"`
	Roles          []RoleCount `json:"roles"`
}

// GroupsOf sums the municipalities' counts by peer group and keeps the groups of at
// least security.MinGroup municipalities.
func GroupsOf(counts []MunicipalityCounts, ms []municipality.Municipality) []GroupCounts {
	byEHAK := make(map[string]MunicipalityCounts, len(counts))
	for _, c := range counts {
		byEHAK[c.MunicipalityEHAK] = c
	}
	type sum struct {
		members int
		roles   map[Role]*RoleCount
	}
	groups := map[[2]string]*sum{}
	for _, m := range ms {
		c, ok := byEHAK[m.EHAK]
		if !ok {
			continue
		}
		for _, g := range security.PeerGroups(m) {
			s := groups[g]
			if s == nil {
				s = &sum{roles: map[Role]*RoleCount{}}
				groups[g] = s
			}
			s.members++
			for _, rc := range c.Roles {
				t := s.roles[rc.Role]
				if t == nil {
					t = &RoleCount{Role: rc.Role}
					s.roles[rc.Role] = t
				}
				t.People += rc.People
				t.Covered += rc.Covered
			}
		}
	}
	out := []GroupCounts{}
	for g, s := range groups {
		if s.members >= security.MinGroup {
			out = append(out, GroupCounts{Group: g[0], Key: g[1], Municipalities: s.members, Roles: collect(s.roles)})
		}
	}
	slices.SortFunc(out, func(a, b GroupCounts) int {
		return cmp.Or(cmp.Compare(security.GroupOrder[a.Group], security.GroupOrder[b.Group]), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// LoadCounts reads every record and requirement and counts them on day: the peer groups
// over ms, and each municipality's counts. It does not ask who reads: the surfaces drop
// the municipalities for whom auth.CanReadTrainingCounts refuses.
func LoadCounts(ctx context.Context, s Store, day string, ms []municipality.Municipality) ([]GroupCounts, []MunicipalityCounts, error) {
	records, err := RecordsWithCounted(ctx, s, "")
	if err != nil {
		return nil, nil, err
	}
	reqs, err := s.TrainingRequirements(ctx)
	if err != nil {
		return nil, nil, err
	}
	by := CountsByMunicipality(records, reqs, day)
	return GroupsOf(by, ms), by, nil
}

// CountColumns head CountsSheet.
var CountColumns = []tabular.Column{{Et: "Rühm või KOV", En: "Group or municipality"}, {Et: "Omavalitsusi", En: "Municipalities"},
	{Et: "Roll", En: "Role"}, {Et: "Isikuid", En: "People"}, {Et: "Nõuded täidetud", En: "Covered"}, {Et: "Osakaal", En: "Share"}}

// CountsSheet is the counts without names as a sheet: the peer groups (named by
// groupName), then the municipalities given (named by name), a row per role.
func CountsSheet(groups []GroupCounts, ms []MunicipalityCounts, groupName func(GroupCounts) string, name func(string) string, lang string) tabular.Table {
	t := tabular.Table{Sheet: "koolitatus", Header: tabular.Headers(CountColumns, lang)}
	for _, g := range groups {
		for _, c := range g.Roles {
			t.Rows = append(t.Rows, []any{groupName(g), g.Municipalities, pick(roleNames[c.Role], lang), c.People, c.Covered, c.Share})
		}
	}
	for _, m := range ms {
		for _, c := range m.Roles {
			t.Rows = append(t.Rows, []any{name(m.MunicipalityEHAK), 1, pick(roleNames[c.Role], lang), c.People, c.Covered, c.Share})
		}
	}
	return t
}

// CountFor is role's count among counts; false when nobody in the records holds it.
func CountFor(counts []RoleCount, role Role) (RoleCount, bool) {
	i := slices.IndexFunc(counts, func(c RoleCount) bool { return c.Role == role })
	if i < 0 {
		return RoleCount{}, false
	}
	return counts[i], true
}
