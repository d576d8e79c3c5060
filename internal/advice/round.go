package advice

import (
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// GoodPracticeDays is how many working days the Estonian good legislative practice
// (Hea õigusloome ja normitehnika eeskiri § 5 lg 2) asks a ministry to give for comments
// on a draft; a round given fewer is too short on the ministry's scorecard.
const GoodPracticeDays = 15

// DefaultInternalDays is how many working days before the ministry's deadline the
// municipalities' comments are due, so the association can merge them.
const DefaultInternalDays = 5

// Round is a round of comment on one of the state's drafts: the association gathers the
// municipalities' comments on it, merges them into one position and follows what the
// ministry did with each point.
type Round struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`    // the draft's title
	Ministry   string `json:"ministry"` // who asks, e.g. "Regionaal- ja Põllumajandusministeerium"
	DossierURL string `json:"dossier_url"`
	// ReceivedOn is when the ministry sent the draft; MinistryDeadline is the last day for
	// comments (YYYY-MM-DD).
	ReceivedOn       string `json:"received_on"`
	MinistryDeadline string `json:"ministry_deadline"`
	// InternalDays is the association's margin; InternalDeadline is computed from it
	// back from the ministry's deadline in working days (Calendar.Deadlines).
	InternalDays     int    `json:"internal_days"`
	InternalDeadline string `json:"internal_deadline"`
	// Public is false for a draft not yet public: then only Viewers (and the association)
	// may read the round, and every view is logged.
	Public  bool    `json:"public"`
	Viewers []int64 `json:"viewers"`
	// Recipients are the municipalities (EHAK) asked to comment; all of them when empty.
	Recipients []string  `json:"recipients"`
	Sections   []Section `json:"sections"`
	// BoardApproval records the association board's approval of the position.
	BoardApprovedOn string    `json:"board_approved_on"`
	BoardNote       string    `json:"board_note"`
	Version         int       `json:"version"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Section is a part of the draft that municipalities comment on: a paragraph or chapter.
type Section struct {
	ID      int64  `json:"id"`
	Number  int    `json:"number"`  // its order, from 1
	Heading string `json:"heading"` // e.g. "§ 3. KOKS muutmine"
	Text    string `json:"text"`
}

// MaxSections bounds a draft's sections.
const MaxSections = 200

// Normalize trims the texts and numbers the sections in their order.
func (r *Round) Normalize() {
	r.Title = strings.TrimSpace(r.Title)
	r.Ministry = strings.TrimSpace(r.Ministry)
	r.DossierURL = strings.TrimSpace(r.DossierURL)
	r.BoardNote = strings.TrimSpace(r.BoardNote)
	if r.InternalDays == 0 {
		r.InternalDays = DefaultInternalDays
	}
	secs := []Section{}
	for _, s := range r.Sections {
		s.Heading, s.Text = strings.TrimSpace(s.Heading), strings.TrimSpace(s.Text)
		if s.Heading == "" && s.Text == "" {
			continue
		}
		s.Number = len(secs) + 1
		secs = append(secs, s)
	}
	r.Sections = secs
	recips := []string{}
	for _, e := range r.Recipients {
		if e = strings.TrimSpace(e); e != "" && !slices.Contains(recips, e) {
			recips = append(recips, e)
		}
	}
	slices.Sort(recips)
	r.Recipients = recips
	if r.Viewers == nil {
		r.Viewers = []int64{}
	}
}

// Validate checks what a coordinator enters; that recipients and viewers exist is the
// store's to check.
func (r Round) Validate() error {
	var p kovit.Problems
	required(&p, "title", r.Title, 500)
	required(&p, "ministry", r.Ministry, 200)
	if r.DossierURL != "" && (!kovit.ValidURL(r.DossierURL) || kovit.TooLong(r.DossierURL, 2000)) {
		p.Add("dossier_url", "error.url")
	}
	recv, okR := ParseDay(r.ReceivedOn)
	if !okR {
		p.Add("received_on", "error.date")
	}
	dl, okD := ParseDay(r.MinistryDeadline)
	if !okD {
		p.Add("ministry_deadline", "error.date")
	}
	if okR && okD && dl.Before(recv) {
		p.Add("ministry_deadline", "advice.error.deadline_before")
	}
	if _, ok := ParseDay(r.InternalDeadline); okD && !ok {
		p.Add("internal_deadline", "error.date") // Calendar.Schedule fills it
	}
	if r.InternalDays < 0 || r.InternalDays > 60 {
		p.Add("internal_days", "advice.error.internal_days")
	}
	if len(r.Sections) == 0 {
		p.Add("sections", "advice.error.sections")
	}
	if len(r.Sections) > MaxSections {
		p.Add("sections", "advice.error.too_many_sections")
	}
	for _, s := range r.Sections {
		if kovit.TooLong(s.Heading, 300) || kovit.TooLong(s.Text, 50000) {
			p.Add("sections", "error.too_long")
			break
		}
	}
	if !r.Public && len(r.Viewers) == 0 {
		p.Add("viewers", "advice.error.viewers")
	}
	if len(r.Viewers) > 500 {
		p.Add("viewers", "error.too_long")
	}
	for _, e := range r.Recipients {
		if len(e) != 4 {
			p.Add("recipients", "advice.error.municipality")
			break
		}
	}
	if r.BoardApprovedOn != "" {
		if _, ok := ParseDay(r.BoardApprovedOn); !ok {
			p.Add("board_approved_on", "error.date")
		}
	}
	if kovit.TooLong(r.BoardNote, 2000) {
		p.Add("board_note", "error.too_long")
	}
	if r.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// InternalDeadlineOf is the day the municipalities' comments are due: days working days
// before the ministry's deadline (a deadline falling on a day of rest counts from the
// working day before it).
func (c *Calendar) InternalDeadlineOf(ministryDeadline string, days int) string {
	d, ok := ParseDay(ministryDeadline)
	if !ok {
		return ""
	}
	return c.SubWorkdays(d, days).Format(time.DateOnly)
}

// DaysGiven is how many working days the ministry gave: after the day it sent the draft
// up to and including its deadline.
func (c *Calendar) DaysGiven(r Round) int {
	recv, ok1 := ParseDay(r.ReceivedOn)
	dl, ok2 := ParseDay(r.MinistryDeadline)
	if !ok1 || !ok2 {
		return 0
	}
	return c.Workdays(recv, dl)
}

// Asks reports whether the round asks municipality ehak to comment.
func (r Round) Asks(ehak string) bool {
	return len(r.Recipients) == 0 || slices.Contains(r.Recipients, ehak)
}

// Names reports whether the round names user id among its viewers.
func (r Round) Names(id int64) bool { return slices.Contains(r.Viewers, id) }

// Text is the draft's text as the knowledge base's citations are looked up in.
func (r Round) Text() string {
	var b strings.Builder
	b.WriteString(r.Title)
	for _, s := range r.Sections {
		b.WriteString("\n" + s.Heading + "\n" + s.Text)
	}
	return b.String()
}

// Section is the round's section of id, if it has one.
func (r Round) Section(id int64) (Section, bool) {
	i := slices.IndexFunc(r.Sections, func(s Section) bool { return s.ID == id })
	if i < 0 {
		return Section{}, false
	}
	return r.Sections[i], true
}

// Schedule fills the round's internal deadline from its ministry deadline.
func (c *Calendar) Schedule(r *Round) {
	if r.InternalDays == 0 {
		r.InternalDays = DefaultInternalDays
	}
	r.InternalDeadline = c.InternalDeadlineOf(r.MinistryDeadline, r.InternalDays)
}

// View is one reading of a restricted round: who, when.
type View struct {
	UserID   int64     `json:"user_id"`
	UserName string    `json:"user_name"`
	At       time.Time `json:"at"`
}
