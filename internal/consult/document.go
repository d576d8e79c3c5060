package consult

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Limits of a document, so one version stays a page a browser shows at once.
const (
	MaxSections    = 100
	MaxHeading     = 300
	MaxSectionBody = 20000
	MaxNote        = 2000
)

// Section is one part of a version. Key stays the same from version to version while the
// heading does, so comments and the diff follow a section through the versions.
type Section struct {
	Key     string `json:"key"`
	Heading string `json:"heading"`
	Body    string `json:"body"`
}

// DocVersion is one version of the consulted document.
type DocVersion struct {
	ID             int64     `json:"id"`
	ConsultationID int64     `json:"consultation_id"`
	Number         int       `json:"number"` // 1, 2, … within the consultation
	Note           string    `json:"note"`   // what changed, in a sentence or two
	Sections       []Section `json:"sections"`
	CreatedAt      time.Time `json:"created_at"`
}

// Section returns the section with key, and whether there is one.
func (v DocVersion) Section(key string) (Section, bool) {
	for _, s := range v.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return Section{}, false
}

// Validate checks a version's note and sections.
func (v DocVersion) Validate() error {
	var p kovit.Problems
	if kovit.TooLong(v.Note, MaxNote) {
		p.Add("note", "error.too_long")
	}
	switch {
	case len(v.Sections) == 0:
		p.Add("sections", "consult.error.no_sections")
	case len(v.Sections) > MaxSections:
		p.Add("sections", "consult.error.too_many_sections")
	}
	seen := map[string]bool{}
	for i, s := range v.Sections {
		field := "sections[" + strconv.Itoa(i) + "]"
		required(&p, field+".heading", s.Heading, MaxHeading)
		if strings.ContainsAny(s.Heading, "\r\n") {
			p.Add(field+".heading", "consult.error.heading_line")
		}
		if kovit.TooLong(s.Body, MaxSectionBody) {
			p.Add(field+".body", "error.too_long")
		}
		if s.Key == "" || seen[s.Key] {
			p.Add(field+".key", "consult.error.section_key")
		}
		seen[s.Key] = true
	}
	return p.Err()
}

// ParseText reads a document typed as text: each line that starts with "# " begins a
// section with that heading, and the lines up to the next such line are its body. Text
// before the first heading is refused, as it would belong to no section.
func ParseText(text string) ([]Section, error) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []Section
	var body []string
	flush := func() {
		if len(out) > 0 {
			out[len(out)-1].Body = strings.TrimSpace(strings.Join(body, "\n"))
		}
		body = body[:0]
	}
	for _, line := range strings.Split(text, "\n") {
		if h, ok := strings.CutPrefix(line, "# "); ok {
			flush()
			out = append(out, Section{Heading: strings.TrimSpace(h)})
			continue
		}
		if len(out) == 0 {
			if strings.TrimSpace(line) != "" {
				return nil, textProblem("consult.error.text_before_heading")
			}
			continue
		}
		body = append(body, line)
	}
	flush()
	if len(out) > MaxSections {
		return nil, textProblem("consult.error.too_many_sections")
	}
	return out, nil
}

// Text writes sections back in the form ParseText reads, so a new version starts from
// the last one.
func Text(sections []Section) string {
	var b strings.Builder
	for i, s := range sections {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("# " + s.Heading + "\n\n" + s.Body)
	}
	return b.String()
}

// Keyed gives each section its key: the key of the previous version's section with the
// same heading, or else the next number no section has had, so a renamed or new section
// starts a trace of its own and a removed one's key is never given again.
func Keyed(sections []Section, previous []Section, used []string) []Section {
	byHeading := map[string]string{}
	taken := map[string]bool{}
	next := 1
	note := func(k string) {
		taken[k] = true
		if n, err := strconv.Atoi(k); err == nil && n >= next {
			next = n + 1
		}
	}
	for _, k := range used {
		note(k)
	}
	for _, s := range previous {
		note(s.Key)
		if _, dup := byHeading[fold(s.Heading)]; !dup {
			byHeading[fold(s.Heading)] = s.Key
		}
	}
	out := make([]Section, len(sections))
	given := map[string]bool{}
	for i, s := range sections {
		if k, ok := byHeading[fold(s.Heading)]; ok && !given[k] {
			s.Key = k
		} else {
			s.Key = strconv.Itoa(next)
			next++
		}
		given[s.Key] = true
		out[i] = s
	}
	return out
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func textProblem(key string) error {
	var p kovit.Problems
	p.Add("text", key)
	return p.Err()
}
