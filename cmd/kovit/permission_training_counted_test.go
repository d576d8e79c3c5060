package main

// Completions by count (issue 14): the permission matrix's cases and page ↔ API twins.
// A count of a training that does not exist is refused as invalid by whoever may record
// it, and id 999999 is no count, so the cases change nothing.

func trainingCountedPermissionCases() map[string]permissionCase {
	form, js := "application/x-www-form-urlencoded", "application/json"
	return map[string]permissionCase{
		"POST /municipalities/{ehak}/training/counts": {scopeMunicipality, "POST", "/municipalities/0784/training/counts", form,
			"role=employee&training_id=999999&completed_on=2026-01-01&people=5"},
		"POST /municipalities/{ehak}/training/counts/{id}/delete": {scopeMunicipality, "POST", "/municipalities/0784/training/counts/999999/delete", form, ""},
		"POST /api/v1/municipalities/{ehak}/training-counts": {scopeMunicipality, "POST", "/api/v1/municipalities/0784/training-counts", js,
			`{"role":"employee","training_id":999999,"completed_on":"2026-01-01","people":5}`},
		"DELETE /api/v1/municipalities/{ehak}/training-counts/{id}": {scopeMunicipality, "DELETE", "/api/v1/municipalities/0784/training-counts/999999", js, ""},
	}
}

func trainingCountedTwinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	return []twinPair{{page: g("/municipalities/{ehak}/training", "/municipalities/0784/training"),
		api: g("/api/v1/municipalities/{ehak}/training-counts", "/api/v1/municipalities/0784/training-counts")}}
}

func trainingCountedTwinWrites() []twinPair {
	return []twinPair{{
		page: twinRequest{route: "POST /municipalities/{ehak}/training/counts", path: "/municipalities/0784/training/counts",
			ctype: "application/x-www-form-urlencoded", body: "role=employee&training_id=999999&completed_on=2026-01-01&people=5"},
		api: twinRequest{route: "POST /api/v1/municipalities/{ehak}/training-counts", path: "/api/v1/municipalities/0784/training-counts",
			ctype: "application/json", body: `{"role":"employee","training_id":999999,"completed_on":"2026-01-01","people":5}`},
	}}
}

func init() {
	apiOnly["DELETE /api/v1/municipalities/{ehak}/training-counts/{id}"] = "twin of POST /municipalities/{ehak}/training/counts/{id}/delete; the fixture has no count to remove, the permission matrix covers both"
}
