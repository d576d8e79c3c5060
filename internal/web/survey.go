package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/survey"
)

// surveyPage is the Page of every survey page.
type surveyPage struct {
	Page
	S survey.Survey
}

// Manager reports whether the user makes surveys and sends their reminders.
func (p surveyPage) Manager() bool { return auth.Allowed(auth.CanManageSurvey(p.User)) }

// surveyListPage lists the surveys, with the coordinators' form for a new one.
type surveyListPage struct {
	surveyPage
	Surveys   []survey.Survey
	In        survey.Survey
	Questions string
	Form      form
}

// surveyShowPage is a survey: its questions, its completeness board and, for
// coordinators, its settings and the reminder button.
type surveyShowPage struct {
	surveyPage
	Board    survey.Board
	Own      string // the user's own municipality, whose response they open
	Reminded int    // reminders just sent, from ?reminded=
	Edit     survey.Survey
	Form     form
}

func (ui *UI) surveyPage(r *http.Request, titleKey string) surveyPage {
	p := surveyPage{Page: ui.page(r, titleKey)}
	p.Nav = "surveys"
	return p
}

func (ui *UI) surveyList(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadSurvey(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderSurveyList(w, r, http.StatusOK, survey.Survey{Open: true}, "", nil)
}

func (ui *UI) renderSurveyList(w http.ResponseWriter, r *http.Request, status int, in survey.Survey, questions string, problems kovit.Problems) error {
	surveys, err := ui.Surveys.ListSurveys(r.Context())
	if err != nil {
		return err
	}
	ui.render(w, r, status, "survey/list", surveyListPage{surveyPage: ui.surveyPage(r, "survey.list.title"), Surveys: surveys, In: in,
		Questions: questions, Form: form{Problems: problems}})
	return nil
}

// surveyInput reads the settings a coordinator's form gives.
func surveyInput(r *http.Request, p *kovit.Problems) survey.Survey {
	return survey.Survey{Year: formInt(r, "year", p), Title: r.PostFormValue("title"), Intro: r.PostFormValue("intro"),
		Deadline: r.PostFormValue("deadline"), Open: r.PostFormValue("open") == "on", PublicResults: r.PostFormValue("public_results") == "on",
		PreviousID: formID(r, "previous_id", p)}
}

func (ui *UI) surveyCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSurvey(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	in := surveyInput(r, &problems)
	text := r.PostFormValue("questions")
	qs, err := survey.ParseQuestions(text)
	problems = append(problems, kovit.FieldsOf(err)...)
	in.Questions = qs
	var made survey.Survey
	status, problems, err := trySave(problems, func() (err error) { made, err = ui.Surveys.CreateSurvey(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(made.ID, 10), "flash.saved")
	}
	return ui.renderSurveyList(w, r, status, in, text, questionProblems(problems))
}

// questionProblems names a question's problem by the text field the questions were typed in.
func questionProblems(problems kovit.Problems) kovit.Problems {
	out := make(kovit.Problems, 0, len(problems))
	for _, p := range problems {
		if len(p.Field) > 9 && p.Field[:10] == "questions[" {
			p.Field = "questions"
		}
		out = append(out, p)
	}
	return out
}

func (ui *UI) surveyShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadSurveyShow(r)
	if err != nil {
		return err
	}
	p.Reminded, _ = strconv.Atoi(r.URL.Query().Get("reminded"))
	ui.render(w, r, http.StatusOK, "survey/show", p)
	return nil
}

func (ui *UI) loadSurveyShow(r *http.Request) (surveyShowPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadSurvey(u); err != nil {
		return surveyShowPage{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return surveyShowPage{}, err
	}
	s, err := ui.Surveys.Survey(ctx, id)
	if err != nil {
		return surveyShowPage{}, err
	}
	responses, err := ui.Surveys.SurveyResponses(ctx, id)
	if err != nil {
		return surveyShowPage{}, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return surveyShowPage{}, err
	}
	sp := ui.surveyPage(r, "")
	sp.S, sp.Title = s, s.Title
	return surveyShowPage{surveyPage: sp, Board: survey.BoardOf(ms, responses), Own: auth.ListScope(u).Municipality, Edit: s}, nil
}

// surveyUpdate changes a survey's settings: title, deadline, open, public results.
func (ui *UI) surveyUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSurvey(auth.UserFrom(ctx)); err != nil {
		return err
	}
	p, err := ui.loadSurveyShow(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := surveyInput(r, &problems)
	in.ID, in.Questions, in.Version = p.S.ID, p.S.Questions, formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Surveys.UpdateSurvey(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(p.S.ID, 10), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &in.Version, p.S.Version)
	p.Edit = in
	ui.render(w, r, status, "survey/show", p)
	return nil
}

// surveyRemind tells every municipality without an approved response that it is due.
func (ui *UI) surveyRemind(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSurvey(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := ui.Surveys.RemindSurvey(ctx, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/surveys/"+strconv.FormatInt(id, 10)+"?reminded="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
