package plan

import (
	"context"
	"time"
)

// AttentionEacher is a store that answers several attention filters at once, as
// CollectAttentionEach does: each item list is what Attention of that filter returns.
type AttentionEacher interface {
	AttentionEach(ctx context.Context, fs []AttentionFilter, now time.Time) ([][]AttentionItem, error)
}
