package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/survey"
)

const surveyColumns = `id, year, title, intro, deadline, open, public_results, questions, previous_id, version, created_at, updated_at`

func scanSurvey(row scanner) (survey.Survey, error) {
	var s survey.Survey
	var questions string
	var previous sql.NullInt64
	err := row.Scan(&s.ID, &s.Year, &s.Title, &s.Intro, &s.Deadline, &s.Open, &s.PublicResults, &questions, &previous, &s.Version,
		&s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return s, err
	}
	if previous.Valid {
		s.PreviousID = &previous.Int64
	}
	if err := json.Unmarshal([]byte(questions), &s.Questions); err != nil {
		return s, fmt.Errorf("sqlstore: survey %d questions: %w", s.ID, err)
	}
	return s, nil
}

// ListSurveys implements survey.Store, latest year first.
func (s *Store) ListSurveys(ctx context.Context) ([]survey.Survey, error) {
	rows, err := s.query(ctx, `SELECT `+surveyColumns+` FROM surveys ORDER BY year DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list surveys: %w", err)
	}
	defer rows.Close()
	out := []survey.Survey{}
	for rows.Next() {
		x, err := scanSurvey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Survey implements survey.Store.
func (s *Store) Survey(ctx context.Context, id int64) (survey.Survey, error) {
	return surveyFrom(ctx, s, id)
}

func surveyFrom(ctx context.Context, q querier, id int64) (survey.Survey, error) {
	x, err := scanSurvey(q.queryRow(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE id = ?`, id))
	return x, notFound(err)
}

// checkPrevious refuses a previous survey that does not exist or is the survey itself.
func (t *tx) checkPrevious(ctx context.Context, x survey.Survey) error {
	if x.PreviousID == nil {
		return nil
	}
	if _, err := surveyFrom(ctx, t, *x.PreviousID); kovit.ErrorCode(err) == kovit.ENotFound || *x.PreviousID == x.ID {
		var p kovit.Problems
		p.Add("previous_id", "survey.error.previous")
		return p.Err()
	} else if err != nil {
		return err
	}
	return nil
}

// CreateSurvey implements survey.Store.
func (s *Store) CreateSurvey(ctx context.Context, x survey.Survey) (survey.Survey, error) {
	x.Normalize()
	if err := x.Validate(); err != nil {
		return x, err
	}
	questions, err := json.Marshal(x.Questions)
	if err != nil {
		return x, err
	}
	var out survey.Survey
	err = s.transact(ctx, func(tx *tx) error {
		if err := tx.checkPrevious(ctx, x); err != nil {
			return err
		}
		if err := tx.checkMappedIndicators(ctx, x, nil); err != nil {
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO surveys (year, title, intro, deadline, open, public_results, questions, previous_id, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, x.Year, x.Title, x.Intro, x.Deadline, x.Open, x.PublicResults, string(questions), x.PreviousID, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert survey: %w", err)
		}
		if out, err = surveyFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSurvey, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateSurvey implements survey.Store.
func (s *Store) UpdateSurvey(ctx context.Context, x survey.Survey) (survey.Survey, error) {
	x.Normalize()
	if err := x.Validate(); err != nil {
		return x, err
	}
	questions, err := json.Marshal(x.Questions)
	if err != nil {
		return x, err
	}
	var after survey.Survey
	err = s.transact(ctx, func(tx *tx) error {
		before, err := surveyFrom(ctx, tx, x.ID)
		if err != nil {
			return err
		}
		if err := tx.checkPrevious(ctx, x); err != nil {
			return err
		}
		if err := tx.checkMappedIndicators(ctx, x, before.Questions); err != nil {
			return err
		}
		var approved int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE survey_id = ? AND state = 'approved'`, x.ID).Scan(&approved); err != nil {
			return fmt.Errorf("sqlstore: approved responses: %w", err)
		}
		was, _ := json.Marshal(before.Questions)
		if approved > 0 && string(was) != string(questions) {
			return kovit.Errorf(kovit.EConflict, "survey.error.questions_answered")
		}
		res, err := tx.exec(ctx, `UPDATE surveys SET year = ?, title = ?, intro = ?, deadline = ?, open = ?, public_results = ?, questions = ?,
			previous_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, x.Year, x.Title, x.Intro, x.Deadline, x.Open,
			x.PublicResults, string(questions), x.PreviousID, s.now(), x.ID, x.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update survey: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = surveyFrom(ctx, tx, x.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSurvey, strconv.FormatInt(x.ID, 10), audit.Update, before, after)
	})
	return after, err
}
