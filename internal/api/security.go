package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eits"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/training"
)

// The security self-assessment (issue 14). A municipality's answers are read only through
// auth.CanReadAssessment; the aggregates only through auth.CanReadSecurityAggregates.

func (a *API) listAssessmentRounds(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.security.SecurityRounds(r.Context())
	if err != nil {
		return err
	}
	// The public sees the published rounds, whose aggregates are public, as the page does.
	if auth.CanReadSecurityRounds(auth.UserFrom(r.Context())) != nil {
		today := security.Day(time.Now())
		shown := items[:0]
		for _, rd := range items {
			if rd.PhaseOn(today) == security.Published {
				shown = append(shown, rd)
			}
		}
		items = shown
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) createAssessmentRound(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.security.CreateSecurityRound, func(rd security.Round) string {
		return prefix + "/assessment-rounds/" + strconv.FormatInt(rd.ID, 10)
	})
}

func (a *API) getAssessmentRound(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadSecurityRounds(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rd, err := a.security.SecurityRound(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, rd)
}

func (a *API) updateAssessmentRound(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.security.SecurityRound, a.security.UpdateSecurityRound, func(before, rd security.Round, p *kovit.Problems) int {
		readOnly(p, "id", rd.ID != before.ID)
		readOnly(p, "year", rd.Year != before.Year)
		return rd.Version
	})
}

// Aggregates is a round's published aggregates.
type Aggregates struct {
	Round   security.Round    `json:"round"`
	MinSize int               `json:"min_group_size"`
	Groups  []security.Spread `json:"groups"`
}

func (a *API) getAssessmentAggregates(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rd, err := a.security.SecurityRound(ctx, id)
	if err != nil {
		return err
	}
	if auth.CanReadSecurityAggregates(auth.UserFrom(ctx), rd.PhaseOn(security.Day(time.Now())) == security.Published) != nil {
		return kovit.NotFound() // not published yet: as if there were none
	}
	ms, _, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	spreads, err := security.LoadAggregates(ctx, a.security, rd, ms)
	if err != nil {
		return err
	}
	if spreads == nil {
		spreads = []security.Spread{}
	}
	return a.writeJSON(w, r, http.StatusOK, Aggregates{Round: rd, MinSize: security.MinGroup, Groups: spreads})
}

// assessmentPath reads the round id and the EHAK of an assessment's path, after asking
// whether the user may read it: another municipality learns nothing of it.
func (a *API) assessmentPath(r *http.Request, may func(*auth.User, string) error) (int64, string, error) {
	ehak := r.PathValue("ehak")
	if err := may(auth.UserFrom(r.Context()), ehak); err != nil {
		return 0, "", err
	}
	id, err := pathID(r)
	if err != nil {
		return 0, "", err
	}
	if _, err := a.municipalities.Municipality(r.Context(), ehak); err != nil {
		return 0, "", err
	}
	return id, ehak, nil
}

// onAssessment runs do on the path's assessment once may allows the user it, and answers
// what do returns: every route of one municipality's assessment goes through it.
func onAssessment[T any](a *API, w http.ResponseWriter, r *http.Request, may func(*auth.User, string) error,
	do func(ctx context.Context, id int64, ehak string) (T, error)) error {
	id, ehak, err := a.assessmentPath(r, may)
	if err != nil {
		return err
	}
	out, err := do(r.Context(), id, ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

func (a *API) getAssessment(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanReadAssessment, func(ctx context.Context, id int64, ehak string) (security.View, error) {
		return security.LoadView(ctx, a.security, id, ehak)
	})
}

// AssessmentReport is what a PATCH of an assessment may change.
type AssessmentReport struct {
	TargetTier  security.Tier `json:"target_tier"`
	SignedOffBy string        `json:"signed_off_by"`
	SignedOffOn string        `json:"signed_off_on"`
	CouncilDate string        `json:"council_date"`
	Version     int           `json:"version"`
}

func (a *API) updateAssessment(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanAnswerAssessment, func(ctx context.Context, id int64, ehak string) (security.Assessment, error) {
		stored, _, err := a.security.SecurityAssessment(ctx, id, ehak)
		if err != nil {
			return stored, err
		}
		in, err := decodePatch(w, r, AssessmentReport{TargetTier: stored.TargetTier, SignedOffBy: stored.SignedOffBy,
			SignedOffOn: stored.SignedOffOn, CouncilDate: stored.CouncilDate, Version: stored.Version})
		if err != nil {
			return stored, err
		}
		var p kovit.Problems
		if err := versioned(&p, in.Version); err != nil {
			return stored, err
		}
		return a.security.UpdateSecurityAssessment(ctx, security.Assessment{RoundID: id, MunicipalityEHAK: ehak, TargetTier: in.TargetTier,
			SignedOffBy: in.SignedOffBy, SignedOffOn: in.SignedOffOn, CouncilDate: in.CouncilDate, Version: in.Version})
	})
}

// putAnswer saves one answer: the module's own row (no measure_code) or a measure's; a
// new answer names version 0. The awareness measure's status is computed from the
// training records, whatever the body says (training.AwarenessAnswer).
func (a *API) putAnswer(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanAnswerAssessment, func(ctx context.Context, id int64, ehak string) (security.Answer, error) {
		in := security.Answer{Applies: true}
		if err := decodeJSON(w, r, &in); err != nil {
			return in, err
		}
		in, err := training.AwarenessAnswer(ctx, a.trainings, a.security, id, ehak, in, a.baseURL+"/municipalities/"+ehak+"/training")
		if err != nil {
			return in, err
		}
		return a.security.SaveSecurityAnswer(ctx, id, ehak, in)
	})
}

func (a *API) confirmModule(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanAnswerAssessment, func(ctx context.Context, id int64, ehak string) (map[string]int, error) {
		n, err := a.security.ConfirmSecurityModule(ctx, id, ehak, r.PathValue("code"))
		return map[string]int{"confirmed": n}, err
	})
}

// Catalogue is an E-ITS catalogue year: its modules and group headers, and its measures.
type Catalogue struct {
	Year     int                `json:"year"`
	Modules  []security.Module  `json:"modules"`
	Measures []security.Measure `json:"measures"`
}

func (a *API) catalogueYear(r *http.Request) (int, error) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return 0, kovit.NotFound()
	}
	rows, err := a.security.EITSModules(r.Context(), year)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, kovit.NotFound()
	}
	return year, nil
}

func (a *API) getEITSCatalogue(w http.ResponseWriter, r *http.Request) error {
	year, err := a.catalogueYear(r)
	if err != nil {
		return err
	}
	modules, err := a.security.EITSModules(r.Context(), year)
	if err != nil {
		return err
	}
	measures, err := a.security.EITSMeasures(r.Context(), year)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, Catalogue{Year: year, Modules: modules, Measures: measures})
}

// importEITSMeasures takes the body as RIA's E-ITS API returned it.
func (a *API) importEITSMeasures(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	year, err := a.catalogueYear(r)
	if err != nil {
		return err
	}
	ms, err := eits.Decode(http.MaxBytesReader(w, r.Body, eits.MaxBytes), year)
	if err != nil {
		if kovit.AsError(err) != nil {
			return err // a problem with the file, named by field
		}
		return bodyError(err, nil, nil) // over the size limit, or the body cut off
	}
	res, err := a.security.ImportEITSMeasures(ctx, year, ms)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, res)
}

// Maturity is a municipality's IT-management maturity in a round: the criteria it meets
// and each area's level and bottleneck.
type Maturity struct {
	RoundID int64                `json:"round_id"`
	Met     []int64              `json:"met"`
	Areas   []security.AreaLevel `json:"areas"`
}

// MaturityInput is what a PUT of a municipality's maturity names.
type MaturityInput struct {
	Met []int64 `json:"met"`
}

func (a *API) maturityOf(r *http.Request, id int64, ehak string, met []int64) (Maturity, error) {
	criteria, err := a.security.MaturityCriteria(r.Context())
	if err != nil {
		return Maturity{}, err
	}
	return Maturity{RoundID: id, Met: met, Areas: security.MaturityOf(criteria, met)}, nil
}

func (a *API) getMaturity(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanReadAssessment, func(ctx context.Context, id int64, ehak string) (Maturity, error) {
		if _, err := a.security.SecurityRound(ctx, id); err != nil {
			return Maturity{}, err
		}
		met, err := a.security.MaturityMet(ctx, id, ehak)
		if err != nil {
			return Maturity{}, err
		}
		return a.maturityOf(r, id, ehak, met)
	})
}

func (a *API) putMaturity(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanAnswerAssessment, func(ctx context.Context, id int64, ehak string) (Maturity, error) {
		var in MaturityInput
		if err := decodeJSON(w, r, &in); err != nil {
			return Maturity{}, err
		}
		met, err := a.security.SetMaturityMet(ctx, id, ehak, in.Met)
		if err != nil {
			return Maturity{}, err
		}
		return a.maturityOf(r, id, ehak, met)
	})
}

func (a *API) listMaturityCriteria(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	cs, err := a.security.MaturityCriteria(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(cs, pg))
}

// CriterionText is what a PATCH of a maturity criterion may change.
type CriterionText struct {
	TextEt string `json:"text_et"`
	TextEn string `json:"text_en"`
}

func (a *API) updateMaturityCriterion(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	cs, err := a.security.MaturityCriteria(ctx)
	if err != nil {
		return err
	}
	var stored *security.MaturityCriterion
	for i := range cs {
		if cs[i].ID == id {
			stored = &cs[i]
		}
	}
	if stored == nil {
		return kovit.NotFound()
	}
	in, err := decodePatch(w, r, CriterionText{TextEt: stored.TextEt, TextEn: stored.TextEn})
	if err != nil {
		return err
	}
	out, err := a.security.UpdateMaturityCriterion(ctx, security.MaturityCriterion{ID: id, TextEt: in.TextEt, TextEn: in.TextEn})
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}
