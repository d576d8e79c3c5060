package tabular

import (
	"math"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// ParseDate reads a date as a spreadsheet or a person writes it: dd.mm.yyyy (d.m.yyyy
// too), as exports write it, or yyyy-mm-dd, as Read gives a date cell of a workbook and
// a date field sends it. Empty is no date; ok is false for anything else, and for a date
// outside the years kovit's records can be about (kovit.ValidDate), so that forms and
// imports refuse the same dates.
func ParseDate(s string) (d *time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{"2.1.2006", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			if !kovit.ValidDate(t) {
				return nil, false
			}
			return &t, true
		}
	}
	return nil, false
}

// ParseDecimal reads a number with an Estonian decimal comma ("40,5", as exports and
// Estonian spreadsheets write it) or a decimal point.
// NaN and the infinities are not numbers a person writes, and are refused.
func ParseDecimal(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, strconv.ErrSyntax
	}
	return f, nil
}
