package reconcile

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/route"
)

// running starts r.Run and stops it when the test ends, checking that Run
// returns and leaves no goroutine behind.
func running(t *testing.T, r *Reconciler) {
	t.Helper()
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return within 5s of its context ending")
		}
		leakCheck(t, before)
	})
}

// leakCheck fails the test if more goroutines run than before, after
// giving exiting ones a moment.
func leakCheck(t *testing.T, before int) {
	t.Helper()
	var n int
	for range 100 {
		if n = runtime.NumGoroutine(); n <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines after Run returned, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
}

func waitConverged(t *testing.T, r *Reconciler, d time.Duration) {
	t.Helper()
	if err := r.WaitConverged(ctxFor(t, d)); err != nil {
		var b strings.Builder
		for _, st := range r.Statuses() {
			fmt.Fprintf(&b, "%s: %s %v\n", st.Route, st.Status, st.Err)
		}
		t.Fatalf("%v\n%s", err, b.String())
	}
}

func TestIntegrationRunRepairsDrift(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	want := []Desired{
		mustRoute(t, "10.1.0.0/24", "10.0.0.2"),
		mustRoute(t, "10.1.1.0/24", "10.0.0.2"),
		mustRoute(t, "2001:db8:1::/64", "2001:db8::2"),
		mustRoute(t, "2001:db8:2::/64", "2001:db8::2"),
		mustRoute(t, "10.1.2.0/24", "10.0.0.2", route.Table(300)),
		mustRoute(t, "2001:db8:3::/64", "2001:db8::2", route.Table(300)),
	}
	if err := r.Set(want); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	baseline := append(l.routes(t, "-4", "proto", "99"), l.routes(t, "-6", "proto", "99")...)
	restored := func(what string) {
		t.Helper()
		within(t, time.Second, what+" repaired", func() bool {
			got := append(l.routes(t, "-4", "proto", "99"), l.routes(t, "-6", "proto", "99")...)
			return strings.Join(got, "\n") == strings.Join(baseline, "\n")
		})
	}
	l.ip(t, "route", "del", "10.1.0.0/24")
	restored("deleted IPv4 route")
	l.ip(t, "-6", "route", "del", "2001:db8:1::/64")
	restored("deleted IPv6 route")
	l.ip(t, "route", "replace", "10.1.1.0/24", "via", "10.0.0.7", "proto", "99")
	restored("IPv4 gateway change")
	l.ip(t, "-6", "route", "replace", "2001:db8:2::/64", "via", "2001:db8::7", "proto", "99")
	restored("IPv6 gateway change")
	l.ip(t, "route", "add", "10.7.0.0/24", "via", "10.0.0.7", "proto", "99")
	l.ip(t, "-6", "route", "add", "2001:db8:7::/64", "via", "2001:db8::7", "proto", "99")
	restored("extra owned routes")
	// Config{} owns every table: one protocol-filtered dump covers 300 too.
	l.ip(t, "route", "del", "10.1.2.0/24", "table", "300")
	l.ip(t, "route", "add", "10.7.2.0/24", "via", "10.0.0.7", "proto", "99", "table", "300")
	restored("drift in table 300")
	waitConverged(t, r, 2*time.Second)
	st := r.Stats()
	if st.RepairedMissing < 2 || st.RepairedModified < 2 || st.RepairedExtra < 2 {
		t.Errorf("repairs counted: missing %d, modified %d, extra %d; want at least 2 each", st.RepairedMissing, st.RepairedModified, st.RepairedExtra)
	}
}

func TestIntegrationNothingDeletedBeforeSetAndAdoption(t *testing.T) {
	l := newLab(t)
	// Already there, as desired: adopted without a write. Another owned
	// route: kept until the first Set.
	l.ip(t, "route", "add", "10.1.0.0/24", "via", "10.0.0.2", "proto", "99")
	l.ip(t, "route", "add", "10.5.0.0/24", "via", "10.0.0.2", "proto", "99")
	r := l.reconciler(t, Config{})
	if err := r.Upsert(mustRoute(t, "10.1.0.0/24", "10.0.0.2")); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	if n := len(l.routes(t, "-4", "proto", "99")); n != 2 {
		t.Fatalf("%d owned routes before Set, want 2 (nothing deleted)", n)
	}
	if st := r.Stats(); len(st.Writes) != 0 {
		t.Fatalf("writes before Set, for a route that already matched: %v", st.Writes)
	}
	if err := r.Set([]Desired{mustRoute(t, "10.1.0.0/24", "10.0.0.2")}); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, r, 5*time.Second)
	if got := l.routes(t, "-4", "proto", "99"); len(got) != 1 || !strings.Contains(got[0], "10.1.0.0/24") {
		t.Fatalf("after Set: %q", got)
	}
	if st := r.Stats(); st.Writes[WriteCount{Op: OpDelete}] != 1 || st.Writes[WriteCount{Op: OpAdd}] != 0 {
		t.Fatalf("writes: %v; want one delete and no add", st.Writes)
	}
	// Converged and idle: no pass runs without a cause.
	time.Sleep(300 * time.Millisecond) // the notification of our own delete
	before := r.Stats().Passes
	time.Sleep(500 * time.Millisecond)
	if after := r.Stats().Passes; after != before {
		t.Errorf("%d passes in 500 ms of a converged, quiet namespace", after-before)
	}
}

func TestIntegrationLinkDownUpAndBlocked(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	if err := r.Set([]Desired{
		mustRoute(t, "10.1.0.0/24", "10.0.0.2"),
		mustRoute(t, "2001:db8:1::/64", "2001:db8::2"),
	}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	l.ip(t, "link", "set", "va", "down")
	within(t, 2*time.Second, "IPv4 route gone with its link", func() bool { return len(l.routes(t, "-4", "proto", "99")) == 0 })
	l.ip(t, "link", "set", "va", "up")
	// IPv6 addresses go with the link (keep_addr_on_down=0); whoever
	// manages them puts them back, and the address event re-arms the route.
	l.ip(t, "addr", "replace", "2001:db8::1/64", "dev", "va", "nodad")
	within(t, 2*time.Second, "routes back after link up", func() bool {
		return len(l.routes(t, "-4", "proto", "99")) == 1 && len(l.routes(t, "-6", "proto", "99")) == 1
	})
	waitConverged(t, r, 3*time.Second)

	// A route over a link that does not exist yet: Blocked, then installed
	// when the link appears and gets its address.
	d := mustRoute(t, "10.30.0.0/24", "10.3.0.2")
	if err := r.Upsert(d); err != nil {
		t.Fatal(err)
	}
	within(t, 2*time.Second, "route Blocked", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Blocked
	})
	st, _ := r.Status(d.Key())
	if st.Err == nil || st.Attempts == 0 {
		t.Errorf("blocked status without error or attempts: %+v", st)
	}
	time.Sleep(300 * time.Millisecond)
	st2, _ := r.Status(d.Key())
	if st2.Attempts > st.Attempts+3 {
		t.Errorf("blocked route retried in a hot loop: %d attempts in 300ms", st2.Attempts-st.Attempts)
	}
	l.ip(t, "link", "add", "vc", "type", "veth", "peer", "name", "vd")
	l.ip(t, "link", "set", "vc", "up")
	l.ip(t, "link", "set", "vd", "up")
	l.ip(t, "addr", "add", "10.3.0.1/24", "dev", "vc")
	within(t, 2*time.Second, "blocked route installed when its link appeared", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Programmed
	})
	if got := l.routes(t, "-4", "proto", "99"); len(got) != 2 {
		t.Errorf("owned IPv4 routes: %q", got)
	}
}

func TestIntegrationConflictAndTakeOver(t *testing.T) {
	for _, fam := range []string{"-4", "-6"} {
		t.Run(fam, func(t *testing.T) {
			l := newLab(t)
			dst, theirs, ours := "10.1.0.0/24", "10.0.0.9", "10.0.0.2"
			if fam == "-6" {
				dst, theirs, ours = "2001:db8:1::/64", "2001:db8::9", "2001:db8::2"
			}
			l.ip(t, fam, "route", "add", dst, "via", theirs, "proto", "static")
			d := mustRoute(t, dst, ours)
			r := l.reconciler(t, Config{})
			if err := r.Set([]Desired{d}); err != nil {
				t.Fatal(err)
			}
			_, err := r.Apply(ctxFor(t, 5*time.Second))
			if err == nil {
				t.Fatal("apply over a foreign route with the same key succeeded")
			}
			st, _ := r.Status(d.Key())
			if st.Status != Conflict || st.Holder.String() != "static" {
				t.Fatalf("status %s holder %s (%v); want conflict with static", st.Status, st.Holder, st.Err)
			}
			if !strings.Contains(st.Err.Error(), "static") {
				t.Errorf("conflict error does not name the holder: %v", st.Err)
			}
			if got := l.routes(t, fam, "proto", "static"); len(got) != 1 || !strings.Contains(got[0], theirs) {
				t.Fatalf("foreign route touched: %q", got)
			}
			r2 := l.reconciler(t, Config{TakeOver: true})
			if err := r2.Set([]Desired{d}); err != nil {
				t.Fatal(err)
			}
			if p, err := r2.Apply(ctxFor(t, 5*time.Second)); err != nil {
				t.Fatalf("take over: %v\n%s", err, p.String())
			}
			if got := l.routes(t, fam, "proto", "static"); len(got) != 0 {
				t.Errorf("foreign route still there after take-over: %q", got)
			}
			if got := l.routes(t, fam, "proto", "99"); len(got) != 1 || !strings.Contains(got[0], ours) {
				t.Errorf("owned after take-over: %q", got)
			}
			emptyPlan(t, r2)
		})
	}
}
