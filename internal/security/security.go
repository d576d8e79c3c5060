// Package security is the yearly E-ITS self-assessment of every municipality: the module
// catalogue by year, the measures imported from RIA's E-ITS API, the rounds a coordinator
// opens, each municipality's embargoed answers and the peer aggregates published from them.
package security

import (
	"strconv"
	"strings"

	"kovit/internal/kovit"
)

// Module is one row of an E-ITS catalogue year: a module (e.g. ISMS.1) or a group header
// (e.g. OPS.1.1), which holds modules and is never assessed itself.
type Module struct {
	Year    int    `json:"year"`
	Group   string `json:"group"`
	Code    string `json:"code"`
	TitleEt string `json:"title_et"`
	TitleEn string `json:"title_en"`
	Header  bool   `json:"header"`
}

// MarkHeaders sets Header on every row that another row's code extends (OPS.1.1 of
// OPS.1.1.1): the catalogue file lists groups and modules alike.
func MarkHeaders(ms []Module) {
	for i := range ms {
		ms[i].Header = false
		for _, o := range ms {
			if o.Year == ms[i].Year && strings.HasPrefix(o.Code, ms[i].Code+".") {
				ms[i].Header = true
				break
			}
		}
	}
}

// Validate checks one catalogue row.
func (m Module) Validate() error {
	var p kovit.Problems
	if m.Year < 2000 || m.Year > 2200 {
		p.Add("year", "security.error.year")
	}
	if !validCode(m.Code) {
		p.Add("code", "security.error.code")
	}
	if m.Group == "" || !strings.HasPrefix(m.Code, m.Group) {
		p.Add("group", "security.error.group")
	}
	if strings.TrimSpace(m.TitleEt) == "" {
		p.Add("title_et", "error.required")
	}
	if kovit.TooLong(m.TitleEt, 300) {
		p.Add("title_et", "error.too_long")
	}
	if kovit.TooLong(m.TitleEn, 300) {
		p.Add("title_en", "error.too_long")
	}
	return p.Err()
}

// Modules keeps the rows that are assessed: no group headers.
func Modules(rows []Module) []Module {
	out := make([]Module, 0, len(rows))
	for _, m := range rows {
		if !m.Header {
			out = append(out, m)
		}
	}
	return out
}

// validCode accepts catalogue codes: dot-separated parts of capital letters and digits,
// e.g. ISMS.1, OPS.1.1.2, SYS.EE.1, at most 40 characters.
func validCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// Tier is a measure's level in the catalogue: the basic (MAIN), standard and high tier.
type Tier string

const (
	Basic    Tier = "basic"
	Standard Tier = "standard"
	High     Tier = "high"
)

// Tiers in order, from what every municipality must do to the high-protection extra.
var Tiers = []Tier{Basic, Standard, High}

// Valid reports whether t is a known tier.
func (t Tier) Valid() bool { return t == Basic || t == Standard || t == High }

// TierOfAPI maps RIA's measure type to a tier.
func TierOfAPI(s string) (Tier, bool) {
	switch s {
	case "MAIN":
		return Basic, true
	case "STANDARD":
		return Standard, true
	case "HIGH":
		return High, true
	}
	return "", false
}

// Measure is one E-ITS measure of a catalogue year, e.g. ISMS.1.M1, imported from RIA's API.
type Measure struct {
	Year       int      `json:"year"`
	ID         string   `json:"id"` // the API's id
	Code       string   `json:"code"`
	ModuleCode string   `json:"module_code"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Roles      []string `json:"roles"`
	Tier       Tier     `json:"tier"`
}

// Limits of an imported measure's fields, so one file cannot fill the database.
const (
	MaxMeasures     = 5000
	maxTitle        = 500
	maxBody         = 20000
	maxRoles        = 20
	maxRole         = 200
	maxMeasureIDLen = 100
)

// ModuleOfMeasure is the module a measure code belongs to: ISMS.1 of ISMS.1.M1.
func ModuleOfMeasure(code string) (string, bool) {
	i := strings.LastIndex(code, ".M")
	if i <= 0 {
		return "", false
	}
	if _, err := strconv.Atoi(code[i+2:]); err != nil {
		return "", false
	}
	return code[:i], validCode(code[:i])
}

// Validate checks a measure; prefix names the field's path, e.g. "measures[3].".
func (m Measure) Validate(prefix string) kovit.Problems {
	var p kovit.Problems
	if m.ID == "" || len(m.ID) > maxMeasureIDLen {
		p.Add(prefix+"id", "security.error.measure_id")
	}
	if mod, ok := ModuleOfMeasure(m.Code); !ok || mod != m.ModuleCode {
		p.Add(prefix+"code", "security.error.measure_code")
	}
	if strings.TrimSpace(m.Title) == "" {
		p.Add(prefix+"title", "error.required")
	} else if kovit.TooLong(m.Title, maxTitle) {
		p.Add(prefix+"title", "error.too_long")
	}
	if kovit.TooLong(m.Body, maxBody) {
		p.Add(prefix+"body", "error.too_long")
	}
	if len(m.Roles) > maxRoles {
		p.Add(prefix+"roles", "security.error.roles")
	}
	for _, r := range m.Roles {
		if strings.TrimSpace(r) == "" || kovit.TooLong(r, maxRole) {
			p.Add(prefix+"roles", "security.error.roles")
			break
		}
	}
	if !m.Tier.Valid() {
		p.Add(prefix+"type", "security.error.tier")
	}
	return p
}

// CheckImport checks a catalogue year's measures against its modules: every measure valid,
// of a module of that year, and each code once.
func CheckImport(year int, modules []Module, ms []Measure) error {
	var p kovit.Problems
	if len(ms) == 0 {
		p.Add("measures", "security.error.no_measures")
		return p.Err()
	}
	if len(ms) > MaxMeasures {
		p.Add("measures", "security.error.too_many_measures")
		return p.Err()
	}
	known := map[string]bool{}
	for _, m := range Modules(modules) {
		known[m.Code] = true
	}
	seen := map[string]bool{}
	for i, m := range ms {
		prefix := "measures[" + strconv.Itoa(i) + "]."
		p = append(p, m.Validate(prefix)...)
		if m.Year != year {
			p.Add(prefix+"year", "security.error.year")
		}
		if m.ModuleCode != "" && !known[m.ModuleCode] {
			p.Add(prefix+"code", "security.error.unknown_module")
		}
		if seen[m.Code] {
			p.Add(prefix+"code", "security.error.duplicate")
		}
		seen[m.Code] = true
		if len(p) >= 50 {
			break // enough to show what is wrong with the file
		}
	}
	return p.Err()
}
