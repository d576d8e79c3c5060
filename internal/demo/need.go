package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

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

// Words the needs are written in: a few dozen topics, so that the duplicate suggestions
// find something, and the words surveys use around them.
var (
	needTopics = strings.Fields("dokumendihaldus veebileht infoturve koolitus andmekogu pilveteenus arveldus kaardirakendus " +
		"registreerimine lasteaiajärjekord toetuste parkimine ehitusregister videovalve serverid tööjaamad võrguühendus " +
		"varundamine kalender digiallkiri avaandmed")
	needWords = strings.Fields("süsteemi uuendamine vajab asendamist kasutajatele lahendus valla linna teenuste arendamine " +
		"kaasajastamine hooldus liidestus andmete turvalisus ligipääsetavus mobiilne elanikele ametnikele kiirem ühtne koostöö hange")
)

// Needs writes an open collection round with shape's needs in it, submits and groups
// them as shape says, and returns the needs' ids in the order written. Texts, costs and
// urgencies are drawn from the seed; every title starts with "Näidis" so nobody takes
// them for a municipality's.
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
	round, err := s.CreateRound(ctx, need.Round{Title: "Näidisvoor: IKT vajadused 2027", Deadline: "2027-03-31", Open: true,
		Instructions: "Sünteetiline kogumisvoor näidisandmetega."})
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x9e3779b97f4a7c15))
	pick := func(list []string, k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = list[rng.IntN(len(list))]
		}
		return strings.Join(out, " ")
	}
	needs := make([]need.Need, shape.Needs)
	for i := range needs {
		cost := kovit.Money(rng.IntN(200_000) * 100)
		needs[i] = need.Need{MunicipalityEHAK: ms[i%len(ms)].EHAK, RoundID: &round.ID, Title: "Näidis: " + pick(needTopics, 2) + " " + pick(needWords, 2),
			Description: fmt.Sprintf("%s %s.", pick(needWords, 25), pick(needTopics, 3)), Category: need.Categories[i%len(need.Categories)],
			Cost: &cost, Urgency: need.Urgencies[i%len(need.Urgencies)], ContactName: "Näidiskontakt"}
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
		c := need.Consolidated{Title: fmt.Sprint("Näidiskoondvajadus ", g+1), Category: created[g*shape.PerGroup].Category,
			StrategyFit: g % 6, Published: g%2 == 0}
		if _, err := s.CreateConsolidated(ctx, c, group); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
