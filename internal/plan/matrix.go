package plan

import (
	"fmt"
	"time"

	"kovit/internal/edemocracy"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// MatrixSource names the figure kovit keeps that an indicator follows: the share, in per
// cent, of the municipalities a service applies to that offer it at Level or above; or,
// with Practice set (and no service), the share of all municipalities whose e-democracy
// practice has that measure (edemocracy.Measures).
type MatrixSource struct {
	ServiceCode string `json:"service_code"`
	Level       int    `json:"level"`
	Practice    string `json:"practice,omitempty"`
}

// MatrixMeasurements are the values that indicators computed from the matrix and from the
// municipalities' e-democracy practices take at one month's snapshot (month is YYYY-MM;
// the value is dated the month's last day, the moment the snapshot stands for).
// Indicators without a source get none.
func MatrixMeasurements(inds []Indicator, month string, snaps []eservice.SnapshotCell, ms []municipality.Municipality, practices []edemocracy.Practice) []Measurement {
	start, err := time.Parse("2006-01", month)
	if err != nil {
		return nil
	}
	byService := map[string][]eservice.SnapshotCell{}
	for _, c := range snaps {
		if c.Month == month {
			byService[c.ServiceCode] = append(byService[c.ServiceCode], c)
		}
	}
	var out []Measurement
	for _, ind := range inds {
		src := ind.FromMatrix
		if src == nil {
			continue
		}
		if src.Practice != "" {
			ehaks := make([]string, len(ms))
			for i, m := range ms {
				ehaks[i] = m.EHAK
			}
			out = append(out, Measurement{IndicatorID: ind.ID, Value: edemocracy.Share(ehaks, practices, src.Practice),
				Date: start.AddDate(0, 1, -1), Source: MatrixSourceText(*src, month)})
			continue
		}
		series, _ := eservice.AdoptionOf([]string{month}, byService[src.ServiceCode], ms, []int{src.Level})
		out = append(out, Measurement{
			IndicatorID: ind.ID,
			Value:       series[0].Items[0].Share * 100,
			Date:        start.AddDate(0, 1, -1),
			Source:      MatrixSourceText(*src, month),
		})
	}
	return out
}

// MatrixSourceText is the source a matrix measurement carries, so that a snapshot taken
// again replaces its own values and nobody else's.
func MatrixSourceText(src MatrixSource, month string) string {
	if src.Practice != "" {
		return fmt.Sprintf("kovit e-democracy practice %s: %s", month, src.Practice)
	}
	return fmt.Sprintf("kovit e-service matrix %s: %s at level ≥ %d", month, src.ServiceCode, src.Level)
}
