package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// IndicatorItem is an indicator of the list with its latest national figure.
type IndicatorItem struct {
	plan.Indicator
	// Latest is the newest point of the national series; null before any value.
	Latest *plan.Point `json:"latest"`
}

// IndicatorDetail is an indicator with every measured value and its national series,
// which for a broken-down indicator is derived from the municipalities' values.
type IndicatorDetail struct {
	Indicator    plan.Indicator     `json:"indicator"`
	Measurements []plan.Measurement `json:"measurements"`
	Series       []plan.Point       `json:"series"`
}

// listIndicators lists the indicators of every strategy the user may read, or of one.
func (a *API) listIndicators(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	strategyID := int64(q.int("strategy"))
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	var strategies []plan.Strategy
	if strategyID != 0 {
		s, err := a.readableStrategy(ctx, strategyID)
		if err != nil {
			return err
		}
		strategies = []plan.Strategy{s}
	} else {
		var err error
		if strategies, _, err = a.plans.ListStrategies(ctx, plan.Readable(auth.ReadableDrafts(auth.UserFrom(ctx)))); err != nil {
			return err
		}
	}
	count, err := a.municipalityCount(ctx)
	if err != nil {
		return err
	}
	var items []IndicatorItem
	for _, s := range strategies {
		t, err := a.plans.StrategyTree(ctx, s.ID)
		if err != nil {
			return err
		}
		for _, ind := range t.Indicators {
			ms, err := a.plans.Measurements(ctx, ind.ID)
			if err != nil {
				return err
			}
			item := IndicatorItem{Indicator: ind}
			if series := ind.Series(ms, count); len(series) > 0 {
				item.Latest = &series[len(series)-1]
			}
			items = append(items, item)
		}
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getIndicator(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ind, err := a.plans.Indicator(ctx, id)
	if err != nil {
		return err
	}
	if _, err := a.readableStrategy(ctx, ind.StrategyID); err != nil {
		return err
	}
	ms, err := a.plans.Measurements(ctx, ind.ID)
	if err != nil {
		return err
	}
	count, err := a.municipalityCount(ctx)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, IndicatorDetail{ind, orEmpty(ms), orEmpty(ind.Series(ms, count))})
}

// createIndicator adds an indicator to the strategy strategy_id names; the place in the
// list, version and id are kovit's to give.
func (a *API) createIndicator(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err // signed in at all, before the body says which strategy
	}
	var ind plan.Indicator
	if err := decodeJSON(w, r, &ind); err != nil {
		return err
	}
	if ind.StrategyID < 1 {
		var p kovit.Problems
		p.Add("strategy_id", "error.required")
		return p.Err()
	}
	if err := a.mayEditStrategyID(ctx, ind.StrategyID); err != nil {
		return err
	}
	ind.ID, ind.Version, ind.Position = 0, 0, 0
	created, err := a.plans.CreateIndicator(ctx, ind)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/indicators/"+strconv.FormatInt(created.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, created)
}

// updateIndicator changes the fields the body names; it must carry the version last read.
func (a *API) updateIndicator(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ind, err := a.editableIndicator(r)
	if err != nil {
		return err
	}
	stored := ind
	if ind, err = decodePatch(w, r, stored); err != nil {
		return err
	}
	var p kovit.Problems
	if ind.ID != stored.ID {
		p.Add("id", "api.error.read_only")
	}
	if ind.StrategyID != stored.StrategyID {
		p.Add("strategy_id", "api.error.read_only")
	}
	if ind.Version < 1 {
		p.Add("version", "error.version")
	}
	if err := p.Err(); err != nil {
		return err
	}
	updated, err := a.plans.UpdateIndicator(ctx, ind)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, updated)
}

// addMeasurement records a value of the indicator; one computed from the matrix takes none.
func (a *API) addMeasurement(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ind, err := a.editableIndicator(r)
	if err != nil {
		return err
	}
	var m plan.Measurement
	if err := decodeJSON(w, r, &m); err != nil {
		return err
	}
	if ind.FromMatrix != nil {
		var p kovit.Problems
		p.Add("value", "indicator.error.from_matrix")
		return p.Err()
	}
	m.ID, m.IndicatorID, m.Version = 0, ind.ID, 0
	created, err := a.plans.AddMeasurement(ctx, m)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, created)
}

// editableIndicator loads the path's indicator for someone who may edit its strategy; an
// unknown one is refused as a national strategy's would be, so nothing is learnt of it.
func (a *API) editableIndicator(r *http.Request) (plan.Indicator, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return plan.Indicator{}, err
	}
	ind, err := a.plans.Indicator(ctx, id)
	if err != nil {
		return ind, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return ind, a.mayEditStrategyID(ctx, ind.StrategyID)
}

// municipalityCount is the denominator of a share indicator's national figure.
func (a *API) municipalityCount(ctx context.Context) (int, error) {
	_, total, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: 1})
	return total, err
}
