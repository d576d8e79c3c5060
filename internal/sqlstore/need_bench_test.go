package sqlstore_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"kovit/internal/need"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The load: 3,000 needs from 79 municipalities, written about a few dozen topics,
// 2,400 of them submitted and grouped into 300 consolidated needs of 8.

func BenchmarkSimilarNeeds(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ids := manyNeeds(b, s)
			ctx := coordinatorCtx()
			if _, err := s.Similar(ctx, ids[0], 10); err != nil { // builds the index once
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if _, err := s.Similar(ctx, ids[i%len(ids)], 10); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkSimilarNeedsAfterChange times the first suggestion after a need's text
// changed: the in-memory needs are read again and the index updated.
func BenchmarkSimilarNeedsAfterChange(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ids := manyNeeds(b, s)
			ctx := coordinatorCtx()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n, err := s.Need(ctx, ids[2500+i%500]) // a draft
				if err != nil {
					b.Fatal(err)
				}
				n.Description += fmt.Sprint(" muudetud ", i)
				if _, err := s.UpdateNeed(ctx, n); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.Similar(ctx, ids[i%len(ids)], 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPriorities(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			manyNeeds(b, s)
			ctx := coordinatorCtx()
			for b.Loop() {
				ranked, err := s.Priorities(ctx, need.ConsolidatedFilter{})
				if err != nil || len(ranked) != 300 {
					b.Fatal(len(ranked), err)
				}
			}
		})
	}
}

func manyNeeds(b testing.TB, s *sqlstore.Store) []int64 {
	ctx := coordinatorCtx()
	ms, err := refdata.Municipalities()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	topics := strings.Fields("dokumendihaldus veebileht infoturve koolitus andmekogu pilveteenus arveldus kaardirakendus " +
		"registreerimine lasteaiajärjekord toetuste parkimine ehitusregister videovalve serverid tööjaamad võrguühendus " +
		"varundamine kalender digiallkiri avaandmed")
	words := strings.Fields("süsteemi uuendamine vajab asendamist kasutajatele lahendus valla linna teenuste arendamine " +
		"kaasajastamine hooldus liidestus andmete turvalisus ligipääsetavus mobiilne elanikele ametnikele kiirem ühtne koostöö hange")
	pick := func(list []string, k int) string {
		var out []string
		for range k {
			out = append(out, list[r.IntN(len(list))])
		}
		return strings.Join(out, " ")
	}
	needs := make([]need.Need, 3000)
	for i := range needs {
		cost := need.Money(r.IntN(200_000) * 100)
		needs[i] = need.Need{MunicipalityEHAK: ms[i%len(ms)].EHAK, Title: pick(topics, 2) + " " + pick(words, 2),
			Description: fmt.Sprintf("%s %s.", pick(words, 25), pick(topics, 3)), Category: need.Categories[i%len(need.Categories)],
			Cost: &cost, Urgency: need.Urgencies[i%len(need.Urgencies)]}
	}
	created, err := s.ImportNeeds(ctx, needs)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, len(created))
	for i, n := range created {
		ids[i] = n.ID
		if i >= 2400 {
			continue
		}
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
			b.Fatal(err)
		}
	}
	for g := range 300 {
		_, err := s.CreateConsolidated(ctx, need.Consolidated{Title: fmt.Sprint("Koond ", g), Category: need.CatOther, StrategyFit: g % 6}, ids[g*8:g*8+8])
		if err != nil {
			b.Fatal(err)
		}
	}
	return ids
}
