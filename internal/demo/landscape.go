package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// LandscapeStore is what the landscape generator needs.
type LandscapeStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	ListSolutions(ctx context.Context, f landscape.SolutionFilter) ([]landscape.Solution, int, error)
	CreateSolution(ctx context.Context, s landscape.Solution) (landscape.Solution, error)
	UpdateSolution(ctx context.Context, s landscape.Solution) (landscape.Solution, error)
	ImportRows(ctx context.Context, ehak string, rows []landscape.Row) (int, int, error)
}

// LandscapeShape sizes synthetic landscapes.
type LandscapeShape struct {
	// Solutions is how many the catalogue holds in all: the seeded ones and "Näidislahendus"
	// entries up to this many, every one with versions.
	Solutions int
	// Share is the part of the catalogue each municipality runs, on average.
	Share float64
	Seed  uint64
	Now   time.Time
}

// BenchmarkLandscape is the landscape issue's benchmark load: 79 municipalities × 60
// solutions, each municipality running about half of them.
var BenchmarkLandscape = LandscapeShape{Solutions: 60, Share: 0.5, Seed: 1}

var demoSuppliers = []string{"Näidistarkvara OÜ", "Näidisarendus AS", "Näidispilv OÜ", "Näidislahendused AS"}

// Landscape fills the catalogue up to shape.Solutions with synthetic solutions, gives every
// solution versions (the seeded ones included: this database is synthetic), and writes
// each municipality's landscape: the versions they run, owners, statuses and some costs.
func Landscape(ctx context.Context, s LandscapeStore, shape LandscapeShape) error {
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x5851f42d4c957f2d))
	now := shape.Now
	if now.IsZero() {
		now = time.Now()
	}
	sols, _, err := s.ListSolutions(ctx, landscape.SolutionFilter{Limit: kovit.MaxLimit})
	if err != nil {
		return err
	}
	kinds := []landscape.Kind{landscape.KindShared, landscape.KindCommercial, landscape.KindOpenSource, landscape.KindOwn}
	for i := len(sols); i < shape.Solutions; i++ {
		sol, err := s.CreateSolution(ctx, landscape.Solution{Name: fmt.Sprintf("Näidislahendus %02d", i+1), Kind: kinds[i%len(kinds)],
			Area: landscape.Areas[i%len(landscape.Areas)], Supplier: demoSuppliers[i%len(demoSuppliers)], State: landscape.Accepted,
			Description: "Sünteetiline näidislahendus demo- ja koormustestide jaoks."})
		if err != nil {
			return err
		}
		sols = append(sols, sol)
	}
	for i, sol := range sols {
		if len(sol.Versions) > 0 {
			continue
		}
		major := 1 + i%9
		for v := 0; v < 3; v++ {
			released := now.AddDate(-3+v, -i%12, 0)
			ver := landscape.Version{Number: fmt.Sprintf("%d.%d", major+v, i%5), Released: released.Format(time.DateOnly), Status: landscape.VersionActive}
			if v < 2 {
				ver.EndOfSupport = released.AddDate(2, 0, 0).Format(time.DateOnly)
				ver.Status = landscape.VersionMaintenance
				if released.AddDate(2, 0, 0).Before(now) {
					ver.Status = landscape.VersionEnded
				}
			}
			sol.Versions = append(sol.Versions, ver)
		}
		if sols[i], err = s.UpdateSolution(ctx, sol); err != nil {
			return err
		}
	}
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	owners := []string{"Kantselei", "Haridusosakond", "Sotsiaalosakond", "Ehitusosakond", "Arendusosakond"}
	statuses := []landscape.Status{landscape.Production, landscape.Production, landscape.Production, landscape.Piloting, landscape.Retiring, landscape.Planned}
	for _, m := range ms {
		var rows []landscape.Row
		for _, sol := range sols {
			if rng.Float64() >= shape.Share {
				continue
			}
			r := landscape.Row{SolutionID: sol.ID, Status: statuses[rng.IntN(len(statuses))],
				SoftwareVersion: sol.Versions[rng.IntN(len(sol.Versions))].Number, BusinessOwner: owners[rng.IntN(len(owners))],
				TechnicalOwner: "IT-spetsialist", Hosting: "Tarnija pilv"}
			if rng.IntN(3) == 0 {
				c := kovit.Money((500 + rng.IntN(m.Population/10+500)) * 100)
				r.YearlyCost, r.ContractType = &c, "Hooldusleping"
			}
			rows = append(rows, r)
		}
		if _, _, err := s.ImportRows(ctx, m.EHAK, rows); err != nil {
			return fmt.Errorf("demo: landscape of %s: %w", m.EHAK, err)
		}
	}
	return nil
}
