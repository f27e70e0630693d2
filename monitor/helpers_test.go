package monitor

import (
	"context"
	"fmt"
	"net/netip"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// rec is an event copied out of the monitor: Msg is a Clone of the reused
// value, so it outlives the iteration that produced it.
type rec struct {
	Kind     Kind
	Resource string
	Type     rtnl.MsgType
	Msg      nlwire.Codec
	Reason   string
	Err      error
	Typed    bool // the typed accessor for Resource returned the value
}

func (r rec) String() string {
	switch {
	case r.Err != nil:
		return "error: " + r.Err.Error()
	case r.Kind == Resync:
		return "resync: " + r.Reason
	}
	return fmt.Sprintf("%v %s %v %s", r.Kind, r.Resource, r.Type, describe(r.Msg))
}

// clone deep-copies an event's value.
func clone(c nlwire.Codec) nlwire.Codec {
	switch v := c.(type) {
	case *rtnl.Route:
		x := v.Clone()
		return &x
	case *rtnl.Link:
		x := v.Clone()
		return &x
	case *rtnl.Addr:
		x := v.Clone()
		return &x
	case *rtnl.Neigh:
		x := v.Clone()
		return &x
	case *rtnl.Rule:
		x := v.Clone()
		return &x
	case *rtnl.NexthopObj:
		x := v.Clone()
		return &x
	case nil:
		return nil
	}
	panic(fmt.Sprintf("clone: unexpected %T", c))
}

// typed reports whether the accessor matching ev.Resource returns ev.Msg.
func typed(ev *Event) bool {
	var v nlwire.Codec
	switch ev.Resource {
	case "route":
		v = ev.Route()
	case "link":
		v = ev.Link()
	case "addr":
		v = ev.Addr()
	case "neigh":
		v = ev.Neigh()
	case "rule":
		v = ev.Rule()
	case "nexthop":
		v = ev.Nexthop()
	default:
		return false
	}
	return v == ev.Msg && v != nil
}

func describe(c nlwire.Codec) string {
	switch v := c.(type) {
	case *rtnl.Route:
		return fmt.Sprintf("%v table %d %v type %v", v.Header.Family, route.TargetTable(v), route.Destination(v), v.Header.Type)
	case *rtnl.Link:
		return fmt.Sprintf("%d %s", v.Header.Index, v.IfName)
	case *rtnl.Addr:
		return fmt.Sprintf("%v %v/%d dev %d", v.Header.Family, addrOf(v), v.Header.PrefixLen, v.Header.Index)
	case *rtnl.Neigh:
		return fmt.Sprintf("%v %v dev %d", v.Header.Family, v.Dst, v.Header.Ifindex)
	case *rtnl.Rule:
		return fmt.Sprintf("%v pref %d", v.Header.Family, v.Priority)
	case *rtnl.NexthopObj:
		return fmt.Sprintf("id %d", v.ID)
	}
	return ""
}

func addrOf(a *rtnl.Addr) netip.Addr {
	if a.Has(rtnl.IFA_LOCAL) {
		return a.Local
	}
	return a.Address
}

// pump ranges over m.Events in its own goroutine and hands out copies on an
// unbuffered channel: while the test does not receive, the consumer is
// stalled (the reader goroutine is not). The pump ends when the stream does;
// the test's cleanup closes m and waits for it.
type pump struct {
	t    testing.TB
	m    *Monitor
	ch   chan rec
	done chan struct{}
}

func startPump(t testing.TB, m *Monitor) *pump {
	p := &pump{t: t, m: m, ch: make(chan rec), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer close(p.ch)
		for ev, err := range m.Events() {
			var r rec
			if err != nil {
				r.Err = err
			} else {
				r = rec{Kind: ev.Kind, Resource: ev.Resource, Type: ev.Type, Msg: clone(ev.Msg), Reason: ev.Reason, Typed: typed(ev)}
			}
			select {
			case p.ch <- r:
			case <-m.stop:
				return
			}
		}
	}()
	t.Cleanup(func() {
		m.Close()
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			t.Errorf("pump: Events iteration did not end within 5s of Close")
		}
	})
	return p
}

// next returns the next event, or false when the stream ended or nothing
// came within d.
func (p *pump) next(d time.Duration) (rec, bool) {
	select {
	case r, ok := <-p.ch:
		return r, ok
	case <-time.After(d):
		return rec{}, false
	}
}

// until collects events until match returns true for one (included last).
// It fails the test on a decode error, on the end of the stream and after d.
func (p *pump) until(d time.Duration, what string, match func(rec) bool) []rec {
	p.t.Helper()
	deadline := time.Now().Add(d)
	var got []rec
	for {
		left := time.Until(deadline)
		if left <= 0 {
			p.t.Fatalf("no %s within %v; saw %d events:\n%s", what, d, len(got), fmtRecs(got))
		}
		r, ok := p.next(left)
		if !ok {
			if left = time.Until(deadline); left > 0 {
				p.t.Fatalf("stream ended before %s; saw %d events:\n%s", what, len(got), fmtRecs(got))
			}
			continue
		}
		if r.Err != nil {
			p.t.Fatalf("decode error while waiting for %s: %v", what, r.Err)
		}
		got = append(got, r)
		if match(r) {
			return got
		}
	}
}

func fmtRecs(rs []rec) string {
	var b strings.Builder
	for i, r := range rs {
		if i == 40 {
			fmt.Fprintf(&b, "\t... and %d more\n", len(rs)-i)
			break
		}
		fmt.Fprintf(&b, "\t%v\n", r)
	}
	return b.String()
}

// marker is a route no test creates otherwise: adding it and waiting for its
// event proves every notification caused before it has been seen (the
// kernel queues notifications on the socket synchronously, in order).
var markerSeq struct {
	sync.Mutex
	n int
}

func nextMarker() netip.Prefix {
	markerSeq.Lock()
	defer markerSeq.Unlock()
	markerSeq.n++
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{198, 18, byte(markerSeq.n >> 8), byte(markerSeq.n)}), 32)
}

// isRouteNew matches the RTM_NEWROUTE of dst (any table).
func isRouteNew(dst netip.Prefix) func(rec) bool {
	return func(r rec) bool {
		rt, ok := r.Msg.(*rtnl.Route)
		return ok && r.Kind == New && route.Destination(rt) == dst
	}
}

// ipRun runs `ip -n NS args...`, for goroutines other than the test's (no
// t.Fatal there).
func ipRun(ns nlsock.NetNS, stdin string, args ...string) error {
	cmd := exec.Command("ip", append([]string{"-n", ns.Name()}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%.2000s", strings.Join(cmd.Args, " "), err, out)
	}
	return nil
}

// testCtx is a context bounded by the test's deadline (or d).
func testCtx(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// deliver decodes one datagram's messages and yields them, as Events does
// with each datagram it pops.
func (m *Monitor) deliver(d []byte, yield func(*Event, error) bool) bool {
	ms := nlsock.SplitMessages(d)
	return m.deliverFrom(&ms, yield)
}
