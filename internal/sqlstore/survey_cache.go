package sqlstore

import (
	"context"
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

// invalidate drops every survey's copy, for a reader that took one before too.
func (c *responseCache) invalidate() {
	c.mu.Lock()
	for _, k := range c.surveys {
		k.drop()
	}
	c.surveys = nil
	c.mu.Unlock()
}

// SurveyResponses implements survey.Store. The responses are shared by every reader:
// callers read them and change nothing.
func (s *Store) SurveyResponses(ctx context.Context, surveyID int64) ([]survey.Response, error) {
	if _, err := s.Survey(ctx, surveyID); err != nil {
		return nil, err
	}
	return s.responses.of(surveyID).get(ctx, func(ctx context.Context, _ []survey.Response, _ bool) ([]survey.Response, error) {
		return s.readResponses(ctx, surveyID)
	})
}

// readResponses reads a survey's responses from the database, by municipality.
func (s *Store) readResponses(ctx context.Context, surveyID int64) ([]survey.Response, error) {
	rows, err := s.query(ctx, `SELECT `+responseColumns+` FROM survey_responses WHERE survey_id = ? ORDER BY municipality_ehak`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: responses: %w", err)
	}
	defer rows.Close()
	out := []survey.Response{}
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
