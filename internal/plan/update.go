package plan

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// ProgressUpdate is a dated note on how an activity is going: posted by the people who run
// it, read as a timeline on the activity's page. It is narrative beside the numbers, so
// one language field is enough.
type ProgressUpdate struct {
	ID         int64  `json:"id"`
	ActivityID int64  `json:"activity_id"`
	Body       string `json:"body"`
	// Date is the day the update speaks of, which may be before the day it was posted.
	Date       time.Time `json:"date"`
	AuthorID   *int64    `json:"author_id"` // nil when the system posted it
	AuthorName string    `json:"author_name"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks an update's own fields.
func (u ProgressUpdate) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(u.Body) == "" {
		p.Add("body", "error.required")
	}
	textLimits(&p, 10000, "body", u.Body)
	if !kovit.ValidDate(u.Date) {
		p.Add("date", "error.date")
	}
	if u.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}
