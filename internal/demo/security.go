package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kovit/internal/municipality"
	"kovit/internal/security"
)

// SecurityStore is what the self-assessment generator needs.
type SecurityStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	EITSModules(ctx context.Context, year int) ([]security.Module, error)
	ImportEITSMeasures(ctx context.Context, year int, ms []security.Measure) (security.ImportResult, error)
	CreateSecurityRound(ctx context.Context, r security.Round) (security.Round, error)
	SaveSecurityAnswers(ctx context.Context, roundID int64, ehak string, as []security.Answer) (int, error)
	UpdateSecurityAssessment(ctx context.Context, a security.Assessment) (security.Assessment, error)
	SecurityAssessment(ctx context.Context, roundID int64, ehak string) (security.Assessment, []security.Answer, error)
}

// SecurityShape sizes a synthetic self-assessment round.
type SecurityShape struct {
	Measures int // synthetic measures of the 2023 catalogue, spread over its modules
	// Municipalities answer every measure (or, without measures, every module).
	Municipalities int
	Seed           uint64
}

// BenchmarkSecurity is the benchmark load: 79 municipalities × 500 measures.
var BenchmarkSecurity = SecurityShape{Measures: 500, Municipalities: 79, Seed: 1}

// Words the synthetic answers are written in.
var (
	securityOwners  = []string{"Mari Tamm", "Jaan Kask", "Liis Mets", "Peeter Saar", "Kadri Lepp", "Andres Kuusk"}
	securityReasons = []string{"Vajab eelarvet järgmisel aastal", "Teenusepakkujaga lepingut alles uuendatakse",
		"Töötajaid pole veel koolitatud", "Süsteem vahetatakse välja"}
	securityEvidence = []string{"Kord kinnitatud vallavalitsuse korraldusega", "https://www.riigiteataja.ee/", "Auditi aruanne 2025",
		"Varukoopiate taastetest tehtud"}
	securityNA = []string{"Asutusel pole serveriruumi", "Teenus on sisse ostetud", "Seda tehnoloogiat ei kasutata"}
)

// SecurityMeasures makes n synthetic measures of a catalogue year over its modules: the
// demo database has no access to RIA's API, and its pages say the data is synthetic.
func SecurityMeasures(modules []security.Module, year, n int) []security.Measure {
	mods := security.Modules(modules)
	out := make([]security.Measure, 0, n)
	per := map[string]int{}
	for i := range n {
		m := mods[i%len(mods)]
		per[m.Code]++
		tier := security.Basic
		switch i % 5 {
		case 3:
			tier = security.Standard
		case 4:
			tier = security.High
		}
		code := fmt.Sprintf("%s.M%d", m.Code, per[m.Code])
		out = append(out, security.Measure{Year: year, ID: fmt.Sprintf("demo-%d", i+1), Code: code, ModuleCode: m.Code,
			Title: "Näidismeede " + code + " (" + m.TitleEt + ")", Body: "Sünteetiline meede näidisandmetes.",
			Roles: []string{"Infoturbejuht"}, Tier: tier})
	}
	return out
}

// Security imports synthetic measures, opens a round whose deadline is a month ahead of
// now and answers it for the first municipalities, each with its own level of care.
func Security(ctx context.Context, s SecurityStore, shape SecurityShape, now time.Time) (security.Round, error) {
	modules, err := s.EITSModules(ctx, 2023)
	if err != nil {
		return security.Round{}, err
	}
	measures := SecurityMeasures(modules, 2023, shape.Measures)
	if len(measures) > 0 {
		if _, err := s.ImportEITSMeasures(ctx, 2023, measures); err != nil {
			return security.Round{}, err
		}
	}
	day := func(d int) string { return security.Day(now.AddDate(0, 0, d)) }
	r, err := s.CreateSecurityRound(ctx, security.Round{Title: "E-ITS enesehindamine " + day(0)[:4], Year: 2023,
		Deadline: day(30), CorrectionUntil: day(44), PublishOn: day(60)})
	if err != nil {
		return r, err
	}
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return r, err
	}
	rng := rand.New(rand.NewPCG(shape.Seed, 14))
	pick := func(ws []string) string { return ws[rng.IntN(len(ws))] }
	for i, m := range ms {
		if i >= shape.Municipalities {
			break
		}
		care := 0.3 + 0.6*rng.Float64() // the share this municipality has implemented
		answer := func(a security.Answer) security.Answer {
			a.Applies = true
			switch x := rng.Float64(); {
			case x < care:
				a.Status, a.Evidence = security.Implemented, pick(securityEvidence)
			case x < care+0.1:
				a.Status, a.Justification = security.NotApplicable, pick(securityNA)
			case x < care+0.25:
				a.Status, a.Owner, a.Due = security.Partly, pick(securityOwners), day(90+rng.IntN(300))
			default:
				a.Status, a.Justification, a.Owner, a.Due = security.NotImplemented, pick(securityReasons), pick(securityOwners), day(120+rng.IntN(300))
			}
			return a
		}
		var as []security.Answer
		if len(measures) == 0 {
			for _, mod := range security.Modules(modules) {
				as = append(as, answer(security.Answer{ModuleCode: mod.Code}))
			}
		}
		for _, ms := range measures {
			as = append(as, answer(security.Answer{ModuleCode: ms.ModuleCode, MeasureCode: ms.Code}))
		}
		if _, err := s.SaveSecurityAnswers(ctx, r.ID, m.EHAK, as); err != nil {
			return r, fmt.Errorf("demo: %s's answers: %w", m.Name, err)
		}
		if rng.IntN(3) == 0 {
			a, _, err := s.SecurityAssessment(ctx, r.ID, m.EHAK)
			if err != nil {
				return r, err
			}
			a.SignedOffBy, a.SignedOffOn = pick(securityOwners), day(0)
			if _, err := s.UpdateSecurityAssessment(ctx, a); err != nil {
				return r, err
			}
		}
	}
	return r, nil
}
