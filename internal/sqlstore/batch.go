package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// maxBatchParams bounds the bind parameters of one multi-row statement, well under
// SQLite's 32 766 and PostgreSQL's 65 535.
const maxBatchParams = 8192

// execRows runs head, a group of width placeholders per row, then tail, over args (width
// values a row), in as few statements as maxBatchParams allows: a round trip per
// statement rather than per row is what makes writing thousands of rows fast,
// PostgreSQL's above all. A statement carries a power-of-two number of rows, so that
// only a handful of distinct statement texts ever exist and the caches of rebound and
// prepared statements stay small. It returns the rows affected.
func (t *tx) execRows(ctx context.Context, head string, width int, args []any, tail string) (int64, error) {
	if width < 1 || len(args)%width != 0 {
		return 0, fmt.Errorf("sqlstore: %d values are not rows of %d", len(args), width)
	}
	var affected int64
	err := inBatches(ctx, len(args)/width, width, func(from, n int) error {
		res, err := t.exec(ctx, head+" "+groups(n, width)+" "+tail, args[from*width:(from+n)*width]...)
		if err != nil {
			return err
		}
		k, err := res.RowsAffected()
		affected += k
		return err
	})
	return affected, err
}

// inBatches calls run with each statement's share of rows rows of width values, from the
// first: as many as batchRows allows, then halving, so that a statement carries a power
// of two rows. A request that has ended (client gone, deadline, shutdown) stops between
// statements.
func inBatches(ctx context.Context, rows, width int, run func(from, n int) error) error {
	most := batchRows(width)
	for from := 0; from < rows; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := most
		for n > rows-from {
			n /= 2
		}
		if err := run(from, n); err != nil {
			return err
		}
		from += n
	}
	return nil
}

// insertRows is execRows for an INSERT that makes ids: it returns them in the order of
// the rows. A statement gives its rows ascending ids in the order of its VALUES on both
// engines, however RETURNING lists them, so each statement's ids are sorted.
func (t *tx) insertRows(ctx context.Context, head string, width int, args []any) ([]int64, error) {
	if width < 1 || len(args)%width != 0 {
		return nil, fmt.Errorf("sqlstore: %d values are not rows of %d", len(args), width)
	}
	ids := make([]int64, 0, len(args)/width)
	err := inBatches(ctx, len(args)/width, width, func(from, n int) error {
		res, err := t.query(ctx, head+" "+groups(n, width)+" RETURNING id", args[from*width:(from+n)*width]...)
		if err != nil {
			return err
		}
		defer res.Close()
		start := len(ids)
		for res.Next() {
			var id int64
			if err := res.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := res.Err(); err != nil {
			return err
		}
		if len(ids)-start != n {
			return fmt.Errorf("sqlstore: %d ids for %d rows", len(ids)-start, n)
		}
		slices.Sort(ids[start:])
		return nil
	})
	return ids, err
}

// batchRows is the most rows of width values one statement carries: a power of two, so
// that only a handful of distinct statement texts ever exist.
func batchRows(width int) int {
	most := 1
	for most*2*width <= maxBatchParams {
		most *= 2
	}
	return most
}

// groups returns rows groups of width placeholders: (?, ?), (?, ?).
func groups(rows, width int) string {
	return repeatRow("("+strings.Repeat("?, ", width-1)+"?)", rows)
}

// repeatRow returns rows copies of one, comma-separated.
func repeatRow(one string, rows int) string {
	var b strings.Builder
	b.Grow(rows * (len(one) + 2))
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	return b.String()
}
