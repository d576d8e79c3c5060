package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/desk"
)

// adviceCopy is the kept advice records (Store.adviceKept).
type adviceCopy = *desk.AdviceKept

// KeptAdvice implements desk.AdviceKeeper: the questions, the rounds of comment and their
// responses as the navigation's count reads them on every signed-in page, kept until a
// change to a question or a round (a response is recorded as its round's) drops them.
func (s *Store) KeptAdvice(ctx context.Context) (*desk.AdviceKept, error) {
	return s.adviceKept.get(ctx, func(ctx context.Context, _ *desk.AdviceKept, _ bool) (*desk.AdviceKept, error) {
		k := &desk.AdviceKept{Responded: map[int64][]string{}}
		var err error
		if k.Inquiries, err = s.AllInquiries(ctx); err != nil {
			return nil, err
		}
		if k.Rounds, err = s.ListCommentRounds(ctx); err != nil {
			return nil, err
		}
		rows, err := s.query(ctx, `SELECT round_id, municipality_ehak FROM round_responses ORDER BY round_id, municipality_ehak`)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: responses: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var ehak string
			if err := rows.Scan(&id, &ehak); err != nil {
				return nil, err
			}
			k.Responded[id] = append(k.Responded[id], ehak)
		}
		return k, rows.Err()
	})
}
