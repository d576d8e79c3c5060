package api

import (
	"net/http"
	"strconv"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// ServiceHistory is, for every month with a snapshot, the share of the municipalities the
// service applies to that offered it at Level or above at the end of the month.
type ServiceHistory struct {
	ServiceCode string                `json:"service_code"`
	Level       int                   `json:"level"`
	Items       []eservice.MonthShare `json:"items"`
	Total       int                   `json:"total"`
}

// ServiceForecast projects from that history when a share of municipalities reaches
// Level or above, as a range.
type ServiceForecast struct {
	ServiceCode string            `json:"service_code"`
	Level       int               `json:"level"`
	Enough      bool              `json:"enough_history"` // false: too few months for a forecast
	Method      string            `json:"method"`
	Forecast    eservice.Forecast `json:"forecast"`
}

func (a *API) serviceHistory(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	k := a.level(q)
	if err := q.check(nil); err != nil {
		return err
	}
	code, shares, err := a.shares(r, k)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, ServiceHistory{code, k, orEmpty(shares), len(shares)})
}

func (a *API) serviceForecast(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	k := a.level(q)
	target := 0.8
	if s := q.str("target"); s != "" {
		t, err := strconv.ParseFloat(s, 64)
		if err != nil || !(t > 0 && t <= 1) {
			q.p.Add("target", "api.error.target")
		}
		target = t
	}
	if err := q.check(nil); err != nil {
		return err
	}
	code, shares, err := a.shares(r, k)
	if err != nil {
		return err
	}
	f, ok := eservice.ForecastShare(shares, target)
	p := a.printer(r)
	w.Header().Set("Content-Language", p.Lang)
	w.Header().Set("Vary", "Accept-Language") // the method is stated in the client's language
	return a.writeJSON(w, r, http.StatusOK, ServiceForecast{code, k, ok, p.T("api.eservice.forecast_method"), f})
}

// level reads k, the level counted from (default: online, 3).
func (a *API) level(q *query) int {
	if q.str("k") == "" {
		return eservice.Online
	}
	k := q.int("k")
	if k < 1 || k > 100 {
		q.p.Add("k", "api.error.level")
	}
	return k
}

// shares computes the service's monthly share at level k or above from the snapshots.
func (a *API) shares(r *http.Request, k int) (string, []eservice.MonthShare, error) {
	ctx := r.Context()
	code, err := pathCode(r)
	if err != nil {
		return "", nil, err
	}
	if _, err := a.services.Service(ctx, code); err != nil {
		return "", nil, err
	}
	months, err := a.services.SnapshotMonths(ctx)
	if err != nil {
		return "", nil, err
	}
	snaps, err := a.services.Snapshots(ctx, code)
	if err != nil {
		return "", nil, err
	}
	ms, err := a.allMunicipalities(r, municipality.Filter{})
	if err != nil {
		return "", nil, err
	}
	return code, shareHistory(months, snaps, len(ms), k), nil
}

// shareHistory is, per month, the share at level k or above of the municipalities the
// service applies to. A municipality without a cell in a snapshot had not filled it in
// yet: it counts as applicable at level 0, as in the matrix.
func shareHistory(months []string, snaps []eservice.SnapshotCell, municipalities, k int) []eservice.MonthShare {
	type tally struct{ notApplicable, reached int }
	byMonth := map[string]*tally{}
	for _, m := range months {
		byMonth[m] = &tally{}
	}
	for _, c := range snaps {
		t := byMonth[c.Month]
		switch {
		case t == nil:
		case c.Offering == eservice.NotApplicable:
			t.notApplicable++
		case c.Level >= k:
			t.reached++
		}
	}
	var out []eservice.MonthShare
	for _, m := range months {
		start, err := time.Parse("2006-01", m)
		if err != nil {
			continue
		}
		t := byMonth[m]
		share := 0.0
		if n := municipalities - t.notApplicable; n > 0 {
			share = float64(t.reached) / float64(n)
		}
		out = append(out, eservice.MonthShare{Month: start, Share: share})
	}
	return out
}
