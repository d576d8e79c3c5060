package sqlstore

import (
	"context"
	"fmt"
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
	most := 1
	for most*2*width <= maxBatchParams {
		most *= 2
	}
	var affected int64
	for rows := len(args) / width; rows > 0; {
		n := most
		for n > rows {
			n /= 2
		}
		res, err := t.exec(ctx, head+" "+groups(n, width)+" "+tail, args[:n*width]...)
		if err != nil {
			return affected, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return affected, err
		}
		affected += k
		args, rows = args[n*width:], rows-n
	}
	return affected, nil
}

// groups returns rows groups of width placeholders: (?, ?), (?, ?).
func groups(rows, width int) string {
	one := "(" + strings.Repeat("?, ", width-1) + "?)"
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
