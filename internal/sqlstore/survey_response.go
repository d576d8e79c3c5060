package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/survey"
)

const responseColumns = `survey_id, municipality_ehak, answers, state, prefilled, approved_by, approved_at, version, updated_at`

func scanResponse(row scanner) (survey.Response, error) {
	var r survey.Response
	var answers, prefilled string
	var approvedAt sql.NullTime
	if err := row.Scan(&r.SurveyID, &r.MunicipalityEHAK, &answers, &r.State, &prefilled, &r.ApprovedBy, &approvedAt, &r.Version, &r.UpdatedAt); err != nil {
		return r, err
	}
	if approvedAt.Valid {
		r.ApprovedAt = &approvedAt.Time
	}
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return r, fmt.Errorf("sqlstore: response answers: %w", err)
	}
	return r, json.Unmarshal([]byte(prefilled), &r.Prefilled)
}

func responseFrom(ctx context.Context, q querier, surveyID int64, ehak string) (survey.Response, error) {
	r, err := scanResponse(q.queryRow(ctx, `SELECT `+responseColumns+` FROM survey_responses WHERE survey_id = ? AND municipality_ehak = ?`, surveyID, ehak))
	return r, notFound(err)
}

// Response implements survey.Store.
func (s *Store) Response(ctx context.Context, surveyID int64, ehak string) (survey.Response, error) {
	var out survey.Response
	err := s.readSnapshot(ctx, func(q querier) error {
		x, err := surveyFrom(ctx, q, surveyID)
		if err != nil {
			return err
		}
		if err := municipalityExists(ctx, q, ehak); err != nil {
			return err
		}
		out, err = responseFrom(ctx, q, surveyID, ehak)
		if kovit.ErrorCode(err) != kovit.ENotFound {
			return err
		}
		out = survey.Response{SurveyID: surveyID, MunicipalityEHAK: ehak, Answers: map[string]survey.Answer{}, State: survey.Draft, Prefilled: []string{}}
		if x.PreviousID == nil {
			return nil
		}
		last, err := surveyFrom(ctx, q, *x.PreviousID)
		if err != nil {
			return err
		}
		prev, err := responseFrom(ctx, q, last.ID, ehak)
		if kovit.ErrorCode(err) == kovit.ENotFound || (err == nil && prev.State != survey.Approved) {
			return nil
		} else if err != nil {
			return err
		}
		out = survey.Prefill(x, last, prev.Answers)
		out.MunicipalityEHAK = ehak
		return nil
	})
	return out, err
}

func municipalityExists(ctx context.Context, q querier, ehak string) error {
	var n int
	if err := q.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, ehak).Scan(&n); err != nil {
		return fmt.Errorf("sqlstore: municipality: %w", err)
	}
	if n == 0 {
		return kovit.NotFound()
	}
	return nil
}

// SaveResponse implements survey.Store.
func (s *Store) SaveResponse(ctx context.Context, r survey.Response, submit bool) (survey.Response, error) {
	services, err := s.ListServices(ctx, false)
	if err != nil {
		return r, err
	}
	codes := make([]string, len(services))
	for i, sv := range services {
		codes[i] = sv.Code
	}
	solutions, err := s.surveySolutionIDs(ctx)
	if err != nil {
		return r, err
	}
	var after survey.Response
	err = s.transact(ctx, func(tx *tx) error {
		x, err := surveyFrom(ctx, tx, r.SurveyID)
		if err != nil {
			return err
		}
		if err := municipalityExists(ctx, tx, r.MunicipalityEHAK); err != nil {
			return err
		}
		if !x.Open {
			return kovit.Errorf(kovit.EConflict, "survey.error.closed")
		}
		answers, err := survey.Check(x, r.Answers, codes, solutions, submit)
		if err != nil {
			return err
		}
		prefilled := []string{}
		if !submit {
			for _, k := range r.Prefilled {
				if _, ok := answers[k]; ok && !slices.Contains(prefilled, k) {
					prefilled = append(prefilled, k)
				}
			}
		}
		state := survey.Draft
		if submit {
			state = survey.Submitted
		}
		a, _ := json.Marshal(answers)
		pf, _ := json.Marshal(prefilled)
		before, err := responseFrom(ctx, tx, x.ID, r.MunicipalityEHAK)
		action := audit.Update
		switch {
		case kovit.ErrorCode(err) == kovit.ENotFound:
			if r.Version != 0 {
				return kovit.Conflict()
			}
			action = audit.Create
			_, err = tx.insert(ctx, `INSERT INTO survey_responses (survey_id, municipality_ehak, answers, state, prefilled, version, updated_at)
				VALUES (?, ?, ?, ?, ?, 1, ?)`, x.ID, r.MunicipalityEHAK, string(a), string(state), string(pf), s.now())
			if err != nil {
				return fmt.Errorf("sqlstore: insert response: %w", err)
			}
		case err != nil:
			return err
		case before.State == survey.Approved:
			return kovit.Errorf(kovit.EConflict, "survey.error.approved")
		default:
			res, err := tx.exec(ctx, `UPDATE survey_responses SET answers = ?, state = ?, prefilled = ?, version = version + 1, updated_at = ?
				WHERE survey_id = ? AND municipality_ehak = ? AND version = ?`, string(a), string(state), string(pf), s.now(), x.ID, r.MunicipalityEHAK, r.Version)
			if err != nil {
				return fmt.Errorf("sqlstore: update response: %w", err)
			}
			if err := oneRow(res); err != nil {
				return err
			}
		}
		if after, err = responseFrom(ctx, tx, x.ID, r.MunicipalityEHAK); err != nil {
			return err
		}
		var was any
		if action == audit.Update {
			was = before
		}
		return tx.record(ctx, audit.KindSurveyResponse, responseID(x.ID, r.MunicipalityEHAK), action, was, after)
	})
	return after, err
}

func responseID(surveyID int64, ehak string) string { return fmt.Sprintf("%d/%s", surveyID, ehak) }

// ApproveResponse implements survey.Store.
func (s *Store) ApproveResponse(ctx context.Context, surveyID int64, ehak string, version int) (survey.Response, error) {
	var after survey.Response
	err := s.transact(ctx, func(tx *tx) error {
		before, err := responseFrom(ctx, tx, surveyID, ehak)
		if err != nil {
			return err
		}
		if before.State != survey.Submitted {
			return kovit.Errorf(kovit.EConflict, "survey.error.not_submitted")
		}
		res, err := tx.exec(ctx, `UPDATE survey_responses SET state = 'approved', approved_by = ?, approved_at = ?, version = version + 1,
			updated_at = ? WHERE survey_id = ? AND municipality_ehak = ? AND version = ?`, actorOf(ctx).name, s.now(), s.now(), surveyID, ehak, version)
		if err != nil {
			return fmt.Errorf("sqlstore: approve response: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = responseFrom(ctx, tx, surveyID, ehak); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSurveyResponse, responseID(surveyID, ehak), audit.Update, before, after)
	})
	return after, err
}

// RemindSurvey implements survey.Store: a reminder a day at most per municipality.
func (s *Store) RemindSurvey(ctx context.Context, surveyID int64) (int, error) {
	x, err := s.Survey(ctx, surveyID)
	if err != nil {
		return 0, err
	}
	if !x.Open {
		return 0, kovit.Errorf(kovit.EConflict, "survey.error.closed")
	}
	rows, err := s.query(ctx, `SELECT m.ehak FROM municipalities m WHERE NOT EXISTS (SELECT 1 FROM survey_responses r
		WHERE r.survey_id = ? AND r.municipality_ehak = m.ehak AND r.state = 'approved') ORDER BY m.ehak`, surveyID)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: survey missing: %w", err)
	}
	var missing []string
	for rows.Next() {
		var ehak string
		if err := rows.Scan(&ehak); err != nil {
			rows.Close()
			return 0, err
		}
		missing = append(missing, ehak)
	}
	rows.Close()
	if err := errors.Join(rows.Err()); err != nil {
		return 0, err
	}
	day := s.now().Format(time.DateOnly)
	evs := make([]notify.Event, len(missing))
	for i, ehak := range missing {
		evs[i] = notify.Event{Kind: notify.SurveyDue, Entity: audit.KindSurvey, EntityID: fmt.Sprint(surveyID), Municipality: ehak,
			Title: x.Title, Reason: x.Deadline, Key: fmt.Sprintf("survey_due/%d/%s/%s", surveyID, ehak, day)}
	}
	return len(missing), s.transact(ctx, func(tx *tx) error { return tx.emit(ctx, evs...) })
}
