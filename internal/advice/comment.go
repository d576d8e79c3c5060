package advice

import (
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Comment is a municipality's comment on a section of a draft (or on the whole draft
// when SectionID is nil), written by its staff.
type Comment struct {
	ID               int64  `json:"id"`
	RoundID          int64  `json:"round_id"`
	SectionID        *int64 `json:"section_id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	AuthorName       string `json:"author_name"`
	Body             string `json:"body"`
	// Fate is what the association did with it when merging: adopted as point PointID,
	// merged into point PointID, or not adopted (with FateReason).
	Fate       Fate      `json:"fate"`
	PointID    *int64    `json:"point_id"`
	FateReason string    `json:"fate_reason"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Fate is what became of a municipality's comment in the position.
type Fate string

const (
	Undecided  Fate = ""
	Adopted    Fate = "adopted"
	Merged     Fate = "merged"
	NotAdopted Fate = "not_adopted"
)

// Fates lists the decided fates.
var Fates = []Fate{Adopted, Merged, NotAdopted}

// Valid reports whether f is undecided or one of Fates.
func (f Fate) Valid() bool { return f == Undecided || slices.Contains(Fates, f) }

// Normalize trims the texts.
func (c *Comment) Normalize() {
	c.Body = strings.TrimSpace(c.Body)
	c.FateReason = strings.TrimSpace(c.FateReason)
}

// Validate checks a comment as a municipality writes it.
func (c Comment) Validate() error {
	var p kovit.Problems
	if len(c.MunicipalityEHAK) != 4 {
		p.Add("municipality_ehak", "advice.error.municipality")
	}
	required(&p, "body", c.Body, 20000)
	return p.Err()
}

// Decision is the association's decision on a comment.
type Decision struct {
	Fate    Fate   `json:"fate"`
	PointID *int64 `json:"point_id"`
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

// Check refuses a decision missing what its fate needs: a point to adopt or merge into,
// a reason not to adopt.
func (d Decision) Check() error {
	var p kovit.Problems
	switch d.Fate {
	case Adopted, Merged:
		if d.PointID == nil {
			p.Add("point_id", "advice.error.point")
		}
	case NotAdopted:
		required(&p, "reason", strings.TrimSpace(d.Reason), 5000)
	default:
		p.Add("fate", "advice.error.fate")
	}
	if kovit.TooLong(d.Reason, 5000) {
		p.Add("reason", "error.too_long")
	}
	return p.Err()
}

// Response is a municipality's official response to a round: its comments as approved by
// its lead, or an explicit "no comments".
type Response struct {
	RoundID          int64  `json:"round_id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	NoComments       bool   `json:"no_comments"`
	// Text is the municipality's official response in its own words, besides its staff's
	// comments; empty when the lead approved the comments as they stand.
	Text       string    `json:"text"`
	ApprovedBy string    `json:"approved_by"`
	ApprovedAt time.Time `json:"approved_at"`
}

// Point is a numbered point of the association's consolidated position, with what the
// ministry did with it.
type Point struct {
	ID        int64  `json:"id"`
	RoundID   int64  `json:"round_id"`
	Number    int    `json:"number"`
	SectionID *int64 `json:"section_id"`
	Text      string `json:"text"`
	// Disposition is the ministry's answer to the point, with its reason.
	Disposition    Disposition `json:"disposition"`
	MinistryReason string      `json:"ministry_reason"`
	Version        int         `json:"version"`
}

// Disposition is what the ministry did with a point.
type Disposition string

const (
	NoAnswer       Disposition = ""
	Accepted       Disposition = "accepted"
	PartlyAccepted Disposition = "partly_accepted"
	NotAccepted    Disposition = "not_accepted"
	Explained      Disposition = "explained"
)

// Dispositions lists the ministry's answers.
var Dispositions = []Disposition{Accepted, PartlyAccepted, NotAccepted, Explained}

// Valid reports whether d is no answer yet or one of Dispositions.
func (d Disposition) Valid() bool { return d == NoAnswer || slices.Contains(Dispositions, d) }

// Normalize trims the texts.
func (p *Point) Normalize() {
	p.Text = strings.TrimSpace(p.Text)
	p.MinistryReason = strings.TrimSpace(p.MinistryReason)
}

// Validate checks a point.
func (p Point) Validate() error {
	var pr kovit.Problems
	required(&pr, "text", p.Text, 20000)
	if !p.Disposition.Valid() {
		pr.Add("disposition", "advice.error.disposition")
	}
	if kovit.TooLong(p.MinistryReason, 20000) {
		pr.Add("ministry_reason", "error.too_long")
	}
	return pr.Err()
}

// BoardRow is one municipality on a round's board: whether it has answered.
type BoardRow struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	Name             string `json:"name"`
	Comments         int    `json:"comments"`
	// Response is its official response, nil while it has not answered.
	Response *Response `json:"response"`
}

// Answered reports whether the municipality has given its official response.
func (b BoardRow) Answered() bool { return b.Response != nil }

// Board is who of the round's municipalities has answered, in the order of names given.
// names maps every municipality (EHAK) to its name in the order to list them.
func Board(r Round, ehaks []string, names map[string]string, comments []Comment, responses []Response) []BoardRow {
	count := map[string]int{}
	for _, c := range comments {
		count[c.MunicipalityEHAK]++
	}
	resp := map[string]*Response{}
	for i := range responses {
		resp[responses[i].MunicipalityEHAK] = &responses[i]
	}
	rows := make([]BoardRow, 0, len(ehaks))
	for _, e := range ehaks {
		if !r.Asks(e) {
			continue
		}
		rows = append(rows, BoardRow{MunicipalityEHAK: e, Name: names[e], Comments: count[e], Response: resp[e]})
	}
	return rows
}

// Scorecard is how one ministry has treated the association's positions.
type Scorecard struct {
	Ministry string `json:"ministry"`
	Rounds   int    `json:"rounds"`
	// TooShort counts rounds that gave fewer than GoodPracticeDays working days.
	TooShort int `json:"too_short"`
	// MedianDays is the median working days given to comment.
	MedianDays float64 `json:"median_days"`
	// Points counts the points the ministry has answered; Accepted those it accepted
	// fully or in part; Rate is Accepted/Points, nil before any answer.
	Points   int      `json:"points"`
	Accepted int      `json:"accepted"`
	Rate     *float64 `json:"acceptance_rate"`
}

// Scorecards sums up rounds and their points by ministry, in the ministries' order of
// first appearance in rounds.
func (c *Calendar) Scorecards(rounds []Round, points []Point) []Scorecard {
	byRound := map[int64]string{}
	idx := map[string]int{}
	var out []Scorecard
	days := map[string][]int{}
	for _, r := range rounds {
		byRound[r.ID] = r.Ministry
		i, ok := idx[r.Ministry]
		if !ok {
			i = len(out)
			idx[r.Ministry] = i
			out = append(out, Scorecard{Ministry: r.Ministry})
		}
		d := c.DaysGiven(r)
		days[r.Ministry] = append(days[r.Ministry], d)
		out[i].Rounds++
		if d < GoodPracticeDays {
			out[i].TooShort++
		}
	}
	for _, p := range points {
		m, ok := byRound[p.RoundID]
		if !ok || p.Disposition == NoAnswer {
			continue
		}
		s := &out[idx[m]]
		s.Points++
		if p.Disposition == Accepted || p.Disposition == PartlyAccepted {
			s.Accepted++
		}
	}
	for i := range out {
		out[i].MedianDays = Median(days[out[i].Ministry])
		if out[i].Points > 0 {
			rate := float64(out[i].Accepted) / float64(out[i].Points)
			out[i].Rate = &rate
		}
	}
	return out
}
