package nlsock_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"golang.org/x/sys/unix"
)

// TestIntegrationDumpReadAheadCancel cancels a dump of many datagrams in
// the middle, while the read-ahead goroutine is reading: the dump ends
// with the context's error or completes, never hangs, and the next dump on
// the Conn returns every route.
func TestIntegrationDumpReadAheadCancel(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	var script strings.Builder
	for _, p := range blackholes(5000, 0) {
		fmt.Fprintf(&script, "route add blackhole %s\n", p)
	}
	nstest.Batch(t, ns, script.String())
	c := dial(t, ns)
	req := rtmsg(0, unix.RT_TABLE_MAIN, 0, 0, 0)
	for _, at := range []int{1, 100, 1000, 4000} {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		var last error
		for _, err := range c.Dump(ctx, "RTM_GETROUTE", unix.RTM_GETROUTE, 0, req) {
			if err != nil {
				last = err
				break
			}
			if n++; n == at {
				cancel()
			}
		}
		cancel()
		if last != nil && !errors.Is(last, context.Canceled) {
			t.Fatalf("cancelled at %d: %v", at, last)
		}
		if got := countRoutes(t, c); got != 5000 {
			t.Fatalf("after a dump cancelled at %d: the next dump has %d routes, want 5000", at, got)
		}
	}
}

// TestIntegrationDumpReadAheadPanic panics in a dump loop's body while the
// read-ahead goroutine is reading: the reader stops with the dump, so the
// next dump on the Conn (its reader the only one) returns every route.
func TestIntegrationDumpReadAheadPanic(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	var script strings.Builder
	for _, p := range blackholes(5000, 0) {
		fmt.Fprintf(&script, "route add blackhole %s\n", p)
	}
	nstest.Batch(t, ns, script.String())
	c := dial(t, ns)
	req := rtmsg(0, unix.RT_TABLE_MAIN, 0, 0, 0)
	for _, at := range []int{100, 1000, 4000} {
		func() {
			defer func() {
				if r := recover(); r != "stop" {
					t.Fatalf("recovered %v, want the loop's panic", r)
				}
			}()
			n := 0
			for _, err := range c.Dump(context.Background(), "RTM_GETROUTE", unix.RTM_GETROUTE, 0, req) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == at {
					panic("stop")
				}
			}
		}()
		for range 3 {
			if got := countRoutes(t, c); got != 5000 {
				t.Fatalf("after a dump loop panicked at %d: the next dump has %d routes, want 5000", at, got)
			}
		}
	}
}
