package main

// Training and awareness's page ↔ API twins (issue 14), added to twinReads and twinWrites.
// The writes carry bodies every allowed actor gets refused as invalid (an empty title, a
// training that does not exist) or ids that do not exist, so they change nothing and both
// surfaces must answer alike.

func trainingTwinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	at := func(pageRoute, page, apiRoute, api string) twinPair {
		return twinPair{page: g(pageRoute, page), api: g(apiRoute, api)}
	}
	return []twinPair{
		at("/trainings", "/trainings", "/api/v1/trainings", "/api/v1/trainings"),
		at("/trainings", "/trainings", "/api/v1/training-requirements", "/api/v1/training-requirements"),
		at("/municipalities/{ehak}/training", "/municipalities/0784/training", "/api/v1/municipalities/{ehak}/training-records", "/api/v1/municipalities/0784/training-records"),
		at("/municipalities/{ehak}/training", "/municipalities/0784/training", "/api/v1/municipalities/{ehak}/training-gaps", "/api/v1/municipalities/0784/training-gaps"),
	}
}

func trainingTwinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	p := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: form, body: body}
	}
	j := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: js, body: body}
	}
	pair := func(page, api twinRequest) twinPair { return twinPair{page: page, api: api} }
	return []twinPair{
		pair(p("POST /trainings", "/trainings", "title=&kind=course"), j("POST /api/v1/trainings", "/api/v1/trainings", `{"title":"","kind":"course"}`)),
		pair(p("POST /training-requirements", "/training-requirements", "role=employee&training_id=999999"),
			j("POST /api/v1/training-requirements", "/api/v1/training-requirements", `{"role":"employee","training_id":999999}`)),
		pair(p("POST /municipalities/{ehak}/training", "/municipalities/0784/training", "person=X&role=employee&training_id=999999&completed_on=2026-01-01"),
			j("POST /api/v1/municipalities/{ehak}/training-records", "/api/v1/municipalities/0784/training-records", `{"person":"X","role":"employee","training_id":999999,"completed_on":"2026-01-01"}`)),
	}
}

func init() {
	apiOnly["GET /api/v1/trainings/{id}"] = "one training is a row of the trainings page (GET /trainings ↔ GET /api/v1/trainings)"
	// The twin fixture holds no training records or requirements to remove; the pages'
	// removals (POST …/delete) ask the same policy functions, and the permission matrix
	// checks both surfaces' refusals.
	apiOnly["DELETE /api/v1/training-requirements/{id}"] = "twin of POST /training-requirements/{id}/delete; the fixture has no requirement to remove, the permission matrix covers both"
	apiOnly["DELETE /api/v1/municipalities/{ehak}/training-records/{id}"] = "twin of POST /municipalities/{ehak}/training/{id}/delete; the fixture has no record to remove, the permission matrix covers both"
	apiOnly["PATCH /api/v1/trainings/{id}"] = "changing a training has no page form yet; its rule (coordinators) is the create's, whose twin is POST /trainings"
}
