// Package demo generates synthetic e-service maturity data, with monthly history, for
// demonstrations and benchmarks. It only ever writes to a database of its own, which it
// marks as synthetic so that every page served from it says so.
package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// SyntheticSetting is the settings key that marks a database as synthetic.
const SyntheticSetting = "synthetic"

// Store is what the generator needs.
type Store interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	ListServices(ctx context.Context, includeRetired bool) ([]eservice.Service, error)
	Scale(ctx context.Context) (eservice.Scale, error)
	Cells(ctx context.Context, f eservice.CellFilter) ([]eservice.Cell, error)
	SaveCell(ctx context.Context, ehak, code string, in eservice.CellInput) (eservice.Cell, error)
	TakeSnapshot(ctx context.Context, month string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	CountUsers(ctx context.Context) (int, error)
}

// Options shape the generated history.
type Options struct {
	Months int    // months of history before now, each ending in a snapshot
	Seed   uint64 // same seed, same data
	Now    time.Time
}

// Generate fills the matrix month by month and snapshots each month. It refuses a
// database that holds users or real matrix data and is not already marked synthetic.
func Generate(ctx context.Context, s Store, o Options) error {
	if err := guard(ctx, s); err != nil {
		return err
	}
	if err := s.SetSetting(ctx, SyntheticSetting, "true"); err != nil {
		return err
	}
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	services, err := s.ListServices(ctx, false)
	if err != nil {
		return err
	}
	scale, err := s.Scale(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	m := newModel(rng, ms, services)
	versions := map[[2]string]int{}
	current := map[[2]string]int{}
	// Each past month ends in its snapshot, and today's matrix is the last month's: a
	// municipality's page then shows the median its history ends with.
	start := time.Date(o.Now.Year(), o.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -o.Months, 0)
	steps := max(o.Months, 1)
	for step := range steps {
		progress := float64(step) / float64(max(steps-1, 1))
		for _, mu := range ms {
			for _, sv := range services {
				key := [2]string{mu.EHAK, sv.Code}
				offering, level := m.state(mu, sv, progress)
				if v, ok := current[key]; ok && v == encode(offering, level) {
					continue
				}
				in := eservice.CellInput{Offering: offering, Met: metFor(scale, level), Version: versions[key]}
				if level >= 2 {
					in.URL = fmt.Sprintf("https://www.example.invalid/%s/%s", mu.EHAK, sv.Code)
				}
				c, err := s.SaveCell(ctx, mu.EHAK, sv.Code, in)
				if err != nil {
					return fmt.Errorf("demo: cell %s/%s: %w", mu.EHAK, sv.Code, err)
				}
				versions[key], current[key] = c.Version, encode(offering, level)
			}
		}
		if o.Months > 0 {
			if err := s.TakeSnapshot(ctx, start.AddDate(0, step, 0).Format("2006-01")); err != nil {
				return err
			}
		}
	}
	return nil
}

func guard(ctx context.Context, s Store) error {
	if v, err := s.Setting(ctx, SyntheticSetting); err != nil || v == "true" {
		return err
	}
	users, err := s.CountUsers(ctx)
	if err != nil {
		return err
	}
	cells, err := s.Cells(ctx, eservice.CellFilter{})
	if err != nil {
		return err
	}
	if users > 0 || len(cells) > 0 {
		return fmt.Errorf("demo: this database holds real data; give the generator a new database file")
	}
	return nil
}

func encode(o eservice.Offering, level int) int {
	if o != eservice.Offered {
		return -1 - len(o)
	}
	return level
}

// metFor returns every criterion up to level, so the computed level is exactly level.
func metFor(scale eservice.Scale, level int) []int64 {
	var ids []int64
	for _, l := range scale {
		if l.Number > 0 && l.Number <= level {
			for _, c := range l.Criteria {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// model gives each municipality a capacity (larger ones tend to be further) and each
// service a difficulty, and moves cells up over time.
type model struct {
	capacity   map[string]float64
	difficulty map[string]float64
	noise      map[[2]string]float64
	na         map[[2]string]bool
}

func newModel(rng *rand.Rand, ms []municipality.Municipality, services []eservice.Service) *model {
	m := &model{capacity: map[string]float64{}, difficulty: map[string]float64{}, noise: map[[2]string]float64{}, na: map[[2]string]bool{}}
	for _, mu := range ms {
		m.capacity[mu.EHAK] = 0.4*math.Log10(float64(max(mu.Population, 1000))/1000) + rng.NormFloat64()*0.4
	}
	for _, sv := range services {
		m.difficulty[sv.Code] = rng.Float64() * 1.5
		for _, mu := range ms {
			key := [2]string{mu.EHAK, sv.Code}
			m.noise[key] = rng.NormFloat64() * 0.7
			m.na[key] = rng.Float64() < 0.03
		}
	}
	return m
}

// state is a cell's offering and level at progress (0 at the start of history, 1 now).
func (m *model) state(mu municipality.Municipality, sv eservice.Service, progress float64) (eservice.Offering, int) {
	key := [2]string{mu.EHAK, sv.Code}
	if m.na[key] {
		return eservice.NotApplicable, 0
	}
	x := 1.2 + m.capacity[mu.EHAK] - m.difficulty[sv.Code] + m.noise[key] + 1.6*progress
	level := int(math.Floor(x))
	if level <= 0 {
		return eservice.NotOffered, 0
	}
	return eservice.Offered, min(level, 5)
}
