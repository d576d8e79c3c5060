package web

import (
	"time"

	"kovit/internal/desk"
	"kovit/internal/municipality"
)

func deskSamples(base Page) map[string]any {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	items := []desk.Item{
		{Kind: desk.CellReturned, MunicipalityEHAK: "0793", TitleEt: "Ehitusluba", Detail: "Link puudub", Link: "/eservices/0793/ENV-001", Date: at},
		{Kind: desk.RoundOpen, TitleEt: "Vajadused 2027", Link: "/rounds/1", Date: at, Count: 2},
		{Kind: desk.RoundMissing, TitleEt: "Vajadused 2027", Link: "/rounds/1", Date: at, Count: 70},
		{Kind: desk.StaleActivity, TitleEt: "Ühine", TitleEn: "Joint", Detail: "1.1", Link: "/plan/activities/2", Date: at},
		{Kind: desk.CellUnfilled, MunicipalityEHAK: "0793", TitleEn: "Only English", Link: "/eservices/0793/SOC-001"},
		{Kind: desk.Changed, MunicipalityEHAK: "0793", Detail: "municipalities", Link: "/municipalities/0793", Date: at},
		{Kind: desk.Changed, TitleEt: "Uus vajadus", Detail: "needs", Link: "/needs/1", Date: at},
	}
	base.Waiting = 3
	list := desk.Order(items)
	list.Counts[desk.CellReturned] = desk.PerKind + 1
	p := deskPage{planPage: planPage{base}, List: list, Groups: deskGroups(list), Since: at, Queues: true,
		Areas: []string{"Sotsiaal"}, Counties: []municipality.County{{EHAK: "0079", Name: "Tartu maakond"}},
		Filter: desk.Filter{Area: "Sotsiaal"}, Names: map[string]string{"0793": "Tartu linn"}}
	return map[string]any{"desk/desk": p}
}
