package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

// NeedStore is what the needs generator needs.
type NeedStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	CreateRound(ctx context.Context, r need.Round) (need.Round, error)
	ImportNeeds(ctx context.Context, needs []need.Need) ([]need.Need, error)
	TransitionNeed(ctx context.Context, id int64, t need.Transition) (need.Need, error)
	CreateConsolidated(ctx context.Context, c need.Consolidated, needIDs []int64) (need.Consolidated, error)
}

// NeedShape sizes synthetic needs.
type NeedShape struct {
	Needs     int // from every municipality in turn
	Submitted int // the first ones are submitted, the rest stay drafts
	// Groups consolidated needs are made of PerGroup submitted needs each, in order;
	// every other one is published.
	Groups, PerGroup int
	Seed             uint64
}

// BenchmarkNeeds is the needs issue's benchmark load: 3,000 needs from 79 municipalities,
// 2,400 of them submitted and grouped into 300 consolidated needs of 8.
var BenchmarkNeeds = NeedShape{Needs: 3000, Submitted: 2400, Groups: 300, PerGroup: 8, Seed: 1}

// contactNames are common Estonian names, for the needs' contact people.
var contactNames = []string{"Mari Tamm", "Jaan Saar", "Kadri Mets", "Andres Kask", "Liis Rebane", "Toomas Sepp", "Kristi Ilves", "Margus Kukk"}

// Needs writes an open collection round with shape's needs in it, submits and groups
// them as shape says, and returns the needs' ids in the order written. Texts are composed
// from municipal IT vocabulary (words.go), costs and urgencies drawn from the seed.
func Needs(ctx context.Context, s NeedStore, shape NeedShape) ([]int64, error) {
	if shape.Submitted > shape.Needs || shape.Groups*shape.PerGroup > shape.Submitted {
		return nil, fmt.Errorf("demo: %d needs cannot have %d submitted in %d groups of %d", shape.Needs, shape.Submitted, shape.Groups, shape.PerGroup)
	}
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("demo: no municipalities to write needs for")
	}
	round, err := s.CreateRound(ctx, need.Round{Title: "IKT arendusvajadused 2027", Deadline: "2027-03-31", Open: true,
		Instructions: "Kirjeldage omavalitsuse IT-arenduse vajadused järgmiseks aastaks: mis on praegu puudu, mida see maksab ja kui kiiresti on lahendust vaja."})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x9e3779b97f4a7c15))
	// The needs of one consolidated group share their subject, as the municipalities that
	// ask for the same thing do; the rest are drawn one by one.
	grouped := shape.Groups * shape.PerGroup
	topic := func(i int) subject {
		if i < grouped {
			return subjects[(i/shape.PerGroup)%len(subjects)]
		}
		return pick(rng, subjects)
	}
	needs := make([]need.Need, shape.Needs)
	for i := range needs {
		sub := topic(i)
		et, _ := title(sub, pick(rng, actions[sub.Kind]))
		cost := kovit.Money((2_000 + rng.IntN(198_000)) * 100)
		needs[i] = need.Need{MunicipalityEHAK: ms[i%len(ms)].EHAK, RoundID: &round.ID, Title: et,
			Description: description(rng, sub), Category: sub.Category,
			Cost: &cost, Urgency: need.Urgencies[i%len(need.Urgencies)], ContactName: pick(rng, contactNames)}
	}
	created, err := s.ImportNeeds(ctx, needs)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(created))
	for i, n := range created {
		ids[i] = n.ID
		if i >= shape.Submitted {
			continue
		}
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
			return nil, err
		}
	}
	for g := range shape.Groups {
		group := ids[g*shape.PerGroup : (g+1)*shape.PerGroup]
		sub := subjects[g%len(subjects)]
		et, _ := title(sub, action{Et: "ühine arendus"})
		c := need.Consolidated{Title: numbered(et, g/len(subjects)), Category: sub.Category,
			Description: fmt.Sprintf("%d omavalitsust vajavad sama lahendust. %s", shape.PerGroup, pick(rng, aims)),
			StrategyFit: g % 6, Published: g%2 == 0}
		if _, err := s.CreateConsolidated(ctx, c, group); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
