package sqlstore

import (
	"context"
	"errors"
	"sync"
	"time"
)

// cacheTTL is a safety net only. The store's own writes drop copies at once, and on
// PostgreSQL every other process's writes do too, through the change feed (Listen): a
// lost feed drops everything when it is back, and every copy again at each attempt to
// get it back. A copy older than this is read again all the same, so whatever slipped
// past all that shows within a minute.
const cacheTTL = time.Minute

// kept is an in-memory copy of something read from the database, shared by every reader
// until a committed change drops it (see dropCopies) or it grows older than cacheTTL.
// Readers that find it missing or old at the same moment wait for one load rather than
// each reading it, and a load that a drop or an edit overtook is handed to the readers
// that waited for it but not kept, so it cannot bring back what the change replaced.
//
// A new cache gets a byte cap, but these copies need none: each is bounded by the data it
// copies, which is small and kept whole (the 79 municipalities, a cell per municipality
// and service, a tree per strategy, every need), so its size is the database's. A module
// whose copy could grow by what requests ask for, not by what is stored, caps it.
//
// The zero kept is empty and ready to use.
type kept[T any] struct {
	mu       sync.Mutex
	gen      uint64 // counts drops and edits, so a load that raced one is not kept
	value    T
	loadedAt time.Time // zero until the first load
	dropped  bool      // value is out of date: load anew
	edited   bool      // value was edited in place (edit): bring it up to date
	loading  *keptLoad[T]
}

// keptLoad is one load in progress, which readers of the same generation wait for.
type keptLoad[T any] struct {
	gen   uint64
	done  chan struct{}
	value T
	err   error
}

// loadFunc reads a kept copy. last is the copy kept so far (the zero T before the first
// load), handed over even when dropped, so a load can reuse what did not change. When
// edited is true, last is younger than cacheTTL and out of date only by its edits in
// place, and the load may just read those again: the copy keeps last's load time, as the
// rest of it is as old as it was.
type loadFunc[T any] func(ctx context.Context, last T, edited bool) (T, error)

var errLoadPanicked = errors.New("sqlstore: loading a kept copy panicked")

// get returns the copy, loading it first when it is missing, dropped, edited or old.
func (k *kept[T]) get(ctx context.Context, load loadFunc[T]) (T, error) {
	k.mu.Lock()
	if !k.loadedAt.IsZero() && !k.dropped && !k.edited && time.Since(k.loadedAt) < cacheTTL {
		v := k.value
		k.mu.Unlock()
		return v, nil
	}
	// A load that began before the latest drop or edit is not shared: a writer reading
	// its own change must not get what was read before it.
	if l := k.loading; l != nil && l.gen == k.gen {
		k.mu.Unlock()
		select {
		case <-l.done:
			return l.value, l.err
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	}
	l := &keptLoad[T]{gen: k.gen, done: make(chan struct{}), err: errLoadPanicked}
	k.loading = l
	last, edited, loadedAt := k.value, k.edited && !k.dropped && time.Since(k.loadedAt) < cacheTTL, k.loadedAt
	k.mu.Unlock()
	if !edited {
		loadedAt = time.Now() // the copy is as old as the moment its read began
	}
	defer func() {
		k.mu.Lock()
		if k.loading == l {
			k.loading = nil
		}
		if l.err == nil && k.gen == l.gen {
			k.value, k.loadedAt, k.dropped, k.edited = l.value, loadedAt, false, false
		}
		k.mu.Unlock()
		close(l.done)
	}()
	// The load is shared, so one reader giving up must not fail it for the others.
	l.value, l.err = load(context.WithoutCancel(ctx), last, edited)
	return l.value, l.err
}

// drop marks the copy out of date; the next get loads it anew. The old copy stays until
// then, for a load that reuses part of it.
func (k *kept[T]) drop() {
	k.mu.Lock()
	k.gen++
	k.dropped = true
	k.mu.Unlock()
}

// edit changes the kept copy in place with fn, when there is one, and has the next get
// bring it up to date (loadFunc's edited) rather than load it anew.
func (k *kept[T]) edit(fn func(T) T) {
	k.mu.Lock()
	k.gen++
	if !k.loadedAt.IsZero() && !k.dropped {
		k.value, k.edited = fn(k.value), true
	}
	k.mu.Unlock()
}

// empty reports whether nothing was ever loaded and nothing is loading.
func (k *kept[T]) empty() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.loadedAt.IsZero() && k.loading == nil
}
