package sqlstore

import (
	"context"

	"kovit/internal/municipality"
	"kovit/internal/need"
)

// MissingCount implements need.MissingCounter from the kept municipalities and needs, as
// Dashboard reads them.
func (s *Store) MissingCount(ctx context.Context, roundID int64) (int, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return 0, err
	}
	cached, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return 0, err
	}
	c, err := s.needCopy(ctx)
	if err != nil {
		return 0, err
	}
	ms := make([]municipality.Municipality, len(cached))
	for i, m := range cached {
		ms[i] = m.m
	}
	return need.MissingCount(r, ms, c.needs), nil
}
