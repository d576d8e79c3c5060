package api

import "net/http"

// prefix is where the API lives; a breaking change would start /api/v2 beside it.
const prefix = "/api/v1"

// Route is one method and path pattern of the API, in net/http.ServeMux syntax.
type Route struct {
	Method  string
	Pattern string
}

type route struct {
	method  string
	pattern string
	handle  func(w http.ResponseWriter, r *http.Request) error
	perUser bool // the response depends on the signed-in user, so it must not be cached
}

const (
	perUser = true
	shared  = false
)

// routes is the one list of everything the API serves; openapi.json describes the same
// list, and a test keeps the two equal.
func (a *API) routes() []route {
	return []route{
		{"GET", prefix + "/municipalities", a.listMunicipalities, shared},
		{"GET", prefix + "/municipalities/{ehak}", a.getMunicipality, shared},
		{"GET", prefix + "/municipalities/{ehak}/services", a.municipalityServices, shared},
		{"PATCH", prefix + "/municipalities/{ehak}", a.updateMunicipality, perUser},
		{"GET", prefix + "/counties", a.listCounties, shared},
		{"GET", prefix + "/counties/{ehak}", a.getCounty, shared},

		{"GET", prefix + "/services", a.listServices, shared},
		{"POST", prefix + "/services", a.createService, perUser},
		{"GET", prefix + "/services/{code}", a.getService, shared},
		{"PATCH", prefix + "/services/{code}", a.updateService, perUser},
		{"GET", prefix + "/services/{code}/adoption", a.serviceAdoption, shared},
		{"GET", prefix + "/services/{code}/forecast", a.serviceForecast, shared},
		{"GET", prefix + "/maturity-scale", a.maturityScale, shared},
		{"GET", prefix + "/matrix", a.matrix, shared},
		{"GET", prefix + "/matrix/{ehak}/{code}", a.getCell, shared},
		{"PUT", prefix + "/matrix/{ehak}/{code}", a.putCell, perUser},
		{"POST", prefix + "/matrix/{ehak}/{code}/review", a.reviewCell, perUser},

		{"GET", prefix + "/strategies", a.listStrategies, perUser},
		{"POST", prefix + "/strategies", a.createStrategy, perUser},
		{"GET", prefix + "/strategies/{id}", a.getStrategy, perUser},
		{"PATCH", prefix + "/strategies/{id}", a.updateStrategy, perUser},
		{"GET", prefix + "/strategies/{id}/tree", a.strategyTree, perUser},
		{"POST", prefix + "/strategies/{id}/nodes", a.createNode, perUser},
		{"PATCH", prefix + "/nodes/{id}", a.updateNode, perUser},
		{"GET", prefix + "/activities", a.listActivities, perUser},
		{"GET", prefix + "/activities/{id}", a.getActivity, perUser},
		{"PUT", prefix + "/activities/{id}/participants/{ehak}", a.putParticipant, perUser},
		{"POST", prefix + "/activities/{id}/tasks", a.createTask, perUser},
		{"PATCH", prefix + "/tasks/{id}", a.updateTask, perUser},
		{"GET", prefix + "/attention", a.listAttention, perUser},
		{"GET", prefix + "/activities/{id}/updates", a.activityUpdates, perUser},
		{"POST", prefix + "/activities/{id}/updates", a.postActivityUpdate, perUser},
		{"GET", prefix + "/reports", a.listReports, perUser},
		{"POST", prefix + "/reports", a.openReport, perUser},
		{"GET", prefix + "/reports/{id}", a.getReport, perUser},
		{"POST", prefix + "/reports/{id}/complete", a.completeReport, perUser},
		{"GET", prefix + "/reports/{a}/compare/{b}", a.compareReports, perUser},
		{"GET", prefix + "/indicators", a.listIndicators, perUser},
		{"POST", prefix + "/indicators", a.createIndicator, perUser},
		{"GET", prefix + "/indicators/{id}", a.getIndicator, perUser},
		{"PATCH", prefix + "/indicators/{id}", a.updateIndicator, perUser},
		{"POST", prefix + "/indicators/{id}/values", a.addMeasurement, perUser},

		{"GET", prefix + "/needs", a.listNeeds, perUser},
		{"POST", prefix + "/needs", a.createNeed, perUser},
		{"POST", prefix + "/needs/import", a.importNeeds, perUser},
		{"GET", prefix + "/needs.csv", a.exportNeeds, perUser},
		{"GET", prefix + "/needs.xlsx", a.exportNeeds, perUser},
		{"GET", prefix + "/needs/{id}", a.getNeed, perUser},
		{"PATCH", prefix + "/needs/{id}", a.updateNeed, perUser},
		{"POST", prefix + "/needs/{id}/transitions", a.transitionNeed, perUser},
		{"GET", prefix + "/needs/{id}/similar", a.similarNeeds, perUser},
		{"POST", prefix + "/needs/{id}/similar", a.decideSuggestion, perUser},
		{"GET", prefix + "/needs/{id}/trace", a.needTrace, perUser},
		{"GET", prefix + "/consolidated-needs", a.listConsolidated, perUser},
		{"POST", prefix + "/consolidated-needs", a.createConsolidated, perUser},
		{"GET", prefix + "/consolidated-needs.csv", a.exportConsolidated, perUser},
		{"GET", prefix + "/consolidated-needs.xlsx", a.exportConsolidated, perUser},
		{"GET", prefix + "/consolidated-needs/{id}", a.getConsolidated, perUser},
		{"PATCH", prefix + "/consolidated-needs/{id}", a.updateConsolidated, perUser},
		{"POST", prefix + "/consolidated-needs/{id}/needs", a.linkNeeds, perUser},
		{"POST", prefix + "/consolidated-needs/{id}/endorsements", a.endorse, perUser},
		{"GET", prefix + "/priorities", a.priorities, perUser},
		{"GET", prefix + "/priority-weights", a.getWeights, perUser},
		{"PUT", prefix + "/priority-weights", a.putWeights, perUser},
		{"GET", prefix + "/measures", a.listMeasures, perUser},
		{"POST", prefix + "/measures", a.createMeasure, perUser},
		{"GET", prefix + "/measures.csv", a.exportMeasures, perUser},
		{"GET", prefix + "/measures.xlsx", a.exportMeasures, perUser},
		{"GET", prefix + "/measures/{id}", a.getMeasure, perUser},
		{"PATCH", prefix + "/measures/{id}", a.updateMeasure, perUser},
		{"POST", prefix + "/measures/{id}/mapping", a.mapToMeasure, perUser},
		{"GET", prefix + "/measures/{id}/budget", a.measureBudget, perUser},
		{"GET", prefix + "/measures/{id}/trace", a.measureTrace, perUser},
		{"GET", prefix + "/measures/{id}/proposal", a.measureProposal, perUser},
		{"GET", prefix + "/measures/{id}/proposal.xlsx", a.measureProposal, perUser},
		{"GET", prefix + "/rounds", a.listRounds, perUser},
		{"POST", prefix + "/rounds", a.createRound, perUser},
		{"GET", prefix + "/rounds/{id}", a.getRound, perUser},
		{"PATCH", prefix + "/rounds/{id}", a.updateRound, perUser},
		{"POST", prefix + "/projects", a.createProject, perUser},
		{"PATCH", prefix + "/projects/{id}", a.updateProject, perUser},

		{"GET", prefix + "/cpsv-ap.jsonld", a.cpsvExport, shared},
		{"GET", prefix + "/cpsv-ap.ttl", a.cpsvExport, shared},

		{"GET", prefix + "/me", a.me, perUser},
		{"GET", prefix + "/users", a.listUsers, perUser},
		{"POST", prefix + "/users", a.createUser, perUser},
		{"GET", prefix + "/users/{id}", a.getUser, perUser},
		{"PATCH", prefix + "/users/{id}", a.updateUser, perUser},

		{"GET", prefix + "/audit-events", a.listAuditEvents, perUser},

		{"GET", prefix + "/openapi.json", a.openAPI, shared},

		// Notifications (issue 12).
		{"GET", prefix + "/notifications", a.listNotifications, perUser},
		{"POST", prefix + "/notifications/read", a.readNotifications, perUser},
		{"GET", prefix + "/account/notifications", a.notificationSettings, perUser},
		{"PUT", prefix + "/account/notifications", a.setNotificationSettings, perUser},
		// Fast entry (issue 12): many participants of a joint activity at once.
		{"POST", prefix + "/activities/{id}/participants", a.addParticipants, perUser},
		// The desk, each signed-in user's start page (desk.go).
		{"GET", prefix + "/desk", a.getDesk, perUser},
		// Issue 12: what the signed-in user follows (follow.go).
		{"GET", prefix + "/follows", a.listFollows, perUser},
		{"PUT", prefix + "/follows/{kind}/{id}", a.addFollow, perUser},
		{"DELETE", prefix + "/follows/{kind}/{id}", a.removeFollow, perUser},

		// Security self-assessment (issue 14): rounds, each municipality's embargoed
		// assessment, the published aggregates and the E-ITS catalogue.
		{"GET", prefix + "/assessment-rounds", a.listAssessmentRounds, perUser},
		{"POST", prefix + "/assessment-rounds", a.createAssessmentRound, perUser},
		{"GET", prefix + "/assessment-rounds/{id}", a.getAssessmentRound, perUser},
		{"PATCH", prefix + "/assessment-rounds/{id}", a.updateAssessmentRound, perUser},
		{"GET", prefix + "/assessment-rounds/{id}/aggregates", a.getAssessmentAggregates, perUser},
		{"GET", prefix + "/assessments/{id}/{ehak}", a.getAssessment, perUser},
		{"PATCH", prefix + "/assessments/{id}/{ehak}", a.updateAssessment, perUser},
		{"PUT", prefix + "/assessments/{id}/{ehak}/answers", a.putAnswer, perUser},
		{"POST", prefix + "/assessments/{id}/{ehak}/modules/{code}/confirm", a.confirmModule, perUser},
		{"GET", prefix + "/maturity/criteria", a.listMaturityCriteria, shared},
		{"PATCH", prefix + "/maturity/criteria/{id}", a.updateMaturityCriterion, perUser},
		{"GET", prefix + "/maturity/{id}/{ehak}", a.getMaturity, perUser},
		{"PUT", prefix + "/maturity/{id}/{ehak}", a.putMaturity, perUser},
		{"GET", prefix + "/eits-catalogue/{year}", a.getEITSCatalogue, shared},
		{"POST", prefix + "/eits-catalogue/{year}/measures", a.importEITSMeasures, perUser},
		// Advice and representation (issue 15): questions and the knowledge base.
		{"GET", prefix + "/inquiries", a.listInquiries, perUser},
		{"POST", prefix + "/inquiries", a.createInquiry, perUser},
		{"GET", prefix + "/inquiries/stats", a.inquiryStats, perUser},
		{"GET", prefix + "/inquiries/{id}", a.getInquiry, perUser},
		{"POST", prefix + "/inquiries/{id}/move", a.moveInquiry, perUser},
		{"GET", prefix + "/kb", a.searchEntries, perUser},
		{"POST", prefix + "/kb", a.createEntry, perUser},
		{"GET", prefix + "/kb/{id}", a.getEntry, perUser},
		{"PATCH", prefix + "/kb/{id}", a.updateEntry, perUser},
		// Advice and representation (issue 15): rounds of comment and positions.
		{"GET", prefix + "/comment-rounds", a.listCommentRounds, perUser},
		{"POST", prefix + "/comment-rounds", a.createCommentRound, perUser},
		{"GET", prefix + "/comment-rounds/{id}", a.getCommentRound, perUser},
		{"PATCH", prefix + "/comment-rounds/{id}", a.updateCommentRound, perUser},
		{"POST", prefix + "/comment-rounds/{id}/comments", a.addRoundComment, perUser},
		{"POST", prefix + "/comment-rounds/{id}/respond", a.respondRound, perUser},
		{"GET", prefix + "/positions/{id}", a.getPosition, perUser},
		{"POST", prefix + "/positions/{id}/points", a.addPoint, perUser},
		{"POST", prefix + "/positions/{id}/comments/{cid}/decide", a.decideComment, perUser},
		{"PUT", prefix + "/positions/{id}/dispositions", a.setDispositions, perUser},
		// Consultations on the association's drafts (issue 16).
		{"GET", prefix + "/consultations", a.listConsultations, perUser},
		{"POST", prefix + "/consultations", a.createConsultation, perUser},
		{"GET", prefix + "/consultations/{id}", a.getConsultation, perUser},
		{"PATCH", prefix + "/consultations/{id}", a.updateConsultation, perUser},
		{"POST", prefix + "/consultations/{id}/phase", a.moveConsultation, perUser},
		{"POST", prefix + "/consultations/{id}/versions", a.addDocVersion, perUser},
		{"GET", prefix + "/consultations/{id}/diff", a.consultationDiff, perUser},
		{"GET", prefix + "/consultations/{id}/comments", a.listComments, perUser},
		{"POST", prefix + "/consultations/{id}/comments", a.addComment, perUser},
		{"GET", prefix + "/consultations/{id}/comments.csv", a.exportComments, perUser},
		{"GET", prefix + "/consultations/{id}/comments.xlsx", a.exportComments, perUser},
		{"POST", prefix + "/consultations/{id}/comments/{comment}/moderation", a.moderateComment, perUser},
		{"POST", prefix + "/consultations/{id}/comments/{comment}/disposition", a.disposeComment, perUser},
		// Surveys of the municipalities (issue 16).
		{"GET", prefix + "/surveys", a.listSurveys, perUser},
		{"POST", prefix + "/surveys", a.createSurvey, perUser},
		{"GET", prefix + "/surveys/{id}", a.getSurvey, perUser},
		{"PATCH", prefix + "/surveys/{id}", a.updateSurvey, perUser},
		{"POST", prefix + "/surveys/{id}/reminders", a.remindSurvey, perUser},
		{"GET", prefix + "/surveys/{id}/results", a.getSurveyResults, perUser},
		{"GET", prefix + "/surveys/{id}/results.xlsx", a.exportSurveyResults, perUser},
		{"GET", prefix + "/surveys/{id}/responses/{ehak}", a.getResponse, perUser},
		{"PUT", prefix + "/surveys/{id}/responses/{ehak}", a.saveResponse, perUser},
		{"POST", prefix + "/surveys/{id}/responses/{ehak}/approval", a.approveResponse, perUser},
		// Each municipality's e-democracy practice (issue 16).
		{"GET", prefix + "/edemocracy", a.listEDemocracyPractices, shared},
		{"GET", prefix + "/edemocracy/{ehak}", a.getEDemocracyPractice, shared},
		{"PUT", prefix + "/edemocracy/{ehak}", a.savePractice, perUser},
		// Best practices and IT tidying (issue 13): the solution catalogue and the
		// municipalities' landscapes (landscape*.go). What they show depends on who asks.
		{"GET", prefix + "/solutions", a.listSolutions, perUser},
		{"POST", prefix + "/solutions", a.createSolution, perUser},
		{"GET", prefix + "/solutions/{id}", a.getSolution, perUser},
		{"PATCH", prefix + "/solutions/{id}", a.updateSolution, perUser},
		{"POST", prefix + "/solutions/{id}/decision", a.decideSolution, perUser},
		{"GET", prefix + "/landscape", a.listLandscape, perUser},
		{"POST", prefix + "/landscape", a.createLandscapeRow, perUser},
		{"GET", prefix + "/landscape/{id}", a.getLandscapeRow, perUser},
		{"PATCH", prefix + "/landscape/{id}", a.updateLandscapeRow, perUser},
		{"POST", prefix + "/landscape/sign-offs", a.signOffLandscape, perUser},
		{"GET", prefix + "/records-profiles", a.listRecordsProfiles, shared},
		{"GET", prefix + "/records-profiles/{ehak}", a.getRecordsProfile, shared},
		{"PUT", prefix + "/records-profiles/{ehak}", a.putRecordsProfile, perUser},
		{"POST", prefix + "/records-profiles/{ehak}/review", a.reviewRecordsProfile, perUser},
		{"GET", prefix + "/practices", a.listPractices, perUser},
		{"POST", prefix + "/practices", a.createPractice, perUser},
		{"GET", prefix + "/practices/{id}", a.getPractice, perUser},
		{"PATCH", prefix + "/practices/{id}", a.updatePractice, perUser},
		{"GET", prefix + "/adoptions", a.listAdoptions, perUser},
		{"POST", prefix + "/adoptions", a.adopt, perUser},
		// The landscape's advisories (issue 13), twins of /advisories.
		{"GET", prefix + "/advisories", a.listAdvisories, perUser},
		{"POST", prefix + "/advisories", a.sendAdvisory, perUser},
		{"GET", prefix + "/advisories/{id}", a.getAdvisory, perUser},
		{"POST", prefix + "/advisories/{id}/handled/{ehak}", a.markAdvisoryHandled, perUser},
		// Advice gaps (issue 15): editing a position's point after it is added.
		{"PATCH", prefix + "/positions/{id}/points/{pid}", a.updatePoint, perUser},
		// Training and awareness (issue 14, training.go).
		{"GET", prefix + "/trainings", a.listTrainings, perUser},
		{"POST", prefix + "/trainings", a.createTraining, perUser},
		{"GET", prefix + "/trainings/{id}", a.getTraining, perUser},
		{"PATCH", prefix + "/trainings/{id}", a.updateTraining, perUser},
		{"GET", prefix + "/training-requirements", a.listTrainingRequirements, perUser},
		{"POST", prefix + "/training-requirements", a.createTrainingRequirement, perUser},
		{"DELETE", prefix + "/training-requirements/{id}", a.deleteTrainingRequirement, perUser},
		{"GET", prefix + "/municipalities/{ehak}/training-records", a.listTrainingRecords, perUser},
		{"POST", prefix + "/municipalities/{ehak}/training-records", a.createTrainingRecord, perUser},
		{"DELETE", prefix + "/municipalities/{ehak}/training-records/{id}", a.deleteTrainingRecord, perUser},
		{"GET", prefix + "/municipalities/{ehak}/training-gaps", a.getTrainingGaps, perUser},
		// Records management's scale, kept by coordinators (issue 13).
		{"GET", prefix + "/records-scale", a.getRecordsScale, shared},
		{"PATCH", prefix + "/records-scale/criteria/{id}", a.updateRecordsCriterion, perUser},
		// Issue 14's last gaps (security.go): attendance import, counts without names,
		// the assessment's history.
		{"POST", prefix + "/municipalities/{ehak}/training-records/import", a.importTrainingRecords, perUser},
		{"GET", prefix + "/training-coverage", a.getTrainingCoverage, perUser},
		{"GET", prefix + "/assessments/{id}/{ehak}/history", a.getAssessmentHistory, perUser},
		{"PUT", prefix + "/assessments/{id}/{ehak}/modules/{code}/systems", a.putModuleSystems, perUser},
		// Issue 14's completions by count, without names (training_counted.go).
		{"GET", prefix + "/municipalities/{ehak}/training-counts", a.listTrainingCounts, perUser},
		{"POST", prefix + "/municipalities/{ehak}/training-counts", a.createTrainingCount, perUser},
		{"DELETE", prefix + "/municipalities/{ehak}/training-counts/{id}", a.deleteTrainingCount, perUser},
	}
}

// Routes lists the API's routes.
func (a *API) Routes() []Route {
	var out []Route
	for _, rt := range a.routes() {
		out = append(out, Route{Method: rt.method, Pattern: rt.pattern})
	}
	return out
}
