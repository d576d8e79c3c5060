package sqlstore

import (
	"context"
	"time"

	"kovit/internal/plan"
)

// AttentionEach implements plan.AttentionEacher: Attention of each filter from one read
// of the kept trees and one pass over each (plan.CollectAttentionEach).
func (s *Store) AttentionEach(ctx context.Context, fs []plan.AttentionFilter, now time.Time) ([][]plan.AttentionItem, error) {
	sources, err := s.attentionSources(ctx, 0)
	if err != nil {
		return nil, err
	}
	return plan.CollectAttentionEach(sources, fs, now), nil
}
