package web

import (
	"net/http"
	"slices"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/server"
)

type route struct {
	pattern string
	handler handlerFunc
}

// routes is the whole HTML surface in one list.
func (ui *UI) routes() []route {
	return []route{
		{"GET /{$}", ui.home},
		{"POST /lang", ui.switchLang},

		{"GET /municipalities", ui.municipalityList},
		{"GET /municipalities.csv", ui.municipalityExport},
		{"GET /municipalities.xlsx", ui.municipalityExport},
		{"GET /municipalities/{ehak}", ui.municipalityShow},
		{"GET /municipalities/{ehak}/edit", ui.municipalityEdit},
		{"POST /municipalities/{ehak}/edit", ui.municipalityUpdate},
		{"GET /municipalities/{ehak}/history", ui.municipalityHistory},
		{"GET /counties", ui.countyList},
		{"GET /counties/{ehak}", ui.countyShow},

		{"GET /eservices", ui.eserviceMatrix},
		{"GET /eservices/map", ui.eserviceMap},
		{"GET /eservices/services/{code}", ui.eserviceShow},
		{"GET /eservices/{ehak}/{code}", ui.eserviceCell},
		{"POST /eservices/{ehak}/{code}", ui.eserviceCellSave},
		{"POST /eservices/{ehak}/{code}/review", ui.eserviceCellReview},
		{"GET /municipalities/{ehak}/eservices", ui.municipalityEServices},
		{"GET /eservices/catalogue", ui.eserviceCatalogue},
		{"GET /eservices/catalogue/new", ui.eserviceNew},
		{"POST /eservices/catalogue/new", ui.eserviceCreate},
		{"GET /eservices/catalogue/{code}", ui.eserviceEdit},
		{"POST /eservices/catalogue/{code}", ui.eserviceUpdate},
		{"GET /eservices/scale", ui.eserviceScale},
		{"POST /eservices/criteria/{id}", ui.eserviceCriterionUpdate},
		{"POST /eservices/snapshots", ui.eserviceSnapshot},
		{"GET /eservices/matrix.csv", ui.eserviceExport},
		{"GET /eservices/matrix.xlsx", ui.eserviceExport},
		{"GET /eservices/import", ui.eserviceImportForm},
		{"POST /eservices/import", ui.eserviceImport},

		{"GET /plan", ui.planList},
		{"POST /plan", ui.planCreate},
		{"GET /plan/{id}", ui.planShow},
		// Not /plan/{id}/edit: ServeMux refuses it beside GET /plan/activities/{id}.
		{"GET /plan/strategies/{id}/edit", ui.planStrategyEdit},
		{"POST /plan/strategies/{id}/edit", ui.planStrategyUpdate},
		{"POST /plan/{id}/nodes", ui.planNodeCreate},
		{"GET /plan/activities/{id}", ui.planActivity},
		{"POST /plan/activities/{id}/edit", ui.planActivityUpdate},
		{"POST /plan/activities/{id}/participants", ui.planParticipantsAdd},
		{"POST /plan/activities/{id}/participants/{ehak}", ui.planParticipantUpdate},
		// Editing the tree, tasks and organisations (plan_node_edit.go, plan_task.go,
		// plan_org.go). Not /plan/organisations/{id}: POST would conflict with /plan/{id}/nodes.
		{"GET /plan/nodes/{id}/edit", ui.planNodeEdit},
		{"POST /plan/nodes/{id}/edit", ui.planNodeUpdate},
		{"POST /plan/nodes/{id}/move", ui.planNodeMove},
		{"POST /plan/nodes/{id}/delete", ui.planNodeDelete},
		{"POST /plan/activities/{id}/tasks", ui.planTaskCreate},
		{"POST /plan/tasks/{id}/edit", ui.planTaskUpdate},
		{"POST /plan/tasks/{id}/delete", ui.planTaskDelete},
		{"GET /plan/organisations", ui.planOrgs},
		{"POST /plan/organisations", ui.planOrgCreate},
		{"POST /plan/organisations/{id}/edit", ui.planOrgUpdate},
		// Export, import and what needs attention (plan_transfer.go, plan_attention.go).
		{"GET /plan/strategies/{id}/export.csv", ui.planExport},
		{"GET /plan/strategies/{id}/export.xlsx", ui.planExport},
		{"GET /plan/strategies/{id}/import", ui.planImportForm},
		{"POST /plan/strategies/{id}/import", ui.planImport},
		{"GET /plan/attention", ui.planAttention},
		{"GET /municipalities/{ehak}/attention", ui.municipalityAttention},

		// Progress updates and periodic reports. Not POST /plan/updates/{id}: ServeMux
		// refuses it beside POST /plan/{id}/nodes, as both would take /plan/updates/nodes.
		{"POST /plan/activities/{id}/updates", ui.planUpdatePost},
		{"POST /plan/updates/{id}/edit", ui.planUpdateEdit},
		{"POST /plan/updates/{id}/delete", ui.planUpdateDelete},
		{"GET /plan/strategies/{id}/reports", ui.planReports},
		{"POST /plan/strategies/{id}/reports", ui.planReportOpen},
		{"GET /plan/reports/{id}", ui.planReport},
		{"POST /plan/reports/{id}/complete", ui.planReportComplete},
		{"POST /plan/reports/{id}/delete", ui.planReportDelete},
		{"GET /plan/reports/{a}/compare/{b}", ui.planCompare},
		{"POST /plan/strategies/{id}/indicators", ui.planIndicatorCreate},
		{"GET /plan/indicators/{id}", ui.planIndicator},
		{"POST /plan/indicators/{id}/edit", ui.planIndicatorUpdate},
		{"POST /plan/indicators/{id}/delete", ui.planIndicatorDelete},
		{"POST /plan/indicators/{id}/values", ui.planValueAdd},
		{"POST /plan/values/{id}/delete", ui.planValueDelete},

		{"GET /needs", ui.needList},
		{"GET /needs.csv", ui.needExport},
		{"GET /needs.xlsx", ui.needExport},
		{"GET /needs/new", ui.needNew},
		{"POST /needs/new", ui.needCreate},
		{"GET /needs/import", ui.needImportForm},
		{"POST /needs/import", ui.needImport},
		{"GET /needs/{id}", ui.needShow},
		{"POST /needs/{id}/edit", ui.needUpdate},
		{"POST /needs/{id}/transitions", ui.needTransition},
		{"POST /needs/{id}/suggestions/{other}/{decision}", ui.needSuggestion},
		{"GET /rounds", ui.roundList},
		{"POST /rounds", ui.roundCreate},
		{"GET /rounds/{id}", ui.roundShow},
		{"POST /rounds/{id}/remind", ui.roundRemind},
		{"POST /rounds/{id}/edit", ui.roundUpdate},
		{"GET /consolidated", ui.consolidatedList},
		{"GET /consolidated.csv", ui.consolidatedExport},
		{"GET /consolidated.xlsx", ui.consolidatedExport},
		{"POST /consolidated", ui.consolidatedCreate},
		{"GET /consolidated/{id}", ui.consolidatedShow},
		{"POST /consolidated/{id}/edit", ui.consolidatedUpdate},
		{"POST /consolidated/{id}/endorse", ui.consolidatedEndorse},
		{"POST /consolidated/{id}/measure", ui.consolidatedMap},
		{"POST /consolidated/{id}/needs", ui.consolidatedLink},
		{"POST /consolidated/{id}/projects", ui.projectCreate},
		{"POST /consolidated/{id}/projects/{project}", ui.projectUpdate},
		{"GET /priorities", ui.priorities},
		{"POST /priorities/weights", ui.prioritiesWeights},
		{"GET /measures", ui.measureList},
		{"GET /measures.csv", ui.measureExport},
		{"GET /measures.xlsx", ui.measureExport},
		{"POST /measures", ui.measureCreate},
		{"GET /measures/{id}", ui.measureShow},
		{"POST /measures/{id}/edit", ui.measureUpdate},
		{"GET /measures/{id}/proposal", ui.measureProposal},
		{"GET /measures/{id}/proposal.xlsx", ui.measureProposalExport},

		{"GET /sign-in", ui.signInForm},
		{"POST /sign-in", ui.signIn},
		{"POST /sign-out", ui.signOut},
		{"GET /sign-in/oidc", ui.oidcStart},
		{"GET /sign-in/oidc/callback", ui.oidcCallback},
		{"GET /account", ui.account},
		{"POST /account/password", ui.changePassword},
		{"GET /account/tokens", ui.tokens},
		{"POST /account/tokens", ui.createToken},
		{"POST /account/tokens/{id}/revoke", ui.revokeToken},

		{"GET /admin/users", ui.userList},
		{"GET /admin/users/new", ui.userNew},
		{"POST /admin/users", ui.userCreate},
		{"GET /admin/users/{id}", ui.userEdit},
		{"POST /admin/users/{id}", ui.userUpdate},
		{"POST /admin/users/{id}/reset-password", ui.userResetPassword},
		{"GET /admin/audit", ui.auditList},
		{"GET /admin/audit.csv", ui.auditExport},

		// Onboarding (issue 12): invitations, password links, municipal leads and personal
		// codes (onboard_*.go).
		{"GET /invitations", ui.inviteForm},
		{"POST /invitations", ui.invite},
		{"POST /invitations/import", ui.inviteImport},
		{"GET /invitation", ui.linkForm(auth.LinkInvite)},
		{"POST /invitation", ui.linkSet(auth.LinkInvite)},
		{"GET /password/forgot", ui.forgotForm},
		{"POST /password/forgot", ui.forgot},
		{"GET /password/reset", ui.linkForm(auth.LinkReset)},
		{"POST /password/reset", ui.linkSet(auth.LinkReset)},
		{"GET /team", ui.team},
		{"POST /team/users/{id}/deactivate", ui.teamDeactivate},
		{"POST /team/users/{id}/personal-code", ui.teamPersonalCode},
		{"POST /team/users/{id}/lead", ui.teamLead},
		// Notifications (issue 12).
		{"GET /notifications", ui.notificationList},
		{"GET /account/notifications", ui.notificationSettings},
		{"POST /account/notifications", ui.saveNotificationSettings},
		{"GET /notifications/settings/{token}", ui.signedNotificationSettings},
		{"POST /notifications/settings/{token}", ui.saveSignedNotificationSettings},
		// Fast entry (issue 12): a municipality's every e-service on one form.
		{"GET /municipalities/{ehak}/eservices/edit", ui.eservicePageForm},
		{"POST /municipalities/{ehak}/eservices/edit", ui.eservicePageSave},
		{"POST /municipalities/{ehak}/eservices/confirm", ui.eservicePageConfirm},
		// The desk, each signed-in user's start page (desk.go).
		{"GET /desk", ui.deskShow},
		// Issue 12: following municipalities, services and strategies.
		{"POST /follows", ui.followAdd},
		{"POST /follows/delete", ui.followRemove},

		// Security self-assessment (issue 14): the E-ITS catalogue, rounds, each
		// municipality's embargoed assessment and the published aggregates.
		{"GET /security", ui.securityHome},
		{"POST /security/rounds", ui.securityRoundCreate},
		{"GET /security/rounds/{id}", ui.securityRoundShow},
		{"POST /security/rounds/{id}/edit", ui.securityRoundUpdate},
		{"GET /security/rounds/{id}/aggregates", ui.securityAggregates},
		{"GET /security/rounds/{id}/aggregates.csv", ui.securityAggregates},
		{"GET /security/rounds/{id}/aggregates.xlsx", ui.securityAggregates},
		{"GET /security/rounds/{id}/municipalities/{ehak}", ui.securityAssessment},
		{"GET /security/rounds/{id}/municipalities/{ehak}/assessment.csv", ui.securityAssessment},
		{"GET /security/rounds/{id}/municipalities/{ehak}/assessment.xlsx", ui.securityAssessment},
		{"POST /security/rounds/{id}/municipalities/{ehak}/start", ui.securityStart},
		{"POST /security/rounds/{id}/municipalities/{ehak}/report", ui.securityReport},
		{"GET /security/rounds/{id}/municipalities/{ehak}/modules/{code}", ui.securityModule},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}", ui.securityAnswerSave},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/confirm", ui.securityConfirm},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/measures/{measure}", ui.securityAnswerSave},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/activity", ui.securityActivity},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/measures/{measure}/activity", ui.securityActivity},
		{"GET /security/rounds/{id}/municipalities/{ehak}/maturity", ui.securityMaturity},
		{"POST /security/rounds/{id}/municipalities/{ehak}/maturity", ui.securityMaturitySave},
		{"GET /security/maturity", ui.securityCriteria},
		{"POST /security/maturity/criteria/{id}", ui.securityCriterionSave},
		{"GET /security/catalogue", ui.securityCatalogue},
		{"POST /security/catalogue/{year}/measures", ui.securityImport},
		// Advice and representation (issue 15): questions, statistics, the knowledge base.
		{"GET /inquiries", ui.inquiryList},
		{"GET /inquiries.csv", ui.inquiryExport},
		{"GET /inquiries.xlsx", ui.inquiryExport},
		{"GET /inquiries/new", ui.inquiryNew},
		{"POST /inquiries", ui.inquiryCreate},
		{"GET /inquiries/{id}", ui.inquiryShow},
		{"POST /inquiries/{id}/move", ui.inquiryMove},
		{"GET /inquiries/stats", ui.inquiryStats},
		{"GET /inquiries/stats.csv", ui.inquiryStats},
		{"GET /inquiries/stats.xlsx", ui.inquiryStats},
		{"GET /kb", ui.kbList},
		{"GET /kb.csv", ui.kbExport},
		{"GET /kb.xlsx", ui.kbExport},
		{"GET /kb/new", ui.kbNew},
		{"POST /kb", ui.kbCreate},
		{"GET /kb/{id}", ui.kbShow},
		{"GET /kb/{id}/edit", ui.kbEdit},
		{"POST /kb/{id}", ui.kbUpdate},
		// Advice and representation (issue 15): rounds of comment on the state's drafts.
		{"GET /comment-rounds", ui.commentRoundList},
		{"GET /comment-rounds/new", ui.commentRoundNew},
		{"POST /comment-rounds", ui.commentRoundCreate},
		{"GET /comment-rounds/{id}", ui.commentRoundShow},
		{"POST /comment-rounds/{id}/comments", ui.commentRoundComment},
		{"POST /comment-rounds/{id}/respond", ui.commentRoundRespond},
		{"GET /comment-rounds/{id}/edit", ui.commentRoundEdit},
		{"POST /comment-rounds/{id}", ui.commentRoundUpdate},
		{"GET /comment-rounds/{id}/board", ui.commentRoundBoard},
		{"POST /comment-rounds/{id}/remind", ui.commentRoundRemind},
		{"GET /comment-rounds/{id}/position", ui.positionShow},
		{"GET /comment-rounds/{id}/position.csv", ui.positionExport},
		{"GET /comment-rounds/{id}/position.xlsx", ui.positionExport},
		{"GET /comment-rounds/{id}/letter", ui.positionLetter},
		{"GET /comment-rounds/{id}/table", ui.positionTable},
		{"POST /comment-rounds/{id}/points", ui.pointCreate},
		{"POST /comment-rounds/{id}/points/{pid}", ui.pointUpdate},
		{"POST /comment-rounds/{id}/comments/{cid}/decide", ui.commentDecide},
		{"POST /comment-rounds/{id}/board", ui.roundBoardApproval},
		{"POST /comment-rounds/{id}/dispositions", ui.dispositionsImport},
		// Consultations on the association's drafts (issue 16).
		{"GET /consultations", ui.consultList},
		{"GET /consultations/new", ui.consultNew},
		{"POST /consultations", ui.consultCreate},
		{"GET /consultations/{id}", ui.consultShow},
		{"POST /consultations/{id}/edit", ui.consultUpdate},
		{"POST /consultations/{id}/phase", ui.consultMove},
		{"GET /consultations/{id}/versions/new", ui.consultVersionForm},
		{"POST /consultations/{id}/versions", ui.consultVersionCreate},
		{"GET /consultations/{id}/diff", ui.consultDiff},
		{"POST /consultations/{id}/comments", ui.consultAddComment},
		{"GET /consultations/{id}/comments", ui.consultComments},
		{"GET /consultations/{id}/comments.csv", ui.consultExport},
		{"GET /consultations/{id}/comments.xlsx", ui.consultExport},
		{"POST /consultations/{id}/comments/{comment}/moderate", ui.consultModerate},
		{"POST /consultations/{id}/comments/{comment}/dispose", ui.consultDispose},
		// Surveys of the municipalities (issue 16).
		{"GET /surveys", ui.surveyList},
		{"POST /surveys", ui.surveyCreate},
		{"GET /surveys/{id}", ui.surveyShow},
		{"POST /surveys/{id}/edit", ui.surveyUpdate},
		{"POST /surveys/{id}/reminders", ui.surveyRemind},
		{"GET /surveys/{id}/results", ui.surveyResults},
		{"GET /surveys/{id}/results.xlsx", ui.surveyResultsExport},
		{"GET /surveys/{id}/responses/{ehak}", ui.surveyResponse},
		{"POST /surveys/{id}/responses/{ehak}", ui.surveyResponseSave},
		{"POST /surveys/{id}/responses/{ehak}/approve", ui.surveyResponseApprove},
		{"POST /surveys/{id}/responses/{ehak}/apply", ui.surveyResponseApply},
		// Each municipality's e-democracy practice (issue 16).
		{"GET /edemocracy", ui.edemocracyList},
		{"GET /municipalities/{ehak}/edemocracy", ui.edemocracyShow},
		{"POST /municipalities/{ehak}/edemocracy", ui.edemocracySave},
		// Best practices and IT tidying (issue 13): the solution catalogue and each
		// municipality's IT landscape (landscape*.go).
		{"GET /solutions", ui.solutionList},
		{"GET /solutions.csv", ui.solutionExport},
		{"GET /solutions.xlsx", ui.solutionExport},
		{"GET /solutions/new", ui.solutionNew},
		{"POST /solutions/new", ui.solutionCreate},
		{"GET /solutions/{id}", ui.solutionShow},
		{"POST /solutions/{id}/edit", ui.solutionUpdate},
		{"POST /solutions/{id}/accept", ui.solutionDecide(true)},
		{"POST /solutions/{id}/merge", ui.solutionDecide(false)},
		{"GET /municipalities/{ehak}/landscape", ui.municipalityLandscape},
		{"GET /municipalities/{ehak}/landscape.csv", ui.landscapeExport},
		{"GET /municipalities/{ehak}/landscape.xlsx", ui.landscapeExport},
		{"POST /municipalities/{ehak}/landscape", ui.rowCreate},
		{"POST /municipalities/{ehak}/landscape/confirm", ui.landscapeConfirm},
		{"POST /municipalities/{ehak}/landscape/sign-off", ui.landscapeSignOff},
		{"POST /municipalities/{ehak}/landscape/import", ui.landscapeImport},
		{"GET /landscape/rows/{id}", ui.rowShow},
		{"POST /landscape/rows/{id}", ui.rowUpdate},
		{"GET /landscape", ui.landscapeMatrix},
		{"GET /advisories", ui.advisories},
		{"GET /advisories.csv", ui.advisoryExport},
		{"GET /advisories.xlsx", ui.advisoryExport},
		{"POST /advisories", ui.advisorySend},
		{"GET /advisories/{id}", ui.advisoryShow},
		{"POST /advisories/{id}/handled/{ehak}", ui.advisoryHandled},
		{"GET /records", ui.recordsList},
		{"GET /municipalities/{ehak}/records", ui.recordsShow},
		{"POST /municipalities/{ehak}/records", ui.recordsSave},
		{"POST /municipalities/{ehak}/records/review", ui.recordsReview},
		{"GET /practices", ui.practiceList},
		{"GET /practices/new", ui.practiceNew},
		{"POST /practices/new", ui.practiceCreate},
		{"GET /practices/{id}", ui.practiceShow},
		{"POST /practices/{id}/status", ui.practiceStatus},
		{"POST /practices/{id}/adopt/{ehak}", ui.practiceAdopt},
		// Gaps of issue 16: a survey's per-solution grid applied to the landscape.
		{"POST /surveys/{id}/responses/{ehak}/apply-status", ui.surveyResponseApplyStatus},
		// The practice's edit form (issue 13), twin of PATCH /api/v1/practices/{id}.
		{"GET /practices/{id}/edit", ui.practiceEdit},
		{"POST /practices/{id}/edit", ui.practiceUpdate},
		// Training and awareness (issue 14, training.go): trainings, role requirements,
		// each municipality's completions, gaps and their exports.
		{"GET /trainings", ui.trainingList},
		{"POST /trainings", ui.trainingCreate},
		{"GET /trainings/gaps", ui.trainingGaps},
		{"GET /trainings/gaps.csv", ui.trainingGaps},
		{"GET /trainings/gaps.xlsx", ui.trainingGaps},
		{"POST /training-requirements", ui.trainingRequirementCreate},
		{"POST /training-requirements/{id}/delete", ui.trainingRequirementDelete},
		{"GET /municipalities/{ehak}/training", ui.municipalityTraining},
		{"POST /municipalities/{ehak}/training", ui.trainingRecordCreate},
		{"POST /municipalities/{ehak}/training/{id}/delete", ui.trainingRecordDelete},
		{"GET /municipalities/{ehak}/training-gaps.csv", ui.trainingGapsExport},
		{"GET /municipalities/{ehak}/training-gaps.xlsx", ui.trainingGapsExport},
		// Records management's scale, kept by coordinators (issue 13: records_scale.go).
		{"GET /records/scale", ui.recordsScale},
		{"POST /records/scale/criteria/{id}", ui.recordsCriterionUpdate},
		// Gaps of issue 16: e-democracy practice on the map (edemocracy_map.go).
		{"GET /edemocracy/map", ui.edemocracyMap},
		{"POST /surveys/{id}/responses/{ehak}/apply-practice", ui.surveyResponseApplyPractice},
		// Members of the public sign up by e-mail to comment (consult_signup.go).
		{"GET /consultations/{id}/sign-up", ui.commenterSignUpForm},
		{"POST /consultations/{id}/sign-up", ui.commenterSignUp},
		{"GET /consultations/sign-up/confirm", ui.commenterConfirmForm},
		{"POST /consultations/sign-up/confirm", ui.commenterConfirm},
		// Issue 14's last gaps: attendance import and its sheet, counts
		// without names, the awareness status, the assessment's history.
		{"POST /municipalities/{ehak}/training/import", ui.trainingImport},
		{"GET /municipalities/{ehak}/training-records.csv", ui.trainingRecordsExport},
		{"GET /municipalities/{ehak}/training-records.xlsx", ui.trainingRecordsExport},
		{"GET /trainings/coverage", ui.trainingCounts},
		{"GET /trainings/coverage.csv", ui.trainingCounts},
		{"GET /trainings/coverage.xlsx", ui.trainingCounts},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/awareness", ui.securityAwarenessApply},
		{"GET /security/rounds/{id}/municipalities/{ehak}/history", ui.securityHistory},
		{"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/systems", ui.securitySystemsSave},
		// Issue 16's last gaps: a survey answer recorded as an indicator's value (survey_indicator.go).
		{"POST /surveys/{id}/responses/{ehak}/apply-indicator", ui.surveyResponseApplyIndicator},
		// Issue 14's completions by count, without names (training_counted.go).
		{"POST /municipalities/{ehak}/training/counts", ui.trainingCountCreate},
		{"POST /municipalities/{ehak}/training/counts/{id}/delete", ui.trainingCountDelete},
		{"GET /municipalities/{ehak}/training-counts.csv", ui.trainingCountsExport},
		{"GET /municipalities/{ehak}/training-counts.xlsx", ui.trainingCountsExport},
		// Issue 16: a member of the public signs up to comment with eID (consult_eid.go).
		{"GET /consultations/{id}/sign-up/oidc", ui.commenterEIDStart},
	}
}

// Register adds every page of the UI, and its static files, to mux.
func (ui *UI) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", static())
	for _, r := range ui.routes() {
		mux.Handle(r.pattern, ui.handle(r.handler))
	}
	// Every other address, and another method of one of these, gets kovit's own error page
	// in the user's language with the navigation, not the mux's plain-text 404 or 405. It
	// is not in routes: it changes nothing and serves no page of its own.
	mux.Handle("/", ui.handle(ui.unmatched(mux)))
}

// unmatched answers a request no route takes: 405 with the Allow header when another
// method of the address exists (reloading where a failed form left the browser), 404
// otherwise.
func (ui *UI) unmatched(mux *http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		allow := server.AllowedMethods(mux, r, "/")
		if len(allow) == 0 {
			return errNoPage
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		p := errorPage{Page: ui.page(r, "error.title"), Status: http.StatusMethodNotAllowed}
		p.Message = p.L.T("api.error.method_not_allowed")
		if !slices.Contains(allow, http.MethodGet) {
			p.Message = p.L.T("error.form_only")
		}
		ui.render(w, r, p.Status, "error", p)
		return nil
	}
}

// Routes lists the UI's route patterns, e.g. "POST /municipalities/{ehak}/edit", so tests
// can check that every state-changing route is covered by the permission matrix.
func (ui *UI) Routes() []string {
	var out []string
	for _, r := range ui.routes() {
		out = append(out, r.pattern)
	}
	return out
}

var errNoPage = kovit.Errorf(kovit.ENotFound, "error.no_page")

// NotFound answers as an address with nothing at it does, for a handler that hides what it
// serves from those who may not have it (the metrics from everyone but admins).
func (ui *UI) NotFound() http.Handler {
	return ui.handle(func(http.ResponseWriter, *http.Request) error { return errNoPage })
}
