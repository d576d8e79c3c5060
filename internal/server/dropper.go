package server

import (
	"slices"
	"sync"

	"kovit/internal/notify"
)

// Dropper empties the response caches of the handlers it was given to (Options.Dropper)
// when something other than a request through them changes data: a scheduled job, or
// another kovit process on the same PostgreSQL database, which the store hears of. It lets
// cmd/kovit pass the store's news to the server without either adapter knowing the other.
// The zero Dropper is ready to use.
type Dropper struct {
	mu    sync.Mutex
	drops []dropFunc
}

type dropFunc struct {
	drop func()
	// viewers marks the signed-in viewers' cache, the only one whose pages show
	// notifications.
	viewers bool
}

// Drop empties the caches. kinds names the record kinds changed (nil: anything); every
// cached page may show any kind, so all of it goes, except that new notifications alone
// (a job's reminders) leave the anonymous cache: no public page shows them.
func (d *Dropper) Drop(kinds []string) {
	onlyNotes := len(kinds) > 0 && !slices.ContainsFunc(kinds, func(k string) bool { return k != notify.ChangeKind })
	d.mu.Lock()
	drops := d.drops
	d.mu.Unlock()
	for _, f := range drops {
		if f.viewers || !onlyNotes {
			f.drop()
		}
	}
}

func (d *Dropper) add(drop func(), viewers bool) {
	d.mu.Lock()
	d.drops = append(d.drops, dropFunc{drop, viewers})
	d.mu.Unlock()
}
