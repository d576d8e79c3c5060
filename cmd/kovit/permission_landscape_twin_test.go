package main

// The landscape module's page ↔ API twins (issue 13), added to twinReads and twinWrites.
// Solution 1 is the first seeded one (VOLIS). Row 1 is the one Tallinn's editor declares in
// the writes, so the row's read and change come after it there; the records profile the
// same editor saves first (version 0) is the one the review then meets at a stale version.

func landscapeTwinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	at := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: g(pageRoute, page), api: g(apiRoute, api), marks: marks}
	}
	return []twinPair{
		at("/solutions", "/solutions", "/api/v1/solutions", "/api/v1/solutions", "VOLIS"),
		at("/solutions/{id}", "/solutions/1", "/api/v1/solutions/{id}", "/api/v1/solutions/1", "VOLIS"),
		at("/municipalities/{ehak}/landscape", "/municipalities/0784/landscape", "/api/v1/landscape", "/api/v1/landscape?municipality=0784"),
		at("/advisories", "/advisories", "/api/v1/advisories", "/api/v1/advisories"),
		at("/practices", "/practices", "/api/v1/practices", "/api/v1/practices"),
		at("/records", "/records", "/api/v1/records-profiles", "/api/v1/records-profiles"),
		at("/municipalities/{ehak}/records", "/municipalities/0784/records", "/api/v1/records-profiles/{ehak}", "/api/v1/records-profiles/0784"),
		at("/records/scale", "/records/scale", "/api/v1/records-scale", "/api/v1/records-scale", "3.4"),
	}
}

func landscapeTwinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	p := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: form, body: body}
	}
	j := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: js, body: body}
	}
	pair := func(page, api twinRequest) twinPair { return twinPair{page: page, api: api} }
	return []twinPair{
		// Practice 1 is proposed by the first actor let through (a reader): it reads it, as
		// coordinators do; another municipality's editor does not, and nobody may adopt a
		// practice not yet published (a coordinator is let through to that conflict).
		pair(p("POST /practices/new", "/practices/new", "title=Uus&summary=Lühidalt&municipalities=0784"),
			j("POST /api/v1/practices", "/api/v1/practices", `{"title":"Uus","summary":"Lühidalt","municipalities":["0784"]}`)),
		{page: twinRequest{route: "GET /practices/{id}", path: "/practices/1"}, api: twinRequest{route: "GET /api/v1/practices/{id}", path: "/api/v1/practices/1"}},
		pair(p("POST /practices/{id}/status", "/practices/1/status", "status=published&version=999"),
			j("PATCH /api/v1/practices/{id}", "/api/v1/practices/1", `{"status":"published","version":999}`)),
		pair(p("POST /practices/{id}/edit", "/practices/1/edit", "title=Uus&summary=L%C3%BChidalt&municipalities=0784&version=999"),
			j("PATCH /api/v1/practices/{id}", "/api/v1/practices/1", `{"title":"Uus","version":999}`)),
		pair(p("POST /practices/{id}/adopt/{ehak}", "/practices/1/adopt/0784", "differences=x"),
			j("POST /api/v1/adoptions", "/api/v1/adoptions", `{"practice_id":1,"municipality_ehak":"0784"}`)),
		pair(p("POST /solutions/new", "/solutions/new", "name=Uus+lahendus&kind=shared&area=other"),
			j("POST /api/v1/solutions", "/api/v1/solutions", `{"name":"Uus lahendus 2","kind":"shared"}`)),
		pair(p("POST /solutions/{id}/edit", "/solutions/1/edit", "name=VOLIS&kind=shared&area=council&version=999"),
			j("PATCH /api/v1/solutions/{id}", "/api/v1/solutions/1", `{"name":"VOLIS","version":999}`)),
		pair(p("POST /solutions/{id}/accept", "/solutions/1/accept", "version=999"),
			j("POST /api/v1/solutions/{id}/decision", "/api/v1/solutions/1/decision", `{"decision":"accept","version":999}`)),
		pair(p("POST /municipalities/{ehak}/landscape", "/municipalities/0784/landscape", "solution_id=1&status=production"),
			j("POST /api/v1/landscape", "/api/v1/landscape", `{"municipality_ehak":"0784","solution_id":1}`)),
		{page: twinRequest{route: "GET /landscape/rows/{id}", path: "/landscape/rows/1"}, api: twinRequest{route: "GET /api/v1/landscape/{id}", path: "/api/v1/landscape/1"}},
		pair(p("POST /landscape/rows/{id}", "/landscape/rows/1", "solution_id=1&status=stopped&version=999"),
			j("PATCH /api/v1/landscape/{id}", "/api/v1/landscape/1", `{"status":"stopped","version":999}`)),
		pair(p("POST /municipalities/{ehak}/landscape/sign-off", "/municipalities/0784/landscape/sign-off", ""),
			j("POST /api/v1/landscape/sign-offs", "/api/v1/landscape/sign-offs", `{"municipality_ehak":"0784"}`)),
		// Advisories about solution 1, which Tallinn runs since row 1: each coordinator
		// sends one, so advisory 1 exists for the read and the handled mark that follow.
		pair(p("POST /advisories", "/advisories", "solution=1&title=Uuendage"),
			j("POST /api/v1/advisories", "/api/v1/advisories", `{"query":{"solution_id":1},"title":"Uuendage"}`)),
		{page: twinRequest{route: "GET /advisories/{id}", path: "/advisories/1"}, api: twinRequest{route: "GET /api/v1/advisories/{id}", path: "/api/v1/advisories/1"}, marks: []string{"Uuendage"}},
		pair(p("POST /advisories/{id}/handled/{ehak}", "/advisories/1/handled/0784", ""),
			j("POST /api/v1/advisories/{id}/handled/{ehak}", "/api/v1/advisories/1/handled/0784", "")),
		pair(p("POST /municipalities/{ehak}/records", "/municipalities/0784/records", "dhx=none&version=0"),
			j("PUT /api/v1/records-profiles/{ehak}", "/api/v1/records-profiles/0784", `{"dhx":"none","version":0}`)),
		pair(p("POST /records/scale/criteria/{id}", "/records/scale/criteria/4", "text_et=Muudetud&text_en=Changed"),
			j("PATCH /api/v1/records-scale/criteria/{id}", "/api/v1/records-scale/criteria/4", `{"text_et":"Muudetud","text_en":"Changed"}`)),
		pair(p("POST /municipalities/{ehak}/records/review", "/municipalities/0784/records/review", "verification=verified&version=999"),
			j("POST /api/v1/records-profiles/{ehak}/review", "/api/v1/records-profiles/0784/review", `{"verification":"verified","version":999}`)),
	}
}

func init() {
	apiOnly["GET /api/v1/adoptions"] = "a part of the practice's page (GET /practices/{id} ↔ GET /api/v1/practices/{id}); a practice the user may not read answers an empty list, as a missing one does"
}
