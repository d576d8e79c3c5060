package main

// securityTwins are the security module's page ↔ API pairs for TestPermissionTwins.
// {sec} is the fixture's embargoed round, {secpub} its published one (securityFixture);
// Tallinn's (0784) assessment is the record read and changed. A change carries a stale
// version, or an empty text, so whoever is let through is refused and nothing changes.
func securityTwins() (reads, writes []twinPair) {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	pair := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: g(pageRoute, page), api: g(apiRoute, api), marks: marks}
	}
	assignee := markerOf("0784", "assignee")
	for _, rd := range []string{"{sec}", "{secpub}"} {
		reads = append(reads,
			pair("/security/rounds/{id}/municipalities/{ehak}", "/security/rounds/"+rd+"/municipalities/0784",
				"/api/v1/assessments/{id}/{ehak}", "/api/v1/assessments/"+rd+"/0784", assignee),
			pair("/security/rounds/{id}", "/security/rounds/"+rd, "/api/v1/assessment-rounds/{id}", "/api/v1/assessment-rounds/"+rd,
				"E-ITS embargo", "E-ITS avaldatud"),
			pair("/security/rounds/{id}/municipalities/{ehak}/maturity", "/security/rounds/"+rd+"/municipalities/0784/maturity",
				"/api/v1/maturity/{id}/{ehak}", "/api/v1/maturity/"+rd+"/0784"),
			pair("/security/rounds/{id}/aggregates", "/security/rounds/"+rd+"/aggregates",
				"/api/v1/assessment-rounds/{id}/aggregates", "/api/v1/assessment-rounds/"+rd+"/aggregates"))
	}
	reads = append(reads,
		pair("/security", "/security", "/api/v1/assessment-rounds", "/api/v1/assessment-rounds", "E-ITS embargo", "E-ITS avaldatud"),
		pair("/security/maturity", "/security/maturity", "/api/v1/maturity/criteria", "/api/v1/maturity/criteria", "Dokumendihaldussüsteem on kasutusel"),
		pair("/security/catalogue", "/security/catalogue?year=2023", "/api/v1/eits-catalogue/{year}", "/api/v1/eits-catalogue/2023", "Turbehaldus"))

	form, js := "application/x-www-form-urlencoded", "application/json"
	p := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: form, body: body}
	}
	j := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: js, body: body}
	}
	add := func(page, api twinRequest) { writes = append(writes, twinPair{page: page, api: api}) }
	base := "/security/rounds/{sec}/municipalities/0784"
	add(p("POST /security/rounds", "/security/rounds", "title=Uus&year=2023&deadline=2099-03-01&correction_until=2099-03-10&publish_on=2099-04-01"),
		j("POST /api/v1/assessment-rounds", "/api/v1/assessment-rounds",
			`{"title":"Uus","year":2023,"deadline":"2099-03-01","correction_until":"2099-03-10","publish_on":"2099-04-01"}`))
	add(p("POST /security/rounds/{id}/edit", "/security/rounds/{sec}/edit", "title=X&deadline=2099-01-01&correction_until=2099-01-10&publish_on=2099-02-01&version=999"),
		j("PATCH /api/v1/assessment-rounds/{id}", "/api/v1/assessment-rounds/{sec}", `{"title":"X","version":999}`))
	add(p("POST /security/rounds/{id}/municipalities/{ehak}/report", base+"/report", "target_tier=high&version=999"),
		j("PATCH /api/v1/assessments/{id}/{ehak}", "/api/v1/assessments/{sec}/0784", `{"target_tier":"high","version":999}`))
	add(p("POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}", base+"/modules/ISMS.1", "applies=yes&assignee=X&version=999"),
		j("PUT /api/v1/assessments/{id}/{ehak}/answers", "/api/v1/assessments/{sec}/0784/answers", `{"module_code":"ISMS.1","assignee":"X","version":999}`))
	add(p("POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/confirm", base+"/modules/ISMS.1/confirm", ""),
		j("POST /api/v1/assessments/{id}/{ehak}/modules/{code}/confirm", "/api/v1/assessments/{sec}/0784/modules/ISMS.1/confirm", ""))
	add(p("POST /security/rounds/{id}/municipalities/{ehak}/maturity", base+"/maturity", "met=999999"),
		j("PUT /api/v1/maturity/{id}/{ehak}", "/api/v1/maturity/{sec}/0784", `{"met":[999999]}`))
	add(p("POST /security/maturity/criteria/{id}", "/security/maturity/criteria/1", "text_et="),
		j("PATCH /api/v1/maturity/criteria/{id}", "/api/v1/maturity/criteria/1", `{"text_et":""}`))
	measures := `{"version":2023,"measures":[{"measureId":"1","measureCode":"ISMS.1.M1","measureTitle":"X","type":"MAIN"}]}`
	add(twinRequest{route: "POST /security/catalogue/{year}/measures", path: "/security/catalogue/2023/measures", ctype: "multipart/form-data; boundary=kovit",
		body: "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.json\"\r\nContent-Type: application/json\r\n\r\n" + measures + "\r\n--kovit--\r\n"},
		j("POST /api/v1/eits-catalogue/{year}/measures", "/api/v1/eits-catalogue/2023/measures", measures))
	return reads, writes
}
