package sqlstore

import (
	"context"

	"kovit/internal/eservice"
)

// SaveOver saves each input over its cell as the caller read it earlier, without reading
// it again: what happens when another transaction changes a cell between an import's read
// and its write, which PostgreSQL's concurrent transactions allow.
func (s *Store) SaveOver(ctx context.Context, before []eservice.Cell, in []eservice.CellInput) error {
	return s.transact(ctx, func(tx *tx) error {
		scale, err := scaleFrom(ctx, tx)
		if err != nil {
			return err
		}
		saves := make([]cellSave, len(before))
		for i := range before {
			saves[i] = cellSave{before[i], in[i]}
		}
		_, err = tx.saveCells(ctx, scale, saves)
		return err
	})
}
