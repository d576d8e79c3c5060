package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/plan"
)

// Contributions implements plan.Store with one query, by strategy and code.
func (s *Store) Contributions(ctx context.Context, activityID int64) ([]plan.Contribution, error) {
	rows, err := s.query(ctx, `SELECT n.id, n.code, n.title_et, n.title_en, st.id, st.title_et, st.title_en, st.status,
		COALESCE(o.municipality_ehak, ''), COALESCE(o.name_et, ''), COALESCE(o.name_en, '')
		FROM plan_nodes n JOIN plan_strategies st ON st.id = n.strategy_id LEFT JOIN plan_organisations o ON o.id = st.owner_id
		WHERE n.contributes_to = ? ORDER BY st.id, n.code, n.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contributions: %w", err)
	}
	defer rows.Close()
	var out []plan.Contribution
	for rows.Next() {
		var c plan.Contribution
		if err := rows.Scan(&c.ActivityID, &c.Code, &c.TitleEt, &c.TitleEn, &c.StrategyID, &c.StrategyTitleEt, &c.StrategyTitleEn,
			&c.StrategyStatus, &c.OwnerEHAK, &c.OwnerEt, &c.OwnerEn); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
