package notify

import (
	"context"
	"sync"
	"time"
)

// Prompt sends the outbox's immediate mail soon after something is put in it that a
// person is waiting for (an invitation, a forgotten password's link), instead of at the
// mail job's next minute. It is the job's own sender: a mail that fails stays in the
// outbox and the job tries it again. One run at a time; a Wake during a run runs once more.
type Prompt struct {
	Mailer Mailer
	Now    func() time.Time
	// Failed hears of a run that failed (for the log); the job retries what it left.
	Failed func(error)

	mu              sync.Mutex
	running, wanted bool
}

// Wake asks for a run and returns at once.
func (p *Prompt) Wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		p.wanted = true
		return
	}
	p.running = true
	go p.run()
}

func (p *Prompt) run() {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		_, err := p.Mailer.send(ctx, p.Now(), Immediate)
		cancel()
		if err != nil && p.Failed != nil {
			p.Failed(err)
		}
		p.mu.Lock()
		if !p.wanted {
			p.running = false
			p.mu.Unlock()
			return
		}
		p.wanted = false
		p.mu.Unlock()
	}
}
