package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"kovit/internal/survey"
)

// responseCache keeps each survey's responses decoded, a kept copy per survey. The
// results by peer group and the completeness board read every response of a survey,
// and decoding the answers of 79 responses × 100 questions from JSON took most of the
// results' time (BenchmarkSurveyResults). Responses change seldom against how often the
// results are read, so any change to a survey or a response drops every copy
// (dropKept); the copy is bounded by the data (79 responses a survey), so needs no cap.
// A dropped copy is read again whole, but only the responses whose version changed are
// decoded again: an approval decodes one response, not 79.
type responseCache struct {
	mu      sync.Mutex
	surveys map[int64]*kept[[]survey.Response]
}

// of is surveyID's kept responses, empty when not read since the last drop.
func (c *responseCache) of(surveyID int64) *kept[[]survey.Response] {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.surveys[surveyID]
	if k == nil {
		if c.surveys == nil {
			c.surveys = map[int64]*kept[[]survey.Response]{}
		}
		k = &kept[[]survey.Response]{}
		c.surveys[surveyID] = k
	}
	return k
}

// invalidate drops every survey's copy, for a reader that took one before too. The
// copies stay, out of date, for the next read to reuse the responses that did not change.
func (c *responseCache) invalidate() {
	c.mu.Lock()
	for _, k := range c.surveys {
		k.drop()
	}
	c.mu.Unlock()
}

// SurveyResponses implements survey.Store. The responses are shared by every reader:
// callers read them and change nothing.
func (s *Store) SurveyResponses(ctx context.Context, surveyID int64) ([]survey.Response, error) {
	if _, err := s.Survey(ctx, surveyID); err != nil {
		return nil, err
	}
	return s.responses.of(surveyID).get(ctx, func(ctx context.Context, last []survey.Response, _ bool) ([]survey.Response, error) {
		return s.readResponses(ctx, surveyID, last)
	})
}

// readResponses reads a survey's responses from the database, by municipality, taking
// from last (the copy read before) each response whose version and time are the same.
func (s *Store) readResponses(ctx context.Context, surveyID int64, last []survey.Response) ([]survey.Response, error) {
	known := make(map[string]*survey.Response, len(last))
	for i := range last {
		known[last[i].MunicipalityEHAK] = &last[i]
	}
	rows, err := s.query(ctx, `SELECT `+responseColumns+` FROM survey_responses WHERE survey_id = ? ORDER BY municipality_ehak`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: responses: %w", err)
	}
	defer rows.Close()
	out := []survey.Response{}
	for rows.Next() {
		r, err := scanResponseAgain(rows, known)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// scanResponseAgain is scanResponse that decodes the answers only of a response not in
// known as it is now: an update raises the version, so one of the same survey,
// municipality, version and time is the same response.
func scanResponseAgain(row *sql.Rows, known map[string]*survey.Response) (survey.Response, error) {
	var r survey.Response
	var answers, prefilled sql.RawBytes
	var approvedAt sql.NullTime
	if err := row.Scan(&r.SurveyID, &r.MunicipalityEHAK, &answers, &r.State, &prefilled, &r.ApprovedBy, &approvedAt, &r.Version, &r.UpdatedAt); err != nil {
		return r, err
	}
	if old := known[r.MunicipalityEHAK]; old != nil && old.SurveyID == r.SurveyID && old.Version == r.Version && old.UpdatedAt.Equal(r.UpdatedAt) {
		return *old, nil
	}
	if approvedAt.Valid {
		r.ApprovedAt = &approvedAt.Time
	}
	if err := json.Unmarshal(answers, &r.Answers); err != nil {
		return r, fmt.Errorf("sqlstore: response answers: %w", err)
	}
	return r, json.Unmarshal(prefilled, &r.Prefilled)
}
