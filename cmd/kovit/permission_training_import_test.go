package main

// trainingImportPermissionCases are the permission matrix's cases of issue 14's last gaps.
// An attendance sheet naming a training that does not exist is refused as
// invalid by whoever may import, so it changes nothing; the awareness status of round
// 999999 is refused by the policy before the round is looked up.
func trainingImportPermissionCases() map[string]permissionCase {
	return map[string]permissionCase{
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/systems": {scopeMunicipality, "POST",
			"/security/rounds/999999/municipalities/0784/modules/APP.1/systems", "application/x-www-form-urlencoded", "system=999999"},
		"PUT /api/v1/assessments/{id}/{ehak}/modules/{code}/systems": {scopeMunicipality, "PUT",
			"/api/v1/assessments/999999/0784/modules/APP.1/systems", "application/json", `{"systems":[999999]}`},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/awareness": {scopeMunicipality, "POST",
			"/security/rounds/999999/municipalities/0784/modules/ORP.3/awareness", "application/x-www-form-urlencoded", "owner=Mallory&due=2030-01-01"},
		"POST /municipalities/{ehak}/training/import":                {scopeMunicipality, "POST", "/municipalities/0784/training/import", attendanceCType, attendanceBody},
		"POST /api/v1/municipalities/{ehak}/training-records/import": {scopeMunicipality, "POST", "/api/v1/municipalities/0784/training-records/import", attendanceCType, attendanceBody},
	}
}

const attendanceCType = "multipart/form-data; boundary=kovit"

// attendanceBody is a one-row attendance sheet of a training that does not exist.
const attendanceBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"Isik;Roll;Koolitus;Läbimise kuupäev\r\nMallory;töötaja;999999;01.01.2026\r\n--kovit--\r\n"

// trainingImportTwinWrites are the page ↔ API twins of issue 14's last gaps.
func trainingImportTwinWrites() []twinPair {
	m := func(route, path string) twinRequest {
		return twinRequest{route: route, path: path, ctype: attendanceCType, body: attendanceBody}
	}
	return []twinPair{{
		page: m("POST /municipalities/{ehak}/training/import", "/municipalities/0784/training/import"),
		api:  m("POST /api/v1/municipalities/{ehak}/training-records/import", "/api/v1/municipalities/0784/training-records/import"),
	}, {
		// A system not of Tallinn's landscape: refused as invalid by whoever may answer.
		page: twinRequest{route: "POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/systems",
			path: "/security/rounds/{sec}/municipalities/0784/modules/ISMS.1/systems", ctype: "application/x-www-form-urlencoded", body: "system=999999"},
		api: twinRequest{route: "PUT /api/v1/assessments/{id}/{ehak}/modules/{code}/systems",
			path: "/api/v1/assessments/{sec}/0784/modules/ISMS.1/systems", ctype: "application/json", body: `{"systems":[999999]}`},
	}}
}

// trainingImportTwinReads: the counts without names and the assessment's history read alike
// on the page and the API.
func trainingImportTwinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	return []twinPair{{page: g("/trainings/coverage", "/trainings/coverage"), api: g("/api/v1/training-coverage", "/api/v1/training-coverage")},
		// The history's page shows the changed fields, the API whole snapshots: the two are
		// compared by who gets them (TestAssessmentHistoryShown checks what they show).
		{page: g("/security/rounds/{id}/municipalities/{ehak}/history", "/security/rounds/{sec}/municipalities/0784/history"),
			api: g("/api/v1/assessments/{id}/{ehak}/history", "/api/v1/assessments/{sec}/0784/history")}}
}
