package advice

import (
	"fmt"
	"time"
)

// Holiday is one of Estonia's days of rest by law: a fixed date (Month and Day) or one
// that moves with Easter (Easter true, Offset days from Easter Sunday: Good Friday -2,
// Pentecost +49).
type Holiday struct {
	NameEt, NameEn string
	Month          time.Month
	Day            int
	Easter         bool
	Offset         int
}

// Calendar counts Estonian working days: Monday to Friday, less the public holidays.
// Build it once with NewCalendar; it is safe for concurrent use.
type Calendar struct {
	holidays []Holiday
}

// NewCalendar checks the holidays and makes the calendar.
func NewCalendar(hs []Holiday) (*Calendar, error) {
	for i, h := range hs {
		if h.NameEt == "" {
			return nil, fmt.Errorf("advice: holiday %d has no name", i+1)
		}
		if h.Easter {
			if h.Offset < -60 || h.Offset > 60 {
				return nil, fmt.Errorf("advice: holiday %q is %d days from Easter", h.NameEt, h.Offset)
			}
			continue
		}
		if h.Month < 1 || h.Month > 12 || h.Day < 1 || h.Day > 31 {
			return nil, fmt.Errorf("advice: holiday %q has no valid date", h.NameEt)
		}
	}
	return &Calendar{holidays: hs}, nil
}

// EasterSunday is the Gregorian Easter Sunday of year (the anonymous Gregorian algorithm,
// Meeus/Jones/Butcher), from which Good Friday and Pentecost follow.
func EasterSunday(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Day is a calendar day in Estonia, midnight UTC of that date, so days compare and add
// without daylight saving getting in the way.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDay reads YYYY-MM-DD as a Day.
func ParseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil && t.Year() >= 1900 && t.Year() <= 2200
}

// Holiday names the public holiday on day, if it is one.
func (c *Calendar) Holiday(day time.Time) (Holiday, bool) {
	y, m, d := day.Date()
	var easter time.Time
	for _, h := range c.holidays {
		if h.Easter {
			if easter.IsZero() {
				easter = EasterSunday(y)
			}
			hd := easter.AddDate(0, 0, h.Offset)
			if hd.Month() == m && hd.Day() == d {
				return h, true
			}
		} else if h.Month == m && h.Day == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// Workday reports whether day is a working day: not a Saturday, Sunday or public holiday.
func (c *Calendar) Workday(day time.Time) bool {
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := c.Holiday(day)
	return !holiday
}

// AddWorkdays is the n-th working day after day (n >= 0; 0 is day itself moved on to a
// working day, as a deadline falling on a day of rest moves to the next working day).
func (c *Calendar) AddWorkdays(day time.Time, n int) time.Time {
	for !c.Workday(day) {
		day = day.AddDate(0, 0, 1)
	}
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if c.Workday(day) {
			n--
		}
	}
	return day
}

// SubWorkdays is the n-th working day before day: an internal deadline that leaves n
// working days before an outside one. A day of rest first moves back to a working day.
func (c *Calendar) SubWorkdays(day time.Time, n int) time.Time {
	for !c.Workday(day) {
		day = day.AddDate(0, 0, -1)
	}
	for n > 0 {
		day = day.AddDate(0, 0, -1)
		if c.Workday(day) {
			n--
		}
	}
	return day
}

// Workdays counts the working days after from up to and including to: a question asked
// on Monday and answered on Tuesday took one. It is 0 when to is not after from.
func (c *Calendar) Workdays(from, to time.Time) int {
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.Workday(d) {
			n++
		}
	}
	return n
}

// HolidaysIn lists the public holidays of year in date order, for the calendar page.
func (c *Calendar) HolidaysIn(year int) []time.Time {
	var out []time.Time
	for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if _, ok := c.Holiday(d); ok {
			out = append(out, d)
		}
	}
	return out
}
