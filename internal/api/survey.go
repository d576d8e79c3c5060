package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
	"kovit/internal/tabular"
)

// Surveys of the municipalities (issue 16): signed-in users read a survey and its
// completeness board; one municipality's answers only those who may answer it and
// readers; results by peer group, to the public where the survey says so.

// SurveyDetail is a survey with its completeness board.
type SurveyDetail struct {
	Survey survey.Survey `json:"survey"`
	Board  survey.Board  `json:"board"`
}

// ResponseInput is a municipality's answers as saved or submitted.
type ResponseInput struct {
	Answers   map[string]survey.Answer `json:"answers"`
	Prefilled []string                 `json:"prefilled"`
	Submit    bool                     `json:"submit"`
	Version   int                      `json:"version"`
}

// SurveyResults is a survey's results by one peer grouping.
type SurveyResults struct {
	Survey  survey.Survey   `json:"survey"`
	Group   string          `json:"group"`
	Results []survey.Result `json:"results"`
}

func (a *API) listSurveys(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if err := auth.CanReadSurvey(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	items, err := a.surveys.ListSurveys(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) createSurvey(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageSurvey(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return createNational(a, w, r, a.surveys.CreateSurvey, func(s survey.Survey) string {
		return prefix + "/surveys/" + strconv.FormatInt(s.ID, 10)
	})
}

func (a *API) updateSurvey(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.surveys.Survey, a.surveys.UpdateSurvey, func(before, s survey.Survey, p *kovit.Problems) int {
		readOnly(p, "id", s.ID != before.ID)
		return s.Version
	})
}

func (a *API) getSurvey(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadSurvey(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	s, err := a.surveys.Survey(ctx, id)
	if err != nil {
		return err
	}
	responses, err := a.surveys.SurveyResponses(ctx, id)
	if err != nil {
		return err
	}
	ms, err := a.everyMunicipality(ctx)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, SurveyDetail{s, survey.BoardOf(ms, responses)})
}

func (a *API) everyMunicipality(ctx context.Context) ([]municipality.Municipality, error) {
	ms, _, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	return ms, err
}

// responsePath reads the survey id and the municipality of a response's path.
func responsePath(r *http.Request) (int64, string, error) {
	id, err := pathID(r)
	return id, r.PathValue("ehak"), err
}

func (a *API) getResponse(w http.ResponseWriter, r *http.Request) error {
	id, ehak, err := responsePath(r)
	if err != nil {
		return err
	}
	if err := auth.CanReadResponse(auth.UserFrom(r.Context()), ehak); err != nil {
		return err
	}
	resp, err := a.surveys.Response(r.Context(), id, ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, resp)
}

func (a *API) saveResponse(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, ehak, err := responsePath(r)
	if err != nil {
		return err
	}
	if err := auth.CanAnswerSurvey(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var in ResponseInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	resp, err := a.surveys.SaveResponse(ctx, survey.Response{SurveyID: id, MunicipalityEHAK: ehak, Answers: in.Answers,
		Prefilled: in.Prefilled, Version: in.Version}, in.Submit)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, resp)
}

func (a *API) approveResponse(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, ehak, err := responsePath(r)
	if err != nil {
		return err
	}
	if err := auth.CanApproveSurveyResponse(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var in struct {
		Version int `json:"version"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	resp, err := a.surveys.ApproveResponse(ctx, id, ehak, in.Version)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, resp)
}

func (a *API) remindSurvey(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSurvey(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := a.surveys.RemindSurvey(ctx, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, map[string]int{"reminded": n})
}

// surveyResults reads the survey and its results by the ?group= peer grouping (type by
// default) if the user may read them; refused results answer as a missing survey.
func (a *API) surveyResults(r *http.Request) (SurveyResults, error) {
	ctx := r.Context()
	q := newQuery(r)
	group := q.str("group")
	if group == "" {
		group = "type"
	}
	by, ok := survey.GroupingOf(group)
	var p kovit.Problems
	if !ok {
		p.Add("group", "survey.error.group")
	}
	if err := q.check(p.Err()); err != nil {
		return SurveyResults{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return SurveyResults{}, err
	}
	s, err := a.surveys.Survey(ctx, id)
	if err != nil {
		return SurveyResults{}, err
	}
	if err := auth.CanReadSurveyResults(auth.UserFrom(ctx), s.PublicResults); err != nil {
		if auth.UserFrom(ctx) == nil {
			return SurveyResults{}, kovit.NotFound()
		}
		return SurveyResults{}, err
	}
	responses, err := a.surveys.SurveyResponses(ctx, id)
	if err != nil {
		return SurveyResults{}, err
	}
	ms, err := a.everyMunicipality(ctx)
	if err != nil {
		return SurveyResults{}, err
	}
	byEHAK := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byEHAK[m.EHAK] = m
	}
	return SurveyResults{s, group, survey.Results(s, responses, byEHAK, by)}, nil
}

func (a *API) getSurveyResults(w http.ResponseWriter, r *http.Request) error {
	res, err := a.surveyResults(r)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, res)
}

func (a *API) exportSurveyResults(w http.ResponseWriter, r *http.Request) error {
	res, err := a.surveyResults(r)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "tulemused-"+strconv.FormatInt(res.Survey.ID, 10), survey.ResultsSheet(res.Results, i18n.AcceptLang(r)))
}
