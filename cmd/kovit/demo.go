package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"kovit/internal/demo"
	"kovit/internal/sqlstore"
)

// runDemo fills a separate database (demo.db unless --db says otherwise) with synthetic
// data. It prepares the database as serve does but makes no admin yet, so the generator
// can tell a fresh database from one holding real work, which it refuses.
func runDemo(args []string) error {
	var months int
	var seed uint64
	var size string
	var scale float64
	var withPlan, withNeeds, withSecurity, withAdvice, withEDemocracy, withLandscape bool
	c, _, err := parseConfig("demo", args, func(fs *flag.FlagSet) {
		fs.IntVar(&months, "months", 18, "months of synthetic history")
		fs.StringVar(&size, "size", "", `"de": instead of Estonia's demo, a synthetic country of 10,800 municipalities, 600 services, 24 months of history, 20,000 users, 10,000 activities and 100,000 needs`)
		fs.Float64Var(&scale, "scale", 1, "with --size: a fraction (0 < scale ≤ 1) of the country's size, for a quick try")
		fs.Uint64Var(&seed, "seed", 1, "random seed: the same seed gives the same data")
		fs.BoolVar(&withPlan, "plan", true, "also an action plan of 1,000 activities, 20 of them joint with every municipality")
		fs.BoolVar(&withNeeds, "needs", true, "also a collection round of 3,000 needs, 2,400 submitted and 300 consolidated needs")
		fs.BoolVar(&withSecurity, "security", true, "also 500 synthetic E-ITS measures and a self-assessment round answered by all 79 municipalities")
		fs.BoolVar(&withAdvice, "advice", true, "also 200 questions, 5,000 knowledge-base entries and a round of comment of 40 sections")
		fs.BoolVar(&withEDemocracy, "edemocracy", true, "also an open consultation, two yearly surveys and every municipality's e-democracy practice")
		fs.BoolVar(&withLandscape, "landscape", true, "also a catalogue of 60 solutions with versions, every municipality's IT landscape and 2,000 practices")
	})
	if err != nil {
		return err
	}
	if c.DB == "kovit.db" && os.Getenv("KOVIT_DB") == "" {
		c.DB = "demo.db" // never the default real database by accident
	}
	ctx := context.Background()
	store, err := sqlstore.Open(ctx, c.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	a := &app{store: store}
	if err := a.prepareData(ctx); err != nil {
		return err
	}
	start := time.Now()
	if size != "" {
		return runCountry(ctx, store, c.DB, size, scale, seed, start)
	}
	if err := demo.Generate(ctx, store, demo.Options{Months: months, Seed: seed, Now: time.Now()}); err != nil {
		return err
	}
	var strategy int64
	if withPlan {
		shape := demo.BenchmarkPlan
		shape.Seed = seed
		if strategy, err = demo.Plan(ctx, store, shape); err != nil {
			return err
		}
	}
	if withNeeds {
		shape := demo.BenchmarkNeeds
		shape.Seed = seed
		if _, err := demo.Needs(ctx, store, shape); err != nil {
			return err
		}
	}
	if err := demo.Board(ctx, store, demo.BoardOptions{StrategyID: strategy, Seed: seed}); err != nil {
		return err
	}
	if withLandscape {
		shape := demo.BenchmarkLandscape
		shape.Seed, shape.Now = seed, time.Now()
		if err := demo.Landscape(ctx, store, shape); err != nil {
			return err
		}
		if err := demo.Practices(ctx, store, demo.BenchmarkPractices, seed); err != nil {
			return err
		}
	}
	if withAdvice {
		shape := demo.BenchmarkAdvice
		shape.Seed = seed
		if err := demo.Advice(ctx, store, shape); err != nil {
			return err
		}
	}
	if withEDemocracy {
		if err := demo.EDemocracy(ctx, store, seed, time.Now()); err != nil {
			return err
		}
	}
	if withSecurity {
		shape := demo.BenchmarkSecurity
		shape.Seed = seed
		if _, err := demo.Security(ctx, store, shape, time.Now()); err != nil {
			return err
		}
	}
	if err := store.Analyze(ctx); err != nil {
		return err
	}
	fmt.Printf("synthetic data written to %s in %s; serve it with: kovit serve --db %s\n", c.DB, time.Since(start).Round(time.Second), c.DB)
	return nil
}

// runCountry writes the synthetic country of --size, scaled by --scale.
func runCountry(ctx context.Context, store *sqlstore.Store, db, size string, scale float64, seed uint64, start time.Time) error {
	if size != demo.Germany.Name {
		return fmt.Errorf("--size: %q is not a known size (de)", size)
	}
	if !(scale > 0 && scale <= 1) {
		return fmt.Errorf("--scale: %v is not in (0, 1]", scale)
	}
	shape := demo.Germany
	if scale < 1 {
		shape = shape.Scaled(scale)
	}
	shape.Seed, shape.Now = seed, start
	if err := demo.Country(ctx, store, shape); err != nil {
		return err
	}
	if err := store.Analyze(ctx); err != nil {
		return err
	}
	fmt.Printf("a synthetic country (%d municipalities × %d services, %d months of history) written to %s in %s\n",
		shape.Municipalities, shape.Services, shape.Months, db, time.Since(start).Round(time.Second))
	return nil
}
