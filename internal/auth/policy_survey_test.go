package auth

import "testing"

func TestSurveyPolicy(t *testing.T) {
	lead := &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true}
	staff := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	other := &User{ID: 3, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}
	reader := &User{ID: 4, Role: RoleReader, Active: true}
	coord := &User{ID: 5, Role: RoleCoordinator, Active: true}
	admin := &User{ID: 6, Role: RoleAdmin, Active: true}
	for _, c := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"staff answer", CanAnswerSurvey(staff, "0793"), true},
		{"another municipality answers", CanAnswerSurvey(other, "0793"), false},
		{"lead approves", CanApproveSurveyResponse(lead, "0793"), true},
		{"staff approve", CanApproveSurveyResponse(staff, "0793"), false},
		{"coordinator approves", CanApproveSurveyResponse(coord, "0793"), false},
		{"admin approves", CanApproveSurveyResponse(admin, "0793"), true},
		{"another lead approves", CanApproveSurveyResponse(&User{ID: 7, Role: RoleEditor, MunicipalityEHAK: "0784", Lead: true, Active: true}, "0793"), false},
		{"reader reads a response", CanReadResponse(reader, "0793"), true},
		{"another municipality reads", CanReadResponse(other, "0793"), false},
		{"the public reads a response", CanReadResponse(nil, "0793"), false},
		{"the public reads public results", CanReadSurveyResults(nil, true), true},
		{"the public reads internal results", CanReadSurveyResults(nil, false), false},
	} {
		if (c.err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, c.err)
		}
	}
}
