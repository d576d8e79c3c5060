package server

import "sync"

// Dropper empties the response caches of the handlers it was given to (Options.Dropper)
// when something other than a request through them changes data: a scheduled job, or
// another kovit process on the same PostgreSQL database, which the store hears of. It lets
// cmd/kovit pass the store's news to the server without either adapter knowing the other.
// The zero Dropper is ready to use.
type Dropper struct {
	mu    sync.Mutex
	drops []func()
}

// Drop empties the caches. kinds names the record kinds changed (nil: anything); every
// cached page may show any kind, so all of it goes.
func (d *Dropper) Drop(kinds []string) {
	d.mu.Lock()
	drops := d.drops
	d.mu.Unlock()
	for _, drop := range drops {
		drop()
	}
}

func (d *Dropper) add(drop func()) {
	d.mu.Lock()
	d.drops = append(d.drops, drop)
	d.mu.Unlock()
}
