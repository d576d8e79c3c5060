package main

// The surveys' page ↔ API twins (issue 16), on surveyFixture's records: {sinternal} keeps
// its results internal, {spublic} makes them public; both hold Tallinn's approved response.

func surveyTwinReads() []twinPair {
	at := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: twinRequest{route: "GET " + pageRoute, path: page}, api: twinRequest{route: "GET " + apiRoute, path: api}, marks: marks}
	}
	pairs := []twinPair{at("/surveys", "/surveys", "/api/v1/surveys", "/api/v1/surveys", internalSurvey, publicSurvey)}
	for _, s := range []string{"{sinternal}", "{spublic}"} {
		page, api := "/surveys/"+s, "/api/v1/surveys/"+s
		pairs = append(pairs,
			at("/surveys/{id}", page, "/api/v1/surveys/{id}", api, internalSurvey, publicSurvey),
			at("/surveys/{id}/responses/{ehak}", page+"/responses/0784", "/api/v1/surveys/{id}/responses/{ehak}", api+"/responses/0784", tallinnAnswer),
			at("/surveys/{id}/results", page+"/results", "/api/v1/surveys/{id}/results", api+"/results", tallinnAnswer),
			at("/surveys/{id}/results.xlsx", page+"/results.xlsx", "/api/v1/surveys/{id}/results.xlsx", api+"/results.xlsx", tallinnAnswer),
		)
	}
	return pairs
}

// surveyTwinWrites change nothing for whoever is let through but reminders, new
// surveys and what stale versions and an already approved response leave as it is.
func surveyTwinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	w := func(pageRoute, page, pageBody, apiRoute, api, apiBody string) twinPair {
		return twinPair{page: twinRequest{route: "POST " + pageRoute, path: page, ctype: form, body: pageBody},
			api: twinRequest{route: apiRoute, path: api, ctype: js, body: apiBody}}
	}
	s, api := "/surveys/{sinternal}", "/api/v1/surveys/{sinternal}"
	return []twinPair{
		w("/surveys", "/surveys", "title=Uus&year=2026&deadline=2026-12-31&questions=a+%7C+text+%7C+K", "POST /api/v1/surveys", "/api/v1/surveys",
			`{"title":"Uus","year":2026,"deadline":"2026-12-31","questions":[{"key":"a","text":"K","type":"text"}]}`),
		w("/surveys/{id}/edit", s+"/edit", "title=Uus&year=2026&deadline=2026-12-31&version=999", "PATCH /api/v1/surveys/{id}", api, `{"title":"Uus","version":999}`),
		w("/surveys/{id}/responses/{ehak}", s+"/responses/0784", "a.stream=jah&version=999", "PUT /api/v1/surveys/{id}/responses/{ehak}", api+"/responses/0784",
			`{"answers":{"stream":{"text":"jah"}},"version":999}`),
		w("/surveys/{id}/reminders", s+"/reminders", "", "POST /api/v1/surveys/{id}/reminders", api+"/reminders", ""),
		w("/surveys/{id}/responses/{ehak}/approve", s+"/responses/0784/approve", "version=999", "POST /api/v1/surveys/{id}/responses/{ehak}/approval",
			api+"/responses/0784/approval", `{"version":999}`),
	}
}
