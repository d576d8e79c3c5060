package tabular

import (
	"strconv"
	"strings"
	"time"
)

// ParseDate reads a date as a spreadsheet or a person writes it: dd.mm.yyyy (d.m.yyyy
// too), as exports write it, or yyyy-mm-dd, as Read gives a date cell of a workbook and
// a date field sends it. Empty is no date; ok is false for anything else.
func ParseDate(s string) (d *time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{"2.1.2006", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// ParseDecimal reads a number with an Estonian decimal comma ("40,5", as exports and
// Estonian spreadsheets write it) or a decimal point.
func ParseDecimal(s string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
}
