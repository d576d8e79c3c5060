package api

import (
	"net/http"
	"strconv"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// ServiceAdoption is a service's uptake month by month, from the month-end snapshots: for
// each level k, the share of the municipalities the service applies to that offered it
// at level k or above, and the share of all residents covered online (level ≥ 3).
type ServiceAdoption struct {
	ServiceCode string                 `json:"service_code"`
	Series      []eservice.LevelSeries `json:"series"` // k = 1 to the top of the scale, or the one asked for
	Population  []eservice.MonthShare  `json:"population_online"`
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

func (a *API) serviceAdoption(w http.ResponseWriter, r *http.Request) error {
	scale, err := a.services.Scale(r.Context())
	if err != nil {
		return err
	}
	q := newQuery(r)
	var levels []int
	if q.str("k") != "" {
		levels = []int{a.level(q)}
	} else {
		for k := 1; k <= scale.Max(); k++ {
			levels = append(levels, k)
		}
	}
	if err := q.check(nil); err != nil {
		return err
	}
	code, series, population, err := a.adoption(r, levels)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, ServiceAdoption{code, series, population})
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
	code, series, _, err := a.adoption(r, []int{k})
	if err != nil {
		return err
	}
	f, ok := eservice.ForecastShare(series[0].Items, target)
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

// adoption reads the service of the path and computes its uptake at levels from the
// snapshots.
func (a *API) adoption(r *http.Request, levels []int) (string, []eservice.LevelSeries, []eservice.MonthShare, error) {
	ctx := r.Context()
	code, err := pathCode(r)
	if err != nil {
		return "", nil, nil, err
	}
	if _, err := a.services.Service(ctx, code); err != nil {
		return "", nil, nil, err
	}
	months, err := a.services.SnapshotMonths(ctx)
	if err != nil {
		return "", nil, nil, err
	}
	snaps, err := a.services.Snapshots(ctx, code)
	if err != nil {
		return "", nil, nil, err
	}
	ms, err := a.allMunicipalities(r, municipality.Filter{})
	if err != nil {
		return "", nil, nil, err
	}
	series, population := eservice.AdoptionOf(months, snaps, ms, levels)
	return code, series, population, nil
}
