package sqlstore

import (
	"context"
	"strconv"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// surveySolutionIDs are the ids, as text, of the catalogue's accepted solutions: the rows
// a survey's per-solution grid asks about.
func (s *Store) surveySolutionIDs(ctx context.Context) ([]string, error) {
	var out []string
	for offset := 0; ; offset += kovit.MaxLimit {
		page, total, err := s.ListSolutions(ctx, landscape.SolutionFilter{States: []landscape.State{landscape.Accepted}, Limit: kovit.MaxLimit, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, sol := range page {
			out = append(out, strconv.FormatInt(sol.ID, 10))
		}
		if len(page) == 0 || offset+len(page) >= total {
			return out, nil
		}
	}
}
