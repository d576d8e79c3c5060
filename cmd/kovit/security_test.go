package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/notify"
	"kovit/internal/plan"
	"kovit/internal/security"
)

// The self-assessment's main journey over HTTP (issue 14): a coordinator opens a round
// and imports the year's measures; Saue vald's editor (0726) answers three modules (one
// left out with a reason, one implemented with evidence, one not implemented with an
// owner and due date), the rules refusing what is incomplete by field; management signs
// off; the export carries the answers; next year's round starts prefilled and a module is
// confirmed; the desk and the closing reminder reach Saue's editors.
func TestSecurityJourney(t *testing.T) {
	onEngines(t, testSecurityJourney)
}

func testSecurityJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coord := a.as(t, coordUser)
	saueUser := a.user(t, "it@saue.test", auth.RoleEditor, "0726")
	saue := a.as(t, saueUser)

	// The round's deadline is a week ahead of the real clock the pages and jobs read; the
	// store's writes are checked on the store's clock, which is the real one here.
	now := time.Now()
	deadline := security.Day(now.AddDate(0, 0, 7))
	st, body := postForm(t, coord, a.URL+"/security/rounds", url.Values{"title": {"E-ITS enesehindamine"}, "year": {"2023"},
		"deadline": {deadline}, "correction_until": {deadline}, "publish_on": {deadline}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "f-publish_on") {
		t.Fatalf("publication within the correction window: %d", st)
	}
	correction := security.Day(now.AddDate(0, 0, 14))
	publish := security.Day(now.AddDate(0, 0, 30))
	st, _ = postForm(t, coord, a.URL+"/security/rounds", url.Values{"title": {"E-ITS enesehindamine"}, "year": {"2023"},
		"deadline": {deadline}, "correction_until": {correction}, "publish_on": {publish}})
	if st != http.StatusSeeOther {
		t.Fatalf("open a round: %d", st)
	}
	rounds, err := a.store.SecurityRounds(context.Background())
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v %v", rounds, err)
	}
	rd := rounds[0]
	// Every municipality's editors hear of it.
	ns, _, _, err := a.store.Notifications(context.Background(), saueUser.ID, 10, 0)
	if err != nil || len(ns) != 1 || ns[0].Kind != notify.SecurityRoundOpened || ns[0].Path() != fmt.Sprintf("/security/rounds/%d", rd.ID) {
		t.Errorf("Saue's notifications: %+v %v", ns, err)
	}

	// The year's measures from RIA's API (the test fixture).
	fixture, err := os.ReadFile("../../internal/eits/testdata/measures-2023.json")
	if err != nil {
		t.Fatal(err)
	}
	mp := "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.json\"\r\nContent-Type: application/json\r\n\r\n" +
		string(fixture) + "\r\n--kovit--\r\n"
	st, body = send(t, coord, "POST", a.URL+"/security/catalogue/2023/measures", "multipart/form-data; boundary=kovit", mp)
	if st != http.StatusOK || !strings.Contains(body, "lisandus 7") {
		t.Fatalf("import: %d\n%.500s", st, readableText(body))
	}
	st, _ = send(t, coord, "POST", a.URL+"/api/v1/eits-catalogue/2023/measures", "application/json", `{"version":2024,"measures":[]}`)
	if st != http.StatusUnprocessableEntity {
		t.Errorf("another year's file over the API: %d", st)
	}

	base := fmt.Sprintf("%s/security/rounds/%d/municipalities/0726", a.URL, rd.ID)
	var view security.View
	save := func(module, measure string, v url.Values) (int, string) {
		path := base + "/modules/" + module
		if measure != "" {
			path += "/measures/" + measure
		}
		return postForm(t, saue, path, v)
	}
	// INF.14 does not apply: a reason is required.
	if st, body := save("INF.14", "", url.Values{"applies": {"no"}, "version": {"0"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="e-INF.14-excluded_reason"`) {
		t.Errorf("left out without a reason: %d", st)
	}
	if st, _ := save("INF.14", "", url.Values{"applies": {"no"}, "excluded_reason": {"Hooneautomaatikat vallamajas pole"}, "version": {"0"}}); st != http.StatusSeeOther {
		t.Errorf("left out: %d", st)
	}
	// ISMS.1.M1 implemented: evidence is required.
	if st, body := save("ISMS.1", "ISMS.1.M1", url.Values{"status": {"implemented"}, "version": {"0"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="e-ISMS.1.M1-evidence"`) {
		t.Errorf("implemented without evidence: %d", st)
	}
	if st, _ := save("ISMS.1", "ISMS.1.M1", url.Values{"status": {"implemented"}, "evidence": {"https://saue.ee/infoturbepoliitika"}, "version": {"0"}}); st != http.StatusSeeOther {
		t.Errorf("implemented: %d", st)
	}
	// CON.3.M1 not implemented: a justification, an owner and a due date.
	if st, body := save("CON.3", "CON.3.M1", url.Values{"status": {"not_implemented"}, "version": {"0"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="e-CON.3.M1-justification"`) || !strings.Contains(body, `id="e-CON.3.M1-owner"`) || !strings.Contains(body, `id="e-CON.3.M1-due"`) {
		t.Errorf("not implemented without a justification, owner and due date: %d", st)
	}
	if st, _ := save("CON.3", "CON.3.M1", url.Values{"status": {"not_implemented"}, "justification": {"Varundus on veel käsitsi"},
		"owner": {"Peeter Põder"}, "due": {"2027-03-31"}, "version": {"0"}}); st != http.StatusSeeOther {
		t.Errorf("not implemented: %d", st)
	}
	// The measure not implemented becomes an activity in Saue's own plan in one click;
	// when the activity is done, its new status is proposed on the desk and taken in one
	// click, with the activity as evidence.
	ctx := auth.WithUser(context.Background(), &coordUser)
	saueOrg := municipalityOrg(t, a, "0726")
	own, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Saue valla IT-arengukava", StartYear: 2026, EndYear: 2028,
		Status: plan.Draft, OwnerID: &saueOrg})
	if err != nil {
		t.Fatal(err)
	}
	_, modulePage := get(t, saue, base+"/modules/CON.3")
	if !strings.Contains(modulePage, base[len(a.URL):]+"/modules/CON.3/measures/CON.3.M1/activity") || !strings.Contains(modulePage, "Saue valla IT-arengukava") {
		t.Errorf("the module page offers no activity:\n%.3000s", readableText(modulePage))
	}
	res, err := saue.PostForm(base+"/modules/CON.3/measures/CON.3.M1/activity", url.Values{"strategy_id": {itoa(own.ID)}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/plan/activities/") {
		t.Fatalf("make an activity: %d %s", res.StatusCode, loc)
	}
	var activityID int64
	fmt.Sscanf(strings.TrimPrefix(loc, "/plan/activities/"), "%d", &activityID)
	activity, err := a.store.Node(ctx, activityID)
	if err != nil || activity.StrategyID != own.ID || !strings.Contains(activity.TitleEt, "CON.3.M1") || activity.DescriptionEt != "Varundus on veel käsitsi" {
		t.Fatalf("the activity %+v %v", activity, err)
	}
	if st, _ := postForm(t, saue, base+"/modules/CON.3/measures/CON.3.M1/activity", url.Values{"strategy_id": {itoa(own.ID)}}); st != http.StatusConflict {
		t.Errorf("a second activity: %d", st)
	}
	activity.Status = plan.Done
	if _, err := a.store.UpdateNode(ctx, activity); err != nil {
		t.Fatal(err)
	}
	if _, deskPage := get(t, saue, a.URL+"/desk"); !strings.Contains(deskPage, "Infoturbe tegevus tehtud") {
		t.Errorf("the desk proposes nothing:\n%.2000s", readableText(deskPage))
	}
	_, modulePage = get(t, saue, base+"/modules/CON.3")
	evidence := testBaseURL + "/plan/activities/" + itoa(activityID)
	if !strings.Contains(modulePage, `value="`+evidence+`"`) {
		t.Errorf("the module page proposes no status with the activity as evidence")
	}
	getJSON(t, saue, fmt.Sprintf("%s/api/v1/assessments/%d/0726", a.URL, rd.ID), &view)
	m, _ := view.Module("CON.3")
	if st, _ := save("CON.3", "CON.3.M1", url.Values{"status": {"implemented"}, "evidence": {evidence},
		"version": {itoa(int64(m.Measures[0].Answer.Version))}}); st != http.StatusSeeOther {
		t.Errorf("take the proposal: %d", st)
	}
	if _, deskPage := get(t, saue, a.URL+"/desk"); strings.Contains(deskPage, "Infoturbe tegevus tehtud") {
		t.Error("the desk still proposes the status taken")
	}

	// A measure of another module is not found there.
	if st, _ := save("ISMS.1", "CON.3.M1", url.Values{"status": {"implemented"}, "evidence": {"x"}, "version": {"0"}}); st != http.StatusNotFound {
		t.Errorf("a measure under another module: %d", st)
	}

	// Figures: ISMS.1 has two basic measures (one implemented), CON.3 one (implemented
	// now); INF.14 is out.
	getJSON(t, saue, fmt.Sprintf("%s/api/v1/assessments/%d/0726", a.URL, rd.ID), &view)
	if view.Figures.Excluded != 1 || view.Figures.Implemented != 2 {
		t.Errorf("figures %+v", view.Figures)
	}
	if m, _ := view.Module("ISMS.1"); m.Figure.Basic != 2 || m.Figure.Implemented != 1 {
		t.Errorf("ISMS.1 %+v", m.Figure)
	}

	// Management signs off; the report goes to the council after.
	st, _ = postForm(t, saue, base+"/report", url.Values{"target_tier": {"standard"}, "signed_off_by": {"Vallavanem Andres Laisk"},
		"signed_off_on": {security.Day(now)}, "council_date": {security.Day(now.AddDate(0, 0, 2))}, "version": {itoa(int64(view.Assessment.Version))}})
	if st != http.StatusSeeOther {
		t.Errorf("sign-off: %d", st)
	}
	st, body = get(t, saue, base+"/assessment.xlsx")
	text := readable(t, body)
	for _, want := range []string{"Hooneautomaatikat vallamajas pole", "https://saue.ee/infoturbepoliitika", evidence} {
		if st != http.StatusOK || !strings.Contains(text, want) {
			t.Errorf("the export lacks %q (%d)", want, st)
		}
	}

	// IT-management maturity: governance's first two criteria met make its level 2, and
	// the third is the bottleneck.
	criteria, err := a.store.MaturityCriteria(ctx)
	if err != nil || len(criteria) != 21 {
		t.Fatalf("criteria %d %v", len(criteria), err)
	}
	var governance []string
	for _, c := range criteria {
		if c.Area == "governance" && c.Level <= 2 {
			governance = append(governance, itoa(c.ID))
		}
	}
	if st, _ := postForm(t, saue, base+"/maturity", url.Values{"met": governance}); st != http.StatusSeeOther {
		t.Errorf("maturity: %d", st)
	}
	var maturity struct {
		Areas []security.AreaLevel `json:"areas"`
	}
	getJSON(t, saue, fmt.Sprintf("%s/api/v1/maturity/%d/0726", a.URL, rd.ID), &maturity)
	if g := maturity.Areas[0]; g.Area != "governance" || g.Level != 2 || len(g.Bottleneck) != 1 || g.Bottleneck[0].Code != "governance.3" {
		t.Errorf("governance %+v", g)
	}
	if st, body := get(t, saue, base+"/maturity"); st != http.StatusOK || !strings.Contains(body, "2 / 3") {
		t.Errorf("the maturity page: %d", st)
	}

	// Signed off: no longer on Saue's desk; another, unsigned round is.
	next, err := a.store.CreateSecurityRound(ctx, security.Round{Title: "E-ITS järgmine", Year: 2023, Deadline: security.Day(now.AddDate(1, 0, 0)),
		CorrectionUntil: security.Day(now.AddDate(1, 0, 7)), PublishOn: security.Day(now.AddDate(1, 1, 0))})
	if err != nil {
		t.Fatal(err)
	}
	_, deskBody := get(t, saue, a.URL+"/desk")
	if strings.Contains(deskBody, fmt.Sprintf("/security/rounds/%d/municipalities/0726", rd.ID)) ||
		!strings.Contains(deskBody, fmt.Sprintf("/security/rounds/%d/municipalities/0726", next.ID)) {
		t.Errorf("Saue's desk:\n%.2000s", readableText(deskBody))
	}

	// The next round starts prefilled: confirming a module confirms its answers.
	if st, _ := postForm(t, saue, fmt.Sprintf("%s/security/rounds/%d/municipalities/0726/start", a.URL, next.ID), nil); st != http.StatusSeeOther {
		t.Fatalf("start: %d", st)
	}
	_, answers, err := a.store.SecurityAssessment(ctx, next.ID, "0726")
	if err != nil || len(answers) != 3 {
		t.Fatalf("prefilled %d %v", len(answers), err)
	}
	if st, _ := postForm(t, saue, fmt.Sprintf("%s/security/rounds/%d/municipalities/0726/modules/CON.3/confirm", a.URL, next.ID), nil); st != http.StatusSeeOther {
		t.Errorf("confirm: %d", st)
	}
	getJSON(t, saue, fmt.Sprintf("%s/api/v1/assessments/%d/0726", a.URL, next.ID), &view)
	if view.Figures.Prefilled != 2 {
		t.Errorf("after confirming CON.3, %d to confirm", view.Figures.Prefilled)
	}

	// Seven days before the first round's deadline, municipalities that have not signed
	// off are reminded, once; Saue has signed off.
	tartuUser := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	for range 2 {
		if err := jobs.EmitSecurityClosing(context.Background(), a.store, now); err != nil {
			t.Fatal(err)
		}
	}
	count := func(u auth.User) int {
		ns, _, _, err := a.store.Notifications(context.Background(), u.ID, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range ns {
			if x.Kind == notify.SecurityRoundClosing7 {
				n++
			}
		}
		return n
	}
	if count(tartuUser) != 1 || count(saueUser) != 0 {
		t.Errorf("closing reminders: Tartu %d, Saue %d", count(tartuUser), count(saueUser))
	}
}

func readableText(s string) string { return s[min(len(s), strings.Index(s, "<main")+1):] }

// getJSON reads a JSON answer into v, failing on any status but 200.
func getJSON(t *testing.T, c *http.Client, u string, v any) {
	t.Helper()
	st, body := get(t, c, u)
	if st != http.StatusOK {
		t.Fatalf("GET %s: %d\n%.300s", u, st, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatal(err)
	}
}
