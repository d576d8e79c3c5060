package advice

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kovit/internal/kovit"
	"kovit/internal/need"
)

// Visibility is who may read a knowledge-base entry.
type Visibility string

const (
	// Draft is the coordinators' own, while they anonymise and check it.
	Draft Visibility = "draft"
	// Internal is for every signed-in user: municipalities and ministries.
	Internal Visibility = "internal"
	Public   Visibility = "public"
)

// Visibilities lists them from the narrowest.
var Visibilities = []Visibility{Draft, Internal, Public}

// Valid reports whether v is one of Visibilities.
func (v Visibility) Valid() bool { return slices.Contains(Visibilities, v) }

// MaxTags bounds an entry's tags.
const MaxTags = 30

// Entry is a knowledge-base entry: an answer made fit for every municipality to read.
type Entry struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Topic    Topic  `json:"topic"`
	// Tags name the laws and paragraphs and the state systems the answer relies on:
	// "KOKS § 6", "AvTS § 12", "RIHA: Kirjavahetuse register".
	Tags       []string   `json:"tags"`
	Visibility Visibility `json:"visibility"`
	// ReviewedOn is when a coordinator last checked the entry still holds (YYYY-MM-DD).
	ReviewedOn string `json:"reviewed_on"`
	// InquiryID is the question it came from: the coordinators' link back, never shown to
	// others (the entry is anonymised; Anonymous leaves it out).
	InquiryID *int64 `json:"inquiry_id,omitempty"`
	// ReviewReason, when set, says why the entry is flagged for review: a new draft cites
	// a paragraph it is tagged with.
	ReviewReason string    `json:"review_reason,omitempty"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Normalize trims the texts and the tags, dropping repeated tags.
func (e *Entry) Normalize() {
	e.Title = strings.TrimSpace(e.Title)
	e.Question = strings.TrimSpace(e.Question)
	e.Answer = strings.TrimSpace(e.Answer)
	e.ReviewedOn = strings.TrimSpace(e.ReviewedOn)
	tags := []string{}
	for _, t := range e.Tags {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !slices.ContainsFunc(tags, func(x string) bool { return strings.EqualFold(x, t) }) {
			tags = append(tags, t)
		}
	}
	e.Tags = tags
	if e.Visibility == "" {
		e.Visibility = Draft
	}
}

// Validate checks what a coordinator enters.
func (e Entry) Validate() error {
	var p kovit.Problems
	required(&p, "title", e.Title, 300)
	if kovit.TooLong(e.Question, 20000) {
		p.Add("question", "error.too_long")
	}
	required(&p, "answer", e.Answer, 50000)
	if !e.Topic.Valid() {
		p.Add("topic", "advice.error.topic")
	}
	if len(e.Tags) > MaxTags {
		p.Add("tags", "advice.error.tags")
	}
	for _, t := range e.Tags {
		if kovit.TooLong(t, 100) {
			p.Add("tags", "error.too_long")
			break
		}
	}
	if !e.Visibility.Valid() {
		p.Add("visibility", "advice.error.visibility")
	}
	if e.ReviewedOn != "" {
		if _, ok := ParseDay(e.ReviewedOn); !ok {
			p.Add("reviewed_on", "error.date")
		}
	}
	if e.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Anonymous is the entry as a reader outside the coordinators sees it: without the link
// back to the municipality's question, nor the review flag's reason, which may name a
// draft not yet public.
func (e Entry) Anonymous() Entry {
	e.InquiryID = nil
	e.ReviewReason = ""
	return e
}

// FromInquiry is the first draft of an entry from an answered question: its texts with
// the asking municipality's name taken out (names lists the forms to remove, e.g. "Tartu
// linn" and "Tartu"), still a draft for a coordinator to check.
func FromInquiry(q Inquiry, names []string) Entry {
	id := q.ID
	return Entry{Title: Anonymise(q.Subject, names), Question: Anonymise(q.Question, names), Answer: Anonymise(q.Answer, names),
		Topic: q.Topic, Tags: []string{}, Visibility: Draft, InquiryID: &id}
}

// Anonymised stands for a municipality's name in an anonymised text.
const Anonymised = "[KOV]"

// Anonymise replaces every name in names, longest first and in any of its Estonian case
// forms ("Tartu linna", "Tartus"), with Anonymised.
func Anonymise(text string, names []string) string {
	ns := slices.Clone(names)
	slices.SortFunc(ns, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, n := range ns {
		if n = strings.TrimSpace(n); len([]rune(n)) < 3 {
			continue
		}
		re, err := regexp.Compile(`(?i)\b` + regexp.QuoteMeta(n) + `\p{L}{0,5}\b`)
		if err != nil {
			continue
		}
		text = re.ReplaceAllString(text, Anonymised)
	}
	return text
}

// Searchable is what search reads of an entry, folded and stemmed once.
type Searchable struct {
	Title, Body []string // stems (need.Words, or englishWords when English)
	Tags        []string // tags folded (need.Fold)
	// English is the entry's language (English(text)): its stems are English ones.
	English bool
}

// Terms stems an entry for search in its language: with the needs module's Estonian
// stemmer, so "teenuste", "teenusele" and "teenus" find one another, or for an entry
// written in English with englishStem, so "requests" and "requested" find "request".
func Terms(e Entry) Searchable {
	tags := make([]string, len(e.Tags))
	for i, t := range e.Tags {
		tags[i] = need.Fold(t)
	}
	words := need.Words
	english := English(e.Title + " " + e.Question + " " + e.Answer)
	if english {
		words = englishWords
	}
	return Searchable{Title: words(e.Title + " " + strings.Join(e.Tags, " ")), Body: words(e.Question + " " + e.Answer), Tags: tags, English: english}
}

// Score ranks an entry for query q, read in the entry's language: every stem must occur,
// a stem in the title or tags weighs three times one in the body; a query that is a tag
// ("KOKS § 6") matches that tag whole. It is 0 when the entry does not match.
func (s Searchable) Score(q Search) int {
	score := 0
	if q.Tag != "" && slices.Contains(s.Tags, q.Tag) {
		score += 10
	}
	for _, w := range q.Stems(s.English) {
		n := 3*count(s.Title, w) + count(s.Body, w)
		if n == 0 {
			if score >= 10 {
				continue
			}
			return 0
		}
		score += n
	}
	return score
}

func count(ws []string, w string) int {
	n := 0
	for _, x := range ws {
		if x == w {
			n++
		}
	}
	return n
}

// Query is a search as a user typed it: its stems in both languages, since an entry is
// read in its own (Searchable.Score), and, folded, the whole text as a tag.
func Query(text string) Search {
	return Search{Et: need.Words(text), En: englishWords(text), Tag: need.Fold(strings.Join(strings.Fields(text), " "))}
}

// EntryFilter selects knowledge-base entries.
type EntryFilter struct {
	// Visibilities the reader may read; empty means none.
	Visibilities []Visibility
	Topic        Topic
	Tag          string
	Query        string
	// FlaggedOnly lists only the entries flagged for review.
	FlaggedOnly bool
	Limit       int
	Offset      int
}

// Validate checks the filter and fills the default page size.
func (f *EntryFilter) Validate() error {
	var p kovit.Problems
	if f.Topic != "" && !f.Topic.Valid() {
		p.Add("topic", "advice.error.topic")
	}
	if kovit.TooLong(f.Query, 500) {
		p.Add("q", "error.too_long")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	return p.Err()
}

// Cites lists the tags of tags that text cites: a draft citing "KOKS § 6" or "KOKS §6"
// flags every entry tagged "KOKS § 6". Spaces around § do not matter.
func Cites(text string, tags []string) []string {
	flat := squeeze(need.Fold(text))
	var out []string
	for _, t := range tags {
		if k := squeeze(need.Fold(t)); k != "" && citesWhole(flat, k) {
			out = append(out, t)
		}
	}
	return out
}

// squeeze writes s with single spaces and none around §: "koks §6" and "koks § 6" are one cite.
func squeeze(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "§", " § ")), " ")
	return strings.ReplaceAll(s, " § ", "§")
}

// citesWhole reports whether k occurs in s as whole words: "koks§6" is not cited by
// "koks§60" nor by "xkoks§6".
func citesWhole(s, k string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], k)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(k)
		after, _ := utf8.DecodeRuneInString(s[end:])
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		if (end == len(s) || !wordRune(after)) && (start == 0 || !wordRune(before)) {
			return true
		}
		i = i + j + 1
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
