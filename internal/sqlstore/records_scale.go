package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/landscape"
)

// RecordsScale implements landscape.Store.
func (s *Store) RecordsScale(ctx context.Context) (eservice.Scale, error) {
	return scaleOf(ctx, s, "records")
}

// UpdateRecordsCriterion implements landscape.Store. Only the wording changes: a criterion
// keeps its id and level, so every profile's stored level stays what its criteria make it.
func (s *Store) UpdateRecordsCriterion(ctx context.Context, c eservice.Criterion) (eservice.Criterion, error) {
	return s.rewordCriterion(ctx, "records", audit.KindRecordsCriterion, c, func(c eservice.Criterion) string { return strconv.FormatInt(c.ID, 10) })
}

// scaleOf reads a scale's levels and their criteria from the tables <scale>_levels and
// <scale>_criteria: "maturity" is the e-service scale, "records" the records scale.
func scaleOf(ctx context.Context, q querier, scale string) (eservice.Scale, error) {
	rows, err := q.query(ctx, `SELECT l.number, l.name_et, l.name_en, c.id, c.code, c.text_et, c.text_en, c.position
		FROM `+scale+`_levels l LEFT JOIN `+scale+`_criteria c ON c.level = l.number
		ORDER BY l.number, c.position, c.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %s scale: %w", scale, err)
	}
	defer rows.Close()
	var out eservice.Scale
	for rows.Next() {
		var l eservice.Level
		var id *int64
		var code, et, en *string
		var pos *int
		if err := rows.Scan(&l.Number, &l.NameEt, &l.NameEn, &id, &code, &et, &en, &pos); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Number != l.Number {
			out = append(out, l)
		}
		if id != nil {
			last := &out[len(out)-1]
			last.Criteria = append(last.Criteria, eservice.Criterion{ID: *id, Level: l.Number, Code: *code, TextEt: *et, TextEn: *en, Position: *pos})
		}
	}
	return out, rows.Err()
}

// rewordCriterion changes the texts of a criterion of a scale (as scaleOf names it) and
// records the change under kind, the criterion named by entity.
func (s *Store) rewordCriterion(ctx context.Context, scale string, kind recordKind, c eservice.Criterion, entity func(eservice.Criterion) string) (eservice.Criterion, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	var after eservice.Criterion
	err := s.transact(ctx, func(tx *tx) error {
		var before eservice.Criterion
		if err := tx.queryRow(ctx, `SELECT id, level, code, text_et, text_en, position FROM `+scale+`_criteria WHERE id = ?`, c.ID).
			Scan(&before.ID, &before.Level, &before.Code, &before.TextEt, &before.TextEn, &before.Position); err != nil {
			return notFound(err)
		}
		if _, err := tx.exec(ctx, `UPDATE `+scale+`_criteria SET text_et = ?, text_en = ? WHERE id = ?`, c.TextEt, c.TextEn, c.ID); err != nil {
			return fmt.Errorf("sqlstore: update criterion: %w", err)
		}
		after = before
		after.TextEt, after.TextEn = c.TextEt, c.TextEn
		return tx.record(ctx, kind, entity(before), audit.Update, before, after)
	})
	return after, err
}

var _ landscape.RecordsStore = (*Store)(nil)

// recordsLevels is each municipality's records level as its profile stands, for the
// indicators that follow the records scale; a municipality without a profile is absent.
func recordsLevels(ctx context.Context, q querier) (map[string]int, error) {
	rows, err := q.query(ctx, `SELECT municipality_ehak, level FROM records_profiles`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: records levels: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var ehak string
		var level int
		if err := rows.Scan(&ehak, &level); err != nil {
			return nil, err
		}
		out[ehak] = level
	}
	return out, rows.Err()
}
