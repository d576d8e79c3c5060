package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"kovit/internal/advice"
	"kovit/internal/municipality"
)

// AdviceStore is what the advice generator needs.
type AdviceStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	CreateInquiry(ctx context.Context, q advice.Inquiry) (advice.Inquiry, error)
	MoveInquiry(ctx context.Context, id int64, m advice.Move) (advice.Inquiry, error)
	CreateEntry(ctx context.Context, e advice.Entry) (advice.Entry, error)
	CreateCommentRound(ctx context.Context, r advice.Round) (advice.Round, error)
	AddComment(ctx context.Context, c advice.Comment) (advice.Comment, error)
}

// AdviceShape sizes the synthetic advice data.
type AdviceShape struct {
	Inquiries int // from every municipality in turn; every third answered
	Entries   int // knowledge-base entries, most public
	// Sections of one round of comment on a draft asking every municipality; each
	// municipality comments on every section when Comments is set.
	Sections int
	Comments bool
	Seed     uint64
}

// BenchmarkAdvice is the advice issue's benchmark load: 5,000 knowledge-base entries and a
// round of 40 sections with a comment from each of the 79 municipalities on each.
var BenchmarkAdvice = AdviceShape{Inquiries: 200, Entries: 5000, Sections: 40, Comments: true, Seed: 1}

var (
	adviceSubjects = []string{"dokumendiregistri avalikustamine", "isikuandmete töötlemine sotsiaalhoolekandes", "X-teega liitumine",
		"E-ITS auditi ulatus", "ehitisregistri andmete parandamine", "rahvastikuregistri päringud", "avaandmete litsents",
		"videovalve koolis", "pilveteenuse hange", "volikogu istungi veebiülekanne", "e-arvete vastuvõtmine", "digiallkirja kasutamine"}
	adviceTags = []string{"KOKS § 6", "KOKS § 22", "AvTS § 12", "AvTS § 28", "IKS § 10", "KüTS § 7", "RHS § 4", "RIHA: Dokumendiregister",
		"RIHA: Rahvastikuregister", "RIHA: Ehitisregister", "RIHA: X-tee", "E-ITS"}
	adviceWords = strings.Fields("omavalitsus peab andmed avalikustama dokumendiregistris juurdepääsupiirang kehtib asutusesiseseks " +
		"kasutamiseks seadus näeb ette volikogu otsus määrus teenuse osutamine andmekaitse inspektsioon soovitab riigi infosüsteemi " +
		"kaudu päring liidestus turvameetmed riskianalüüs")
)

func adviceText(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = adviceWords[rng.IntN(len(adviceWords))]
	}
	return strings.Join(w, " ") + "."
}

// Advice writes shape's questions, knowledge-base entries and round of comment. Every
// text starts with "Näidis" so nobody takes it for real work.
func Advice(ctx context.Context, s AdviceStore, shape AdviceShape) error {
	rng := rand.New(rand.NewPCG(shape.Seed, 15))
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return fmt.Errorf("demo: no municipalities")
	}
	for i := range shape.Inquiries {
		m := ms[i%len(ms)]
		q, err := s.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: m.EHAK, Topic: advice.Topics[rng.IntN(len(advice.Topics))],
			Subject: "Näidis: " + adviceSubjects[rng.IntN(len(adviceSubjects))], Question: adviceText(rng, 30)})
		if err != nil {
			return fmt.Errorf("demo: inquiry: %w", err)
		}
		if i%3 == 0 {
			if _, err := s.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Answered, Answer: adviceText(rng, 40), Version: q.Version}); err != nil {
				return err
			}
		}
	}
	for i := range shape.Entries {
		vis := advice.Public
		if i%10 == 0 {
			vis = advice.Internal
		}
		tags := []string{adviceTags[rng.IntN(len(adviceTags))], adviceTags[rng.IntN(len(adviceTags))]}
		if _, err := s.CreateEntry(ctx, advice.Entry{Title: "Näidis: " + adviceSubjects[rng.IntN(len(adviceSubjects))], Question: adviceText(rng, 25),
			Answer: adviceText(rng, 80), Topic: advice.Topics[rng.IntN(len(advice.Topics))], Tags: tags, Visibility: vis}); err != nil {
			return fmt.Errorf("demo: entry: %w", err)
		}
	}
	if shape.Sections == 0 {
		return nil
	}
	r := advice.Round{Title: "Näidiseelnõu: kohaliku omavalitsuse korralduse seaduse muutmise seadus", Ministry: "Regionaal- ja Põllumajandusministeerium",
		ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10", InternalDays: advice.DefaultInternalDays, InternalDeadline: "2026-04-02", Public: true}
	for i := range shape.Sections {
		r.Sections = append(r.Sections, advice.Section{Heading: fmt.Sprintf("§ %d", i+1), Text: adviceText(rng, 20)})
	}
	if r, err = s.CreateCommentRound(ctx, r); err != nil {
		return err
	}
	if !shape.Comments {
		return nil
	}
	for _, m := range ms {
		for _, sec := range r.Sections {
			if _, err := s.AddComment(ctx, advice.Comment{RoundID: r.ID, SectionID: &sec.ID, MunicipalityEHAK: m.EHAK, Body: "Näidis: " + adviceText(rng, 15)}); err != nil {
				return err
			}
		}
	}
	return nil
}
