package sqlstore

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Readers that find the copy missing together wait for one load.
func TestKeptSharesOneLoad(t *testing.T) {
	var k kept[int]
	var loads atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	load := func(context.Context, int, bool) (int, error) {
		if loads.Add(1) == 1 {
			close(started)
		}
		<-release
		return 7, nil
	}
	var wg sync.WaitGroup
	got := make([]int, 8)
	get := func(i int) {
		defer wg.Done()
		v, err := k.get(context.Background(), load)
		if err != nil {
			t.Error(err)
		}
		got[i] = v
	}
	wg.Add(1)
	go get(0)
	<-started
	for i := 1; i < len(got); i++ {
		wg.Add(1)
		go get(i)
	}
	time.Sleep(20 * time.Millisecond) // let them reach the load in progress
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads, want 1", n)
	}
	for i, v := range got {
		if v != 7 {
			t.Errorf("reader %d got %d", i, v)
		}
	}
}

// A load that a drop overtook is handed to its reader but not kept, and a reader after the
// drop does not wait for it: it loads anew.
func TestKeptDropDuringLoad(t *testing.T) {
	var k kept[int]
	var loads atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	load := func(context.Context, int, bool) (int, error) {
		n := int(loads.Add(1))
		if n == 1 {
			close(started)
			<-release
		}
		return n, nil
	}
	first := make(chan int)
	go func() {
		v, _ := k.get(context.Background(), load)
		first <- v
	}()
	<-started
	k.drop()
	if v, err := k.get(context.Background(), load); v != 2 || err != nil {
		t.Fatalf("after the drop: %d, %v; want the second load", v, err)
	}
	close(release)
	if v := <-first; v != 1 {
		t.Errorf("the first reader got %d, want its own load", v)
	}
	if v, _ := k.get(context.Background(), load); v != 2 || loads.Load() != 2 {
		t.Errorf("kept %d after %d loads, want 2 after 2: the overtaken load must not be kept", v, loads.Load())
	}
}

// The copy is loaded again once older than cacheTTL, and after a drop; a failed load
// keeps nothing.
func TestKeptExpiresAndDrops(t *testing.T) {
	var k kept[int]
	loads := 0
	fail := false
	load := func(_ context.Context, last int, edited bool) (int, error) {
		if edited {
			t.Error("edited without an edit")
		}
		if fail {
			return 0, errors.New("down")
		}
		loads++
		return last + 1, nil
	}
	for range 2 {
		if v, err := k.get(context.Background(), load); v != 1 || err != nil {
			t.Fatalf("got %d, %v; want the first load", v, err)
		}
	}
	k.mu.Lock()
	k.loadedAt = k.loadedAt.Add(-cacheTTL)
	k.mu.Unlock()
	if v, _ := k.get(context.Background(), load); v != 2 {
		t.Errorf("after %v: %d, want a second load", cacheTTL, v)
	}
	k.drop()
	fail = true
	if _, err := k.get(context.Background(), load); err == nil {
		t.Error("a failed load was not reported")
	}
	fail = false
	if v, _ := k.get(context.Background(), load); v != 3 || loads != 3 {
		t.Errorf("after a drop and a failed load: %d after %d loads, want 3 after 3", v, loads)
	}
}

// An edit in place has the next read bring the edited copy up to date, keeping its age;
// an edit to a copy already dropped or too old is a full load.
func TestKeptEdit(t *testing.T) {
	var k kept[string]
	var edits []bool
	load := func(_ context.Context, last string, edited bool) (string, error) {
		edits = append(edits, edited)
		return last + ".", nil
	}
	k.get(context.Background(), load)
	k.mu.Lock()
	loadedAt := k.loadedAt
	k.mu.Unlock()
	k.edit(func(s string) string { return s + "e" })
	if v, _ := k.get(context.Background(), load); v != ".e." {
		t.Errorf("after an edit: %q, want the edited copy brought up to date", v)
	}
	k.mu.Lock()
	if k.loadedAt != loadedAt {
		t.Errorf("loaded at %v after an edit, want %v still", k.loadedAt, loadedAt)
	}
	k.loadedAt = k.loadedAt.Add(-cacheTTL)
	k.mu.Unlock()
	k.edit(func(s string) string { return s + "e" })
	k.get(context.Background(), load)
	k.drop()
	k.edit(func(s string) string { return s + "x" })
	if v, _ := k.get(context.Background(), load); v != ".e.e.." {
		t.Errorf("after edits to old and dropped copies: %q", v)
	}
	if want := []bool{false, true, false, false}; !slices.Equal(edits, want) {
		t.Errorf("loads told edited %v, want %v", edits, want)
	}
}

// A load that panics fails the readers waiting for it rather than leaving them waiting,
// and the next read loads again; a reader that gives up leaves the load to the others.
func TestKeptPanicAndCancel(t *testing.T) {
	var k kept[int]
	started, release := make(chan struct{}), make(chan struct{})
	panicky := func(context.Context, int, bool) (int, error) {
		close(started)
		<-release
		panic("load")
	}
	go func() {
		defer func() { recover() }()
		k.get(context.Background(), panicky)
	}()
	<-started
	waiter := make(chan error)
	go func() {
		_, err := k.get(context.Background(), panicky)
		waiter <- err
	}()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := k.get(ctx, panicky); !errors.Is(err, context.Canceled) {
		t.Errorf("a reader that gave up: %v", err)
	}
	time.Sleep(50 * time.Millisecond) // let the waiter reach the load in progress
	close(release)
	if err := <-waiter; !errors.Is(err, errLoadPanicked) {
		t.Errorf("a reader waiting for a load that panicked: %v", err)
	}
	if v, err := k.get(context.Background(), func(context.Context, int, bool) (int, error) { return 5, nil }); v != 5 || err != nil {
		t.Errorf("after a panic: %d, %v", v, err)
	}
}

// KeptTrees is how many strategies' trees the store keeps an entry for, for tests.
func (s *Store) KeptTrees() int {
	s.trees.mu.Lock()
	defer s.trees.mu.Unlock()
	return len(s.trees.trees)
}
