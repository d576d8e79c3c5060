package advice

import (
	"strings"

	"kovit/internal/kovit"
)

// MaxResponseText bounds a municipality's official response.
const MaxResponseText = 20000

// ResponseInput is what a municipality's lead approves as its official response: a text
// of the municipality's own besides its staff's comments, or an explicit "no comments".
type ResponseInput struct {
	Text       string `json:"text"`
	NoComments bool   `json:"no_comments"`
}

// Normalize trims the text.
func (in *ResponseInput) Normalize() { in.Text = strings.TrimSpace(in.Text) }

// Check refuses a "no comments" that has something to say, a text of its own or the
// staff's comments (staffComments of them), and a text over MaxResponseText. A lead who
// gives neither text nor "no comments" approves the staff's comments as they stand, or
// says "no comments" when there are none, as the response always did.
func (in ResponseInput) Check(staffComments int) error {
	var p kovit.Problems
	if kovit.TooLong(in.Text, MaxResponseText) {
		p.Add("text", "error.too_long")
	}
	if in.NoComments && in.Text != "" {
		p.Add("no_comments", "advice.error.no_comments_text")
	} else if in.NoComments && staffComments > 0 {
		p.Add("no_comments", "advice.error.no_comments_staff")
	}
	return p.Err()
}

// Response is the official response in approves, for municipality ehak of round roundID:
// "no comments" when neither it nor the staff says anything.
func (in ResponseInput) Response(roundID int64, ehak string, staffComments int) Response {
	return Response{RoundID: roundID, MunicipalityEHAK: ehak, Text: in.Text, NoComments: in.Text == "" && staffComments == 0}
}

// For is the response as reader municipality own may see it: another municipality's
// official text is its own and the association's, so only that it answered shows.
func (r Response) For(own string, coordinator bool) Response {
	if !coordinator && r.MunicipalityEHAK != own {
		r.Text = ""
	}
	return r
}
