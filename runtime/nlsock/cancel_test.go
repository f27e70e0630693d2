package nlsock_test

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// replaceReq replaces the blackhole route 10.9.9.9/32.
var replaceReq = route(netip.MustParsePrefix("10.9.9.9/32"), netip.Addr{}, unix.RTN_BLACKHOLE)

// replaceRoute is one acknowledged request.
func replaceRoute(ctx context.Context, c *nlsock.Conn) error {
	return c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, unix.NLM_F_CREATE|unix.NLM_F_REPLACE, replaceReq)
}

// TestIntegrationContextHookReused checks that requests made under one
// cancellable context do not each pay for a cancellation hook.
func TestIntegrationContextHookReused(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var err error
	run := func() {
		if e := replaceRoute(ctx, c); e != nil && err == nil {
			err = e
		}
	}
	run()
	allocs := testing.AllocsPerRun(50, run)
	if err != nil {
		t.Fatal(err)
	}
	if allocs != 0 {
		t.Fatalf("%v allocations per request under a reused cancellable context, want 0", allocs)
	}
}

// TestIntegrationContextHookSwitch checks the kept hook against a change of
// context: a context cancelled after its operation ended must not cut the
// next operation short, and a kept hook must still wake a blocked read.
func TestIntegrationContextHookSwitch(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	if err := c.JoinGroup(unix.RTNLGRP_LINK); err != nil {
		t.Fatal(err)
	}

	// A's hook is kept after its request; A is cancelled between
	// operations, so the hook fires with nothing in progress.
	a, cancelA := context.WithCancel(context.Background())
	if err := replaceRoute(a, c); err != nil {
		t.Fatal(err)
	}
	cancelA()
	time.Sleep(10 * time.Millisecond) // let the hook run
	if err := replaceRoute(a, c); !errors.Is(err, context.Canceled) {
		t.Fatalf("request under a cancelled context: %v", err)
	}
	// B must wait for its own deadline, not fail at once on A's.
	b, cancelB := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancelB()
	start := time.Now()
	_, err := c.Receive(b)
	if el := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || el < 90*time.Millisecond {
		t.Fatalf("receive under a fresh context: %v after %v", err, el)
	}

	// D's hook, registered by a request, wakes a later blocked Receive.
	d, cancelD := context.WithCancel(context.Background())
	if err := replaceRoute(d, c); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(30*time.Millisecond, cancelD)
	start = time.Now()
	_, err = c.Receive(d)
	if el := time.Since(start); !errors.Is(err, context.Canceled) || el > 500*time.Millisecond {
		t.Fatalf("cancel through a kept hook: %v after %v", err, el)
	}
	// And the Conn goes on under a context that never ends.
	if err := replaceRoute(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}
