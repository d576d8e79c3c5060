package main

// The advice module's page ↔ API twins (issue 15), on adviceFixture's records: Tartu's
// question 1, the public entry 1, the public round 1 and Tartu's comment 1 on it.

func adviceTwinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	at := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: g(pageRoute, page), api: g(apiRoute, api), marks: marks}
	}
	same := func(page, api string, marks ...string) twinPair {
		return at(page, page, "/api/v1"+api, "/api/v1"+api, marks...)
	}
	return []twinPair{
		same("/inquiries", "/inquiries", "Küsimus Tikker"),
		same("/inquiries/stats", "/inquiries/stats"),
		at("/inquiries/{id}", "/inquiries/1", "/api/v1/inquiries/{id}", "/api/v1/inquiries/1", "Küsimus Tikker"),
		same("/kb", "/kb", "Kirje Tikker"),
		at("/kb/{id}", "/kb/1", "/api/v1/kb/{id}", "/api/v1/kb/1", "Kirje Tikker"),
		same("/comment-rounds", "/comment-rounds", "Eelnõu Tikker"),
		at("/comment-rounds/{id}", "/comment-rounds/1", "/api/v1/comment-rounds/{id}", "/api/v1/comment-rounds/1", "Eelnõu Tikker"),
		at("/comment-rounds/{id}/position", "/comment-rounds/1/position", "/api/v1/positions/{id}", "/api/v1/positions/1", "Märkus Tikker"),
	}
}

// adviceTwinWrites carry stale versions where a record changes, so whoever is let through
// meets a conflict; a new question, entry, round, comment or point is made by each actor
// let through.
func adviceTwinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	p := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: form, body: body}
	}
	j := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: js, body: body}
	}
	pair := func(page, api twinRequest) twinPair { return twinPair{page: page, api: api} }
	return []twinPair{
		pair(p("POST /inquiries", "/inquiries", "municipality_ehak=0784&topic=law&subject=X&question=Y"),
			j("POST /api/v1/inquiries", "/api/v1/inquiries", `{"municipality_ehak":"0784","topic":"law","subject":"X","question":"Y"}`)),
		pair(p("POST /inquiries/{id}/move", "/inquiries/1/move", "to=in_progress&version=999"),
			j("POST /api/v1/inquiries/{id}/move", "/api/v1/inquiries/1/move", `{"to":"in_progress","version":999}`)),
		pair(p("POST /kb", "/kb", "title=X&answer=Y&topic=law"),
			j("POST /api/v1/kb", "/api/v1/kb", `{"title":"X","answer":"Y","topic":"law"}`)),
		pair(p("POST /kb/{id}", "/kb/1", "title=X&answer=Y&topic=law&visibility=public&version=999"),
			j("PATCH /api/v1/kb/{id}", "/api/v1/kb/1", `{"title":"X","version":999}`)),
		pair(p("POST /comment-rounds", "/comment-rounds", "title=X&ministry=M&received_on=2026-03-20&ministry_deadline=2026-04-10&public=true&all=true&sections=%C2%A7+1"),
			j("POST /api/v1/comment-rounds", "/api/v1/comment-rounds", `{"title":"X","ministry":"M","received_on":"2026-03-20","ministry_deadline":"2026-04-10","public":true,"sections":[{"heading":"§ 1"}]}`)),
		pair(p("POST /comment-rounds/{id}", "/comment-rounds/1", "title=X&ministry=M&received_on=2026-03-20&ministry_deadline=2026-04-10&public=true&all=true&version=999"),
			j("PATCH /api/v1/comment-rounds/{id}", "/api/v1/comment-rounds/1", `{"title":"X","version":999}`)),
		pair(p("POST /comment-rounds/{id}/comments", "/comment-rounds/1/comments", "municipality_ehak=0784&body=X"),
			j("POST /api/v1/comment-rounds/{id}/comments", "/api/v1/comment-rounds/1/comments", `{"municipality_ehak":"0784","body":"X"}`)),
		pair(p("POST /comment-rounds/{id}/respond", "/comment-rounds/1/respond", "municipality_ehak=0784"),
			j("POST /api/v1/comment-rounds/{id}/respond", "/api/v1/comment-rounds/1/respond", `{"municipality_ehak":"0784"}`)),
		pair(p("POST /comment-rounds/{id}/points", "/comment-rounds/1/points", "text=X"),
			j("POST /api/v1/positions/{id}/points", "/api/v1/positions/1/points", `{"text":"X"}`)),
		pair(p("POST /comment-rounds/{id}/comments/{cid}/decide", "/comment-rounds/1/comments/1/decide", "fate=not_adopted&reason=X&version=999"),
			j("POST /api/v1/positions/{id}/comments/{cid}/decide", "/api/v1/positions/1/comments/1/decide", `{"fate":"not_adopted","reason":"X","version":999}`)),
		pair(p("POST /comment-rounds/{id}/dispositions", "/comment-rounds/1/dispositions", ""),
			j("PUT /api/v1/positions/{id}/dispositions", "/api/v1/positions/1/dispositions", `{"rows":[]}`)),
	}
}
