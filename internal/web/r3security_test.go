package web

import (
	"kovit/internal/training"
)

// r3securitySamples are the sample pages of issue 14's last gaps for
// TestEveryTemplateRenders; the municipality's training page comes with a refused sheet.
func r3securitySamples(base Page) map[string]any {
	tp := trainingPage{Page: base, Titles: map[int64]string{1: "Küberhügieen"}, Names: map[string]string{"0784": "Tallinn"}, Today: "2026-12-06"}
	roles := []training.RoleCount{{Role: training.Employee, People: 12, Covered: 9, Share: 0.75}}
	return map[string]any{
		"training/counts": trainingCountsPage{trainingPage: tp, groupNamer: securityPage{Page: base}, MinGroup: 5, Signed: true,
			Groups:         []training.GroupCounts{{Group: "country", Municipalities: 6, Roles: roles}, {Group: "type", Key: "vald", Municipalities: 5, Roles: roles}},
			Municipalities: []training.MunicipalityCounts{{MunicipalityEHAK: "0784", Roles: roles}}},
		"training/municipality": municipalityTrainingPage{trainingPage: tp, EHAK: "0784",
			Problems: []importProblem{{Row: 0, Message: "fail"}, {Row: 3, Column: "Roll", Message: "Valige roll."}}},
	}
}
