package monitor

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// settleGoroutines waits until no more than n goroutines run, and reports
// the count and, on failure, every stack.
func settleGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= n {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, %d before: leaked\n%s", got, n, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// iterate ranges over m.Events in a goroutine, reporting each event's kind
// on got; ended is closed when the range statement returns.
func iterate(m *Monitor) (got chan Kind, ended chan struct{}) {
	got, ended = make(chan Kind, 1024), make(chan struct{})
	go func() {
		defer close(ended)
		for ev, err := range m.Events() {
			if err == nil {
				select {
				case got <- ev.Kind:
				default:
				}
			}
		}
	}()
	return got, ended
}

func endsWithin(t *testing.T, ended <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-ended:
	case <-time.After(d):
		t.Fatalf("%s: the Events iteration did not end within %v", what, d)
	}
}

// waitEvent waits for one event on got, so the iteration is known to be
// running (and then blocked waiting for the next).
func waitEvent(t *testing.T, ns nlsock.NetNS, got <-chan Kind) {
	t.Helper()
	nstest.IP(t, ns, "route", "add", "blackhole", nextMarker().String())
	select {
	case <-got:
	case <-time.After(waitEvents):
		t.Fatal("no event")
	}
	time.Sleep(20 * time.Millisecond) // let it reach the wait for the next
}

// TestIntegrationCloseEndsIteration: Close, from another goroutine, ends
// an Events iteration blocked waiting for events, promptly; Close again is
// harmless; an iteration begun after Close ends at once; and no goroutine
// outlives the monitor.
func TestIntegrationCloseEndsIteration(t *testing.T) {
	ns := nstest.New(t)
	base := runtime.NumGoroutine()
	for range 3 { // a leak would add up
		m, err := Start(context.Background(), Options{NetNS: ns})
		if err != nil {
			t.Fatal(err)
		}
		got, ended := iterate(m)
		waitEvent(t, ns, got)
		start := time.Now()
		if err := m.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		endsWithin(t, ended, time.Second, "Close")
		t.Logf("iteration ended %v after Close", time.Since(start).Round(time.Microsecond))
		if err := m.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		for ev, err := range m.Events() {
			t.Errorf("Events after Close yielded %v, %v", ev, err)
		}
	}
	settleGoroutines(t, base)
}

// TestIntegrationCloseInsideIteration: the consumer may Close from within
// its loop body: the iteration then ends at once, without deadlock and
// without delivering the backlog still queued.
func TestIntegrationCloseInsideIteration(t *testing.T) {
	ns := nstest.New(t)
	base := runtime.NumGoroutine()
	m, err := Start(context.Background(), Options{NetNS: ns})
	if err != nil {
		t.Fatal(err)
	}
	script, _ := burst(100)
	nstest.Batch(t, ns, script)
	quiesce(m) // 100 datagrams queued
	done := make(chan int)
	go func() {
		n := 0
		for range m.Events() {
			n++
			m.Close()
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n != 1 {
			t.Errorf("%d events delivered, want 1: Close inside the loop body did not end the iteration", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close inside the loop body deadlocked")
	}
	settleGoroutines(t, base)
}

// TestIntegrationContextCancel: cancelling Start's context ends the stream
// and the reader goroutine even without Close; Close afterwards is fine.
func TestIntegrationContextCancel(t *testing.T) {
	ns := nstest.New(t)
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m, err := Start(ctx, Options{NetNS: ns})
	if err != nil {
		t.Fatal(err)
	}
	got, ended := iterate(m)
	waitEvent(t, ns, got)
	cancel()
	endsWithin(t, ended, time.Second, "context cancel")
	settleGoroutines(t, base) // the reader is gone too
	if err := m.Close(); err != nil {
		t.Errorf("Close after cancel: %v", err)
	}

	// A deadline ends it as well.
	ctx, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	m, err = Start(ctx, Options{NetNS: ns})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	_, ended = iterate(m)
	endsWithin(t, ended, 2*time.Second, "context deadline")
	settleGoroutines(t, base+0)
}

// TestIntegrationStartFails: Start in a namespace that does not exist fails
// and leaves nothing running.
func TestIntegrationStartFails(t *testing.T) {
	nstest.New(t) // skips when not root
	base := runtime.NumGoroutine()
	if _, err := Start(context.Background(), Options{NetNS: nlsock.NetNSName("linx-test-does-not-exist")}); err == nil {
		t.Fatal("Start in a missing namespace succeeded")
	}
	settleGoroutines(t, base)
}
