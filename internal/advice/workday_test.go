package advice_test

import (
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/refdata"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func calendar(t *testing.T) *advice.Calendar {
	t.Helper()
	c, err := refdata.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEasterSunday(t *testing.T) {
	for year, want := range map[int]string{1998: "1998-04-12", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2100: "2100-03-28"} {
		if got := advice.EasterSunday(year).Format(time.DateOnly); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
}

func TestWorkday(t *testing.T) {
	c := calendar(t)
	for d, want := range map[string]bool{
		"2026-01-01": false, // New Year's Day, a Thursday
		"2026-01-02": true,
		"2026-02-24": false, // Independence Day
		"2026-04-02": true,  // Maundy Thursday is a working day in Estonia
		"2026-04-03": false, // Good Friday, Easter -2
		"2026-04-06": true,  // Easter Monday is no holiday
		"2025-04-18": false, // Good Friday 2025
		"2024-03-29": false, // Good Friday 2024, in March
		"2027-03-26": false, // Good Friday 2027
		"2027-04-02": true,
		"2026-05-01": false,
		"2026-06-23": false, "2026-06-24": false, "2026-06-25": true,
		"2026-08-20": false,
		"2026-12-24": false, "2026-12-25": false, "2026-12-28": true,
		"2026-03-14": false, // a Saturday
		"2026-03-15": false, // a Sunday
		"2026-10-01": true,  // Local Self-Government Day is no day of rest
	} {
		if got := c.Workday(day(d)); got != want {
			t.Errorf("Workday(%s) = %v, want %v", d, got, want)
		}
	}
	if h, ok := c.Holiday(day("2030-06-09")); !ok || h.NameEn != "Pentecost" {
		t.Errorf("2030-06-09 = %v %v, want Pentecost (Easter 21.04 + 49)", h, ok)
	}
}

// The working days of a year: weekdays less the holidays on weekdays. Easter moves
// Good Friday between March and April, which the counts follow.
func TestWorkdaysInYear(t *testing.T) {
	c := calendar(t)
	for year, want := range map[int]int{2024: 254, 2025: 251, 2026: 252, 2027: 254, 2030: 253} {
		got := c.Workdays(time.Date(year-1, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
		if got != want {
			t.Errorf("%d has %d working days, want %d", year, got, want)
		}
		if n := len(c.HolidaysIn(year)); n != 12 {
			t.Errorf("%d lists %d holidays, want 12", year, n)
		}
	}
}

func TestAddAndSubWorkdays(t *testing.T) {
	c := calendar(t)
	tests := []struct {
		name, from string
		n          int
		add, sub   string
	}{
		{"over Good Friday 2026", "2026-04-01", 2, "2026-04-06", "2026-03-30"},
		{"over midsummer", "2026-06-22", 1, "2026-06-25", "2026-06-19"},
		{"three before midsummer's Friday", "2026-06-26", 3, "2026-07-01", "2026-06-19"},
		{"over Christmas and New Year", "2026-12-23", 3, "2026-12-30", "2026-12-18"},
		{"a holiday moves to the next working day", "2026-12-25", 0, "2026-12-28", "2026-12-23"},
		{"over Good Friday 2027 in March", "2027-03-25", 1, "2027-03-29", "2027-03-24"},
		{"15 working days over Easter 2025", "2025-04-07", 15, "2025-04-29", "2025-03-17"},
	}
	for _, tt := range tests {
		if got := c.AddWorkdays(day(tt.from), tt.n).Format(time.DateOnly); got != tt.add {
			t.Errorf("%s: AddWorkdays(%s, %d) = %s, want %s", tt.name, tt.from, tt.n, got, tt.add)
		}
		if got := c.SubWorkdays(day(tt.from), tt.n).Format(time.DateOnly); got != tt.sub {
			t.Errorf("%s: SubWorkdays(%s, %d) = %s, want %s", tt.name, tt.from, tt.n, got, tt.sub)
		}
	}
	if got := c.Workdays(day("2026-12-23"), day("2027-01-04")); got != 5 {
		t.Errorf("working days after 23.12.2026 to 4.1.2027 = %d, want 5", got)
	}
	if got := c.Workdays(day("2026-05-04"), day("2026-05-04")); got != 0 {
		t.Errorf("no days after a day up to itself, got %d", got)
	}
}

func TestNewCalendarRefusesBadHolidays(t *testing.T) {
	for _, h := range []advice.Holiday{{NameEt: ""}, {NameEt: "x", Month: 13, Day: 1}, {NameEt: "x", Easter: true, Offset: 400}} {
		if _, err := advice.NewCalendar([]advice.Holiday{h}); err == nil {
			t.Errorf("NewCalendar(%+v) took it", h)
		}
	}
}
