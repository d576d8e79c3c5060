package web

import (
	"net/http"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// The assessment's history: the audit trail of its answers and report, on its own pages,
// for those who may read the answers (auth.CanReadAssessmentHistory), read with the
// labels of the answer forms.
func init() {
	answer := map[string]historyField{
		"module_code":       {"security.module.code", ""},
		"measure_code":      {"security.measures.title", ""},
		"applies":           {"security.module.applies", ""},
		"excluded_reason":   {"security.module.excluded_reason", ""},
		"assignee":          {"security.module.assignee", ""},
		"status":            {"security.answer.status", hvEnum + "security.status."},
		"owner":             {"security.answer.owner", ""},
		"due":               {"security.answer.due", hvDate},
		"justification":     {"security.answer.justification", ""},
		"evidence":          {"security.answer.evidence", ""},
		"municipality_ehak": {"field.municipality", ""},
	}
	historyFields[audit.KindSecurityAnswer] = answer
	historyFields[audit.KindModuleSystems] = map[string]historyField{
		"module_code": {"security.module.code", ""},
		"systems":     {"security.systems.title", ""},
	}
	historyFields[audit.KindSecurityAssessment] = map[string]historyField{
		"target_tier":   {"security.report.target_tier", hvEnum + "security.tier."},
		"signed_off_by": {"security.report.signed_off_by", ""},
		"signed_off_on": {"security.report.signed_off_on", hvDate},
		"council_date":  {"security.report.council_date", hvDate},
	}
}

// moduleHistoryLen is how many of a module's latest changes its page shows; the
// assessment's history page pages through all.
const moduleHistoryLen = 10

// securityHistoryPage is the whole history of a municipality's assessment.
type securityHistoryPage struct {
	securityAssessmentPage
	History []audit.Event
	Pager   Pager
}

func (ui *UI) securityHistory(w http.ResponseWriter, r *http.Request) error {
	ap, err := ui.loadAssessment(r)
	if err != nil {
		return err
	}
	if err := auth.CanReadAssessmentHistory(ap.User, ap.EHAK); err != nil {
		return err
	}
	var p kovit.Problems
	at := readPage(r.URL.Query(), 0, &p)
	if err := p.Err(); err != nil {
		return err
	}
	f := audit.Filter{Limit: at.Limit, Offset: at.Offset}
	if err := f.Validate(); err != nil {
		return err
	}
	events, total, err := ui.Security.SecurityAssessmentHistory(r.Context(), ap.V.Round.ID, ap.EHAK, "", f)
	if err != nil {
		return err
	}
	ap.Title = ap.L.T("security.history.title", "Name", ap.Name(ap.EHAK), "Round", ap.V.Round.Title)
	ui.render(w, r, http.StatusOK, "security/history", securityHistoryPage{securityAssessmentPage: ap, History: events,
		Pager: newPager(r.URL.Path, r.URL.Query(), total, f.Limit, f.Offset)})
	return nil
}

// moduleHistory is the latest changes of one module's answers, for its page.
func (ui *UI) moduleHistory(p *securityModulePage, r *http.Request) error {
	if !auth.Allowed(auth.CanReadAssessmentHistory(p.User, p.EHAK)) {
		return nil
	}
	events, total, err := ui.Security.SecurityAssessmentHistory(r.Context(), p.V.Round.ID, p.EHAK, p.M.Module.Code, audit.Filter{Limit: moduleHistoryLen})
	p.History, p.HistoryMore = events, total > len(events)
	return err
}
