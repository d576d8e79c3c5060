package chart

import (
	"math"
	"time"
)

// timeRange is the earliest and latest time the chart draws; ok is false when it draws none.
func timeRange(c LineChart) (tmin, tmax time.Time, ok bool) {
	var marks []Point
	for _, s := range c.Series {
		marks = append(marks, clean(s.Points)...)
	}
	if c.Band != nil {
		marks = append(append(marks, clean(c.Band.From)...), clean(c.Band.To)...)
	}
	for _, t := range c.Targets {
		if !t.At.IsZero() {
			marks = append(marks, Point{At: t.At})
		}
	}
	for i, p := range marks {
		if i == 0 || p.At.Before(tmin) {
			tmin = p.At
		}
		if i == 0 || p.At.After(tmax) {
			tmax = p.At
		}
	}
	return tmin, tmax, len(marks) > 0
}

// timeTicks picks calendar-aligned ticks (midnights, then month starts) between lo and hi,
// the finest step that gives at most limit of them, so labels read as dates people use.
func timeTicks(lo, hi time.Time, limit int) []time.Time {
	if !hi.After(lo) {
		return []time.Time{lo}
	}
	steps := []struct{ days, months int }{
		{1, 0}, {2, 0}, {7, 0}, {14, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 6}, {0, 12}, {0, 24}, {0, 60}, {0, 120},
	}
	for _, s := range steps {
		var ticks []time.Time
		for t := firstTick(lo, s.days, s.months); !t.After(hi) && len(ticks) <= limit; t = t.AddDate(0, s.months, s.days) {
			ticks = append(ticks, t)
		}
		if len(ticks) == 0 {
			break // shorter than a day: no calendar tick fits
		}
		if len(ticks) <= limit {
			return ticks
		}
	}
	return []time.Time{lo, hi}
}

// firstTick is the first midnight (or month start on a multiple of months) at or after t.
func firstTick(t time.Time, days, months int) time.Time {
	y, m, d := t.Date()
	if months == 0 {
		start := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
		if start.Before(t) {
			start = start.AddDate(0, 0, 1)
		}
		return start
	}
	start := time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	if start.Before(t) {
		start = start.AddDate(0, 1, 0)
	}
	// Align to the step counted from year 0, so a half-year step lands on January and July.
	for (start.Year()*12+int(start.Month())-1)%months != 0 {
		start = start.AddDate(0, 1, 0)
	}
	return start
}

// valueTicks returns round values (1, 2, 2.5 or 5 × 10ⁿ apart) from lo to hi, about five steps.
func valueTicks(lo, hi float64) []float64 {
	raw := (hi - lo) / 5
	exp := math.Floor(math.Log10(raw))
	factor := 10.0
	for _, f := range []float64{1, 2, 2.5, 5} {
		if f*math.Pow(10, exp) >= raw {
			factor = f
			break
		}
	}
	// k·factor·10ⁿ, dividing for negative n, so 0.2 steps give 0.6 and not 0.6000000000000001.
	at := func(k float64) float64 {
		if exp < 0 {
			return k * factor / math.Pow(10, -exp)
		}
		return k * factor * math.Pow(10, exp)
	}
	step := at(1)
	var ticks []float64
	for k := math.Ceil(lo/step - 1e-9); at(k) <= hi+step*1e-9; k++ {
		v := at(k)
		if v == 0 {
			v = 0 // not -0, which would print as "-0"
		}
		ticks = append(ticks, v)
	}
	return ticks
}
