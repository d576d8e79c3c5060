package refdata

import (
	_ "embed"
	"fmt"
	"strconv"
	"sync"
	"time"

	"kovit/internal/advice"
)

//go:embed holidays.csv
var holidaysCSV []byte

// Holidays returns Estonia's public holidays and national day, the days of rest by law
// (SOURCES-holidays.md).
func Holidays() ([]advice.Holiday, error) {
	rows, err := readCSV(holidaysCSV, "rule", "month", "day", "easter_offset", "name_et", "name_en")
	if err != nil {
		return nil, fmt.Errorf("holidays.csv: %w", err)
	}
	out := make([]advice.Holiday, len(rows))
	for i, r := range rows {
		h := advice.Holiday{NameEt: r["name_et"], NameEn: r["name_en"]}
		switch r["rule"] {
		case "fixed":
			m, err1 := strconv.Atoi(r["month"])
			d, err2 := strconv.Atoi(r["day"])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("holidays.csv row %d: bad date", i+2)
			}
			h.Month, h.Day = time.Month(m), d
		case "easter":
			h.Easter = true
			if h.Offset, err = strconv.Atoi(r["easter_offset"]); err != nil {
				return nil, fmt.Errorf("holidays.csv row %d: bad easter_offset", i+2)
			}
		default:
			return nil, fmt.Errorf("holidays.csv row %d: unknown rule %q", i+2, r["rule"])
		}
		out[i] = h
	}
	return out, nil
}

// Calendar is the Estonian working-day calendar of the shipped holidays, built once.
var Calendar = sync.OnceValues(func() (*advice.Calendar, error) {
	hs, err := Holidays()
	if err != nil {
		return nil, err
	}
	return advice.NewCalendar(hs)
})
