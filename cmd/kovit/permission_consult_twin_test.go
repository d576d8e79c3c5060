package main

import "strings"

// The consultations' page ↔ API twins (issue 16), on consultFixture's records: {copen}
// takes public comments and holds Tallinn's published comment {ccomment} and the public's
// waiting one {cpending}; {cdraft} is a draft.

func consultTwinReads() []twinPair {
	at := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: twinRequest{route: "GET " + pageRoute, path: page}, api: twinRequest{route: "GET " + apiRoute, path: api}, marks: marks}
	}
	pairs := []twinPair{at("/consultations", "/consultations", "/api/v1/consultations", "/api/v1/consultations", openConsultation, draftConsultation)}
	for _, c := range []string{"{copen}", "{cdraft}"} {
		page, api := "/consultations/"+c, "/api/v1/consultations/"+c
		comments := []string{tallinnComment, pendingComment, publicAuthor}
		pairs = append(pairs,
			at("/consultations/{id}", page, "/api/v1/consultations/{id}", api, draftText, openConsultation),
			at("/consultations/{id}/diff", page+"/diff", "/api/v1/consultations/{id}/diff", api+"/diff", draftText),
			at("/consultations/{id}/comments", page+"/comments", "/api/v1/consultations/{id}/comments", api+"/comments", comments...),
			at("/consultations/{id}/comments.csv", page+"/comments.csv", "/api/v1/consultations/{id}/comments.csv", api+"/comments.csv", comments...),
			at("/consultations/{id}/comments.xlsx", page+"/comments.xlsx", "/api/v1/consultations/{id}/comments.xlsx", api+"/comments.xlsx", comments...),
		)
	}
	return pairs
}

// consultTwinWrites change nothing for whoever is let through: stale versions, a section
// the text has not, and new drafts.
func consultTwinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	w := func(pageRoute, page, pageBody, apiRoute, api, apiBody string) twinPair {
		return twinPair{page: twinRequest{route: "POST " + pageRoute, path: page, ctype: form, body: pageBody},
			api: twinRequest{route: apiRoute, path: api, ctype: js, body: apiBody}}
	}
	pairs := []twinPair{w("/consultations", "/consultations", "title=Uus&text=%23+A", "POST /api/v1/consultations", "/api/v1/consultations", `{"title":"Uus","sections":[{"heading":"A"}]}`)}
	for _, c := range []string{"{copen}", "{cdraft}"} {
		page, api := "/consultations/"+c, "/api/v1/consultations/"+c
		pairs = append(pairs,
			w("/consultations/{id}/edit", page+"/edit", "title=Uus&version=999", "PATCH /api/v1/consultations/{id}", api, `{"title":"Uus","version":999}`),
			w("/consultations/{id}/phase", page+"/phase", "to=closed&version=999", "POST /api/v1/consultations/{id}/phase", api+"/phase", `{"to":"closed","version":999}`),
			w("/consultations/{id}/versions", page+"/versions", "text=%23+A&version=999", "POST /api/v1/consultations/{id}/versions", api+"/versions", `{"sections":[{"heading":"A"}],"version":999}`),
		)
	}
	// On a draft nobody comments: its coordinators answer comments rather than write them.
	pairs = append(pairs, w("/consultations/{id}/comments", "/consultations/{copen}/comments", "section=9&body=Hea",
		"POST /api/v1/consultations/{id}/comments", "/api/v1/consultations/{copen}/comments", `{"section_key":"9","body":"Hea"}`))
	for _, k := range []string{"{ccomment}", "{cpending}"} {
		page, api := "/consultations/{copen}/comments/"+k, "/api/v1/consultations/{copen}/comments/"+k
		pairs = append(pairs,
			w("/consultations/{id}/comments/{comment}/moderate", page+"/moderate", "decision=publish&version=999",
				"POST /api/v1/consultations/{id}/comments/{comment}/moderation", api+"/moderation", `{"publish":true,"version":999}`),
			w("/consultations/{id}/comments/{comment}/dispose", page+"/dispose", "disposition=accepted&reason=x&version=999",
				"POST /api/v1/consultations/{id}/comments/{comment}/disposition", api+"/disposition", `{"disposition":"accepted","reason":"x","version":999}`),
		)
	}
	return pairs
}

// replacers applies several fixtures' replacers in turn.
type replacers []*strings.Replacer

func (r replacers) Replace(s string) string {
	for _, x := range r {
		s = x.Replace(s)
	}
	return s
}
