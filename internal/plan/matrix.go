package plan

import (
	"fmt"
	"time"

	"kovit/internal/edemocracy"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// MatrixSource names the figure kovit keeps that an indicator follows. On the e-service
// scale (Scale "" or "eservice") it is the share, in per cent, of the municipalities a
// service applies to that offer it at Level or above; on the records scale ("records") the
// share of all municipalities whose records management is at Level or above, those that
// have not filled in their profile counting at level 0; with Practice set (and no service)
// the share of all municipalities whose e-democracy practice has that measure
// (edemocracy.Measures). All are measured at every monthly snapshot.
type MatrixSource struct {
	Scale       string `json:"scale,omitempty"`
	ServiceCode string `json:"service_code,omitempty"`
	Level       int    `json:"level"`
	Practice    string `json:"practice,omitempty"`
}

// The scales an indicator may follow.
const (
	ScaleEService = "eservice"
	ScaleRecords  = "records"
)

// Records reports whether the source is the records maturity scale.
func (m MatrixSource) Records() bool { return m.Scale == ScaleRecords && m.Practice == "" }

// MatrixMeasurements are the values that indicators computed from the matrix, from the
// records scale and from the municipalities' e-democracy practices take at one month's
// snapshot (month is YYYY-MM; the value is dated the month's last day, the moment the
// snapshot stands for); records is each municipality's records level at the snapshot.
// Indicators without a source get none.
func MatrixMeasurements(inds []Indicator, month string, snaps []eservice.SnapshotCell, records map[string]int, ms []municipality.Municipality, practices []edemocracy.Practice) []Measurement {
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
		var percent float64
		switch {
		case src.Practice != "":
			ehaks := make([]string, len(ms))
			for i, m := range ms {
				ehaks[i] = m.EHAK
			}
			percent = edemocracy.Share(ehaks, practices, src.Practice)
		case src.Records():
			percent = recordsShare(records, ms, src.Level) * 100
		default:
			series, _ := eservice.AdoptionOf([]string{month}, byService[src.ServiceCode], ms, []int{src.Level})
			percent = series[0].Items[0].Share * 100
		}
		out = append(out, Measurement{
			IndicatorID: ind.ID,
			Value:       percent,
			Date:        start.AddDate(0, 1, -1),
			Source:      MatrixSourceText(*src, month),
		})
	}
	return out
}

// recordsShare is the share of municipalities ms whose records level is level or above.
func recordsShare(records map[string]int, ms []municipality.Municipality, level int) float64 {
	if len(ms) == 0 {
		return 0
	}
	n := 0
	for _, m := range ms {
		if records[m.EHAK] >= level {
			n++
		}
	}
	return float64(n) / float64(len(ms))
}

// MatrixSourceText is the source a matrix measurement carries, so that a snapshot taken
// again replaces its own values and nobody else's.
func MatrixSourceText(src MatrixSource, month string) string {
	if src.Practice != "" {
		return fmt.Sprintf("kovit e-democracy practice %s: %s", month, src.Practice)
	}
	if src.Records() {
		return fmt.Sprintf("kovit records management %s: level ≥ %d", month, src.Level)
	}
	return fmt.Sprintf("kovit e-service matrix %s: %s at level ≥ %d", month, src.ServiceCode, src.Level)
}
