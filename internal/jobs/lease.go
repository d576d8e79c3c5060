package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"time"
)

// defaultLease is how long a run holds its job without renewing.
const defaultLease = time.Minute

func (r *Runner) lease() time.Duration {
	if r.Lease > 0 {
		return r.Lease
	}
	return defaultLease
}

var (
	processOwnerOnce sync.Once
	processOwner     string
)

// owner names this runner in its leases: the host and process make a log readable, and
// the random part keeps two runners apart that share both (tests, a restarted container).
func (r *Runner) owner() string {
	if r.Owner != "" {
		return r.Owner
	}
	processOwnerOnce.Do(func() {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b)
		processOwner = fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
	})
	return processOwner
}

// keepLease renews the run's lease every third of it until ctx ends, and stops the run
// (cancel) when the job turns out to have been taken over. The channel it returns gives,
// once ctx has ended, whether the lease was lost.
func (r *Runner) keepLease(ctx context.Context, cancel context.CancelFunc, name, owner string, started time.Time) <-chan bool {
	lost := make(chan bool, 1)
	lease := r.lease()
	go func() {
		t := time.NewTicker(lease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				lost <- false
				return
			case <-t.C:
			}
			held, err := r.Store.RenewJob(ctx, name, started, Lease{Owner: owner, Until: r.now().Add(lease)})
			if err != nil {
				// A database that does not answer now may by the next renewal; the lease
				// has two more thirds to run.
				if ctx.Err() == nil {
					r.Log.Warn("scheduled job's lease not renewed", "job", name, "err", err)
				}
				continue
			}
			if !held {
				cancel()
				lost <- true
				return
			}
		}
	}()
	return lost
}
