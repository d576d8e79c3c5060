package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kovit/internal/consult"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
)

// EDemocracyStore is what the e-democracy generator needs.
type EDemocracyStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	CreateConsultation(ctx context.Context, c consult.Consultation, first consult.DocVersion) (consult.Consultation, error)
	AddDocVersion(ctx context.Context, consultationID int64, v consult.DocVersion, consultationVersion int) (consult.DocVersion, error)
	MoveConsultation(ctx context.Context, id int64, m consult.Move) (consult.Consultation, error)
	CreateSurvey(ctx context.Context, s survey.Survey) (survey.Survey, error)
	SaveResponse(ctx context.Context, r survey.Response, submit bool) (survey.Response, error)
	ApproveResponse(ctx context.Context, surveyID int64, ehak string, version int) (survey.Response, error)
	EDemocracySavePractice(ctx context.Context, p edemocracy.Practice) (edemocracy.Practice, error)
}

// councilSystems are the council information systems the practices name.
var councilSystems = []string{"VOLIS", "Delta", "Amphora", "WebDesktop"}

// EDemocracy writes an open consultation on a two-version draft, last year's and this
// year's e-democracy survey with every municipality's approved response to last year's,
// and every municipality's practice, drawn from seed. Titles start with "Näidis".
func EDemocracy(ctx context.Context, s EDemocracyStore, seed uint64, now time.Time) error {
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 16))
	c, err := s.CreateConsultation(ctx, consult.Consultation{Title: "Näidis: kohaliku omavalitsuse IKT strateegia 2031 kavand",
		Summary: "Liidu strateegia kavand arvamuse avaldamiseks.", OpensOn: now.AddDate(0, 0, -7).Format(time.DateOnly),
		ClosesOn: now.AddDate(0, 0, 21).Format(time.DateOnly), PublicComments: true}, consult.DocVersion{Sections: []consult.Section{
		{Heading: "Eesmärk", Body: "Kõik omavalitsuste põhiteenused on e-kanalis kättesaadavad."},
		{Heading: "Tegevused", Body: "Arendame iseteeninduse ja jagame lahendusi omavalitsuste vahel."},
		{Heading: "Mõõdikud", Body: "E-teenuste küpsuse mediaan tõuseb igal aastal."}}})
	if err != nil {
		return fmt.Errorf("demo: consultation: %w", err)
	}
	if _, err := s.AddDocVersion(ctx, c.ID, consult.DocVersion{Note: "Ühine iseteenindus", Sections: []consult.Section{
		{Heading: "Eesmärk", Body: "Kõik omavalitsuste põhiteenused on e-kanalis kättesaadavad."},
		{Heading: "Tegevused", Body: "Arendame ühise iseteeninduse ja jagame lahendusi omavalitsuste vahel."},
		{Heading: "Mõõdikud", Body: "E-teenuste küpsuse mediaan tõuseb igal aastal."}}}, c.Version); err != nil {
		return fmt.Errorf("demo: consultation version: %w", err)
	}
	if _, err := s.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version + 1}); err != nil {
		return fmt.Errorf("demo: open consultation: %w", err)
	}

	questions := []survey.Question{
		{Key: "stream", Text: "Kas volikogu istungeid kantakse otse üle?", Type: survey.Single, Options: []string{"jah", "ei"}, Required: true},
		{Key: "channels", Text: "Millistes kanalites kaasate elanikke?", Type: survey.Multiple, Options: []string{"veeb", "rahvakoosolek", "Rahvaalgatus", "sotsiaalmeedia"}},
		{Key: "budget", Text: "Kaasava eelarve summa (EUR)", Type: survey.Number, Min: ptr(0)},
		{Key: "satisfaction", Text: "Kui rahul olete oma e-demokraatia tööriistadega?", Type: survey.Scale},
	}
	year := now.Year()
	last, err := s.CreateSurvey(ctx, survey.Survey{Year: year - 1, Title: fmt.Sprintf("Näidis: e-demokraatia küsitlus %d", year-1),
		Deadline: fmt.Sprintf("%d-12-31", year-1), Open: true, PublicResults: true, Questions: questions})
	if err != nil {
		return fmt.Errorf("demo: survey: %w", err)
	}
	if _, err := s.CreateSurvey(ctx, survey.Survey{Year: year, Title: fmt.Sprintf("Näidis: e-demokraatia küsitlus %d", year),
		Deadline: now.AddDate(0, 1, 0).Format(time.DateOnly), Open: true, PublicResults: true, Questions: questions, PreviousID: &last.ID}); err != nil {
		return fmt.Errorf("demo: survey: %w", err)
	}
	for _, m := range ms {
		stream := r.IntN(3) > 0
		budget := float64(r.IntN(20)) * 10000
		score := float64(1 + r.IntN(5))
		answers := map[string]survey.Answer{"stream": {Text: map[bool]string{true: "jah", false: "ei"}[stream]},
			"channels": {Choices: []string{"veeb"}}, "budget": {Number: &budget}, "satisfaction": {Number: &score}}
		resp, err := s.SaveResponse(ctx, survey.Response{SurveyID: last.ID, MunicipalityEHAK: m.EHAK, Answers: answers}, true)
		if err != nil {
			return fmt.Errorf("demo: response of %s: %w", m.EHAK, err)
		}
		if _, err := s.ApproveResponse(ctx, last.ID, m.EHAK, resp.Version); err != nil {
			return err
		}
		p := edemocracy.Practice{MunicipalityEHAK: m.EHAK, CouncilSystem: councilSystems[r.IntN(len(councilSystems))],
			PublicModules: []string{"agendas", "drafts", "minutes"}, Streaming: stream, Recordings: stream || r.IntN(2) == 0,
			Consultations: r.IntN(6), Rahvaalgatus: r.IntN(4) > 0}
		if budget > 0 {
			y, votes, amount := year-1, 100+r.IntN(5000), kovit.Money(budget*100)
			p.BudgetYear, p.BudgetVotes, p.BudgetAmount = &y, &votes, &amount
		}
		if _, err := s.EDemocracySavePractice(ctx, p); err != nil {
			return fmt.Errorf("demo: practice of %s: %w", m.EHAK, err)
		}
	}
	return nil
}

func ptr(f float64) *float64 { return &f }
