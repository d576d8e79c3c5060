package web

import (
	"encoding/json"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
	"kovit/internal/training"
)

// trainingImportSamples are the sample pages of issue 14's last gaps for
// TestEveryTemplateRenders; the municipality's training page comes with a refused sheet.
func trainingImportSamples(base Page) map[string]any {
	tp := trainingPage{Page: base, Titles: map[int64]string{1: "Küberhügieen"}, Names: map[string]string{"0784": "Tallinn"}, Today: "2026-12-06"}
	roles := []training.RoleCount{{Role: training.Employee, People: 12, Covered: 9, Share: 0.75}}
	mod := securitySamples(base)["security/module"].(securityModulePage)
	mod.Systems = []moduleSystem{{ID: 1, Name: "Delta", Chosen: true}, {ID: 2, Name: "VOLIS"}}
	mod.Refused, mod.Form = "systems", form{Problems: kovit.Problems{{Field: "systems", Key: "security.error.system"}}}
	return map[string]any{
		"security/module":  mod,
		"security/history": assessmentHistorySample(base),
		"training/counts": trainingCountsPage{trainingPage: tp, groupNamer: securityPage{Page: base}, MinGroup: 5, Signed: true,
			Groups:         []training.GroupCounts{{Group: "country", Municipalities: 6, Roles: roles}, {Group: "type", Key: "vald", Municipalities: 5, Roles: roles}},
			Municipalities: []training.MunicipalityCounts{{MunicipalityEHAK: "0784", Roles: roles}}},
		"training/municipality": municipalityTrainingPage{trainingPage: tp, EHAK: "0784",
			Problems: []importProblem{{Row: 0, Message: "fail"}, {Row: 3, Column: "Roll", Message: "Valige roll."}}},
	}
}

// assessmentHistorySample is the assessment's history page with one change.
func assessmentHistorySample(base Page) any {
	sp := securityPage{Page: base, Names: map[string]string{"0784": "Tallinn"}, Today: "2026-03-01"}
	ap := securityAssessmentPage{securityPage: sp, EHAK: "0784", V: security.View{Round: security.Round{ID: 1, Title: "E-ITS 2026"}}}
	e := audit.Event{ID: 1, At: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), ActorName: "Mari", Entity: audit.KindSecurityAnswer, EntityID: "3", Action: audit.Update,
		Before: json.RawMessage(`{"module_code":"ORP.3","status":"not_implemented","due":"2026-06-01"}`), After: json.RawMessage(`{"module_code":"ORP.3","status":"partly","due":"2026-06-01"}`)}
	return securityHistoryPage{securityAssessmentPage: ap, History: []audit.Event{e}, Pager: newPager("/x", nil, 1, 50, 0)}
}
