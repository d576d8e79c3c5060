package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// PracticeStore is what the practice generator needs.
type PracticeStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	CreatePractice(ctx context.Context, p landscape.Practice) (landscape.Practice, error)
}

// BenchmarkPractices is the practice library's benchmark load: 2,000 practices, most of
// them published.
const BenchmarkPractices = 2000

var practiceTopics = strings.Fields("dokumendihaldus iseteenindus volikogu toetused lasteaiajärjekord ehitusload infoturve " +
	"avaandmed kaasav-eelarve noorsootöö sotsiaalteenused koolikohad pilveteenus koolitus varundamine")

// Practices writes n synthetic practices, four in five published, each from one or two
// municipalities; every title starts with "Näidispraktika".
func Practices(ctx context.Context, s PracticeStore, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	for i := range n {
		topic := practiceTopics[rng.IntN(len(practiceTopics))]
		from := []string{ms[rng.IntN(len(ms))].EHAK}
		if rng.IntN(3) == 0 {
			from = append(from, ms[rng.IntN(len(ms))].EHAK)
		}
		status := landscape.PracticePublished
		if i%5 == 0 {
			status = landscape.PracticeSubmitted
		}
		_, err := s.CreatePractice(ctx, landscape.Practice{Title: fmt.Sprintf("Näidispraktika %d: %s", i+1, topic),
			Summary: "Sünteetiline näide: " + topic + " ühtses keskkonnas, vähem paberit ja kiirem menetlus.",
			Problem: "Käsitöö ja paberid: " + topic + ".", WhatDone: "Võeti kasutusele ühine lahendus ja koolitati ametnikud.",
			Resources: fmt.Sprintf("%d inimest, %d kuud", 1+rng.IntN(3), 1+rng.IntN(9)), Results: "Menetlusaeg lühenes.",
			Municipalities: from, Tags: []string{topic}, Status: status})
		if err != nil {
			return err
		}
	}
	return nil
}
