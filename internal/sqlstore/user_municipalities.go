package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/kovit"
)

// checkMunicipalities reports an unknown municipality on a person's list as a field error.
func (t *tx) checkMunicipalities(ctx context.Context, list []string) error {
	for _, e := range list {
		if _, err := municipalityFrom(ctx, t, e); kovit.ErrorCode(err) == kovit.ENotFound {
			var p kovit.Problems
			p.Add("municipalities", "error.unknown_municipality")
			return p.Err()
		} else if err != nil {
			return err
		}
	}
	return nil
}

// setMunicipalities stores the municipalities of list after the first, the primary one
// that users.municipality_ehak holds.
func (t *tx) setMunicipalities(ctx context.Context, userID int64, list []string) error {
	if _, err := t.exec(ctx, `DELETE FROM user_municipalities WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("sqlstore: user municipalities: %w", err)
	}
	for i, e := range list {
		if i == 0 {
			continue
		}
		if _, err := t.exec(ctx, `INSERT INTO user_municipalities (user_id, municipality_ehak, position) VALUES (?, ?, ?)`,
			userID, e, i); err != nil {
			return fmt.Errorf("sqlstore: user municipalities: %w", err)
		}
	}
	return nil
}
