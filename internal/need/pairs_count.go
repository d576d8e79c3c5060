package need

import "context"

// DuplicateCounter counts the queued pairs a read rule lets its reader see, without
// listing them: the navigation shows the count on every page a coordinator opens.
type DuplicateCounter interface {
	QueuedDuplicateCount(ctx context.Context, may ReadRule) (int, error)
}

// CountQueued is how many of q's queued pairs may shows whole: through q's own count
// when it keeps one, else by listing them.
func CountQueued(ctx context.Context, q DuplicateQueue, may ReadRule) (int, error) {
	if c, ok := q.(DuplicateCounter); ok {
		return c.QueuedDuplicateCount(ctx, may)
	}
	pairs, err := q.SuggestedDuplicates(ctx)
	n := 0
	for _, p := range pairs {
		if may.Allows(p.A) && may.Allows(p.B) {
			n++
		}
	}
	return n, err
}
