package eservice

import (
	"math"
	"time"
)

// MonthShare is the share of municipalities at a level or above at the end of a month.
type MonthShare struct {
	Month   time.Time `json:"month"`   // first day of the month
	Share   float64   `json:"share"`   // Reached/Of, 0..1
	Reached int       `json:"reached"` // municipalities (or residents) counted
	Of      int       `json:"of"`      // out of how many
}

// Forecast projects when a share will reach a target.
type Forecast struct {
	Target   float64    `json:"target"`
	Points   int        `json:"points"`
	Slope    float64    `json:"slope_per_month"`
	Reached  bool       `json:"reached"`            // the latest month is already at the target
	Earliest *time.Time `json:"earliest,omitempty"` // optimistic end of the range
	Likely   *time.Time `json:"likely,omitempty"`   // the trend's own date
	Latest   *time.Time `json:"latest,omitempty"`   // pessimistic end; nil: not at this pace
}

// MinForecastPoints is how many months of history a forecast needs.
const MinForecastPoints = 3

// ForecastShare fits a straight line to the monthly shares by least squares and projects
// when it crosses target. The range uses the slope's 95 % confidence interval (±1.96
// standard errors): a steeper slope gives the earliest date, a flatter one the latest.
// It returns ok=false with fewer than MinForecastPoints months.
func ForecastShare(history []MonthShare, target float64) (Forecast, bool) {
	f := Forecast{Target: target, Points: len(history)}
	if len(history) < MinForecastPoints {
		return f, false
	}
	last := history[len(history)-1]
	if last.Share >= target {
		f.Reached = true
		return f, true
	}
	n := float64(len(history))
	var sx, sy, sxx, sxy float64
	for i, h := range history {
		x := float64(i)
		sx, sy, sxx, sxy = sx+x, sy+h.Share, sxx+x*x, sxy+x*h.Share
	}
	den := n*sxx - sx*sx
	slope := (n*sxy - sx*sy) / den
	intercept := (sy - slope*sx) / n
	var sse float64
	for i, h := range history {
		r := h.Share - (intercept + slope*float64(i))
		sse += r * r
	}
	se := 0.0
	if n > 2 {
		se = math.Sqrt(sse/(n-2)) / math.Sqrt(sxx-sx*sx/n)
	}
	f.Slope = slope
	// Project from the fitted value at the last month, so the three dates share a start.
	xLast := n - 1
	start := intercept + slope*xLast
	at := func(s float64) *time.Time {
		if s <= 1e-9 {
			return nil
		}
		months := math.Ceil((target - start) / s)
		if months < 1 {
			months = 1
		}
		if months > 1200 { // a century away is "not at this pace"
			return nil
		}
		t := last.Month.AddDate(0, int(months), 0)
		return &t
	}
	f.Likely = at(slope)
	f.Earliest = at(slope + 1.96*se)
	f.Latest = at(slope - 1.96*se)
	return f, true
}

// DueSnapshot returns the month whose end-of-month snapshot is missing: the month before
// now's, when no snapshot of it exists yet. The snapshot job (internal/jobs) asks this at
// the first tick of each month, so a snapshot lands minutes after a month's end, and a server
// that was down at midnight catches up.
func DueSnapshot(now time.Time, taken []string) (string, bool) {
	prev := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -1, 0).Format("2006-01")
	for _, m := range taken {
		if m == prev {
			return "", false
		}
	}
	return prev, true
}
