package monitor

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// newOffline is a Monitor without a socket: the decoders Start sets up, a
// queue of limit bytes, and nothing reading. Tests feed it with q.push.
func newOffline(limit int) *Monitor {
	m := &Monitor{q: newQueue(limit), stop: make(chan struct{}), types: map[uint16]*decoder{}}
	for _, info := range rtnl.Messages {
		if info.NewType != 0 {
			m.types[info.NewType] = &decoder{New, info.Name, rtnl.MsgType(info.NewType), info.Make()}
		}
		if info.DelType != 0 {
			m.types[info.DelType] = &decoder{Del, info.Name, rtnl.MsgType(info.DelType), info.Make()}
		}
	}
	return m
}

// appendMsg appends one netlink message (header and payload) to b, as the
// kernel frames a notification.
func appendMsg(b []byte, typ uint16, payload []byte) []byte {
	b, start := nlsock.BeginMessage(b, typ, 0, 0)
	b = append(b, payload...)
	return nlsock.EndMessage(b, start)
}

// goodRoute is an RTM_NEWROUTE payload for dst in table main.
func goodRoute(dst string) []byte {
	p := netip.MustParsePrefix(dst)
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: uint8(p.Bits()), Table: 254, Protocol: rtnl.RTPROT_STATIC,
		Scope: rtnl.RT_SCOPE_UNIVERSE, Type: rtnl.RTN_UNICAST}
	r.SetDst(p.Addr())
	r.SetTable(254)
	r.SetOIF(2)
	return r.Append(nil)
}

// badRoute is an RTM_NEWROUTE payload whose RTA_DST has 3 bytes, which no
// address family allows, followed by a good RTA_OIF.
func badRoute() []byte {
	b := goodRoute("10.0.0.0/8")[:rtnl.SizeofRtMsg]
	b = append(b, 7, 0, 1, 0, 10, 1, 2, 0) // nla_len 7, RTA_DST, 3 bytes + pad
	return nlwire.AppendU32(b, rtnl.RTA_OIF, 3)
}

type yielded struct {
	ev  rec
	err error
}

func collectDeliver(m *Monitor, d []byte, stopAfter int) (out []yielded, ret bool) {
	ret = m.deliver(d, func(ev *Event, err error) bool {
		y := yielded{err: err}
		if ev != nil {
			y.ev = rec{Kind: ev.Kind, Resource: ev.Resource, Type: ev.Type, Msg: clone(ev.Msg), Reason: ev.Reason}
		}
		out = append(out, y)
		return stopAfter <= 0 || len(out) < stopAfter
	})
	return out, ret
}

// TestDeliverMalformed: a message that fails to decode is delivered as its
// event, decoded in part, with a DecodeError naming the attribute, and the
// messages after it in the same datagram still become events; no Resync.
func TestDeliverMalformed(t *testing.T) {
	m := newOffline(1 << 20)
	var d []byte
	d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), badRoute())
	d = appendMsg(d, 36, []byte{0, 0, 0, 0}) // RTM_NEWQDISC: not in the schema, skipped
	d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16"))
	d = appendMsg(d, uint16(rtnl.RTM_DELROUTE), []byte{2}) // shorter than struct rtmsg
	d = appendMsg(d, uint16(rtnl.RTM_DELROUTE), goodRoute("10.2.0.0/16"))

	out, ret := collectDeliver(m, d, 0)
	if !ret {
		t.Errorf("deliver returned false though yield never did")
	}
	// bad new (with its error), new, bad del (with its error), del
	if len(out) != 4 {
		t.Fatalf("deliver yielded %d times, want 4: %+v", len(out), out)
	}
	var de *nlwire.DecodeError
	if err := out[0].err; err == nil || !errors.As(err, &de) || de.Attr != "RTA_DST" || de.Msg != "route" {
		t.Errorf("first yield: %v, want a DecodeError for route RTA_DST", out[0].err)
	}
	bad, ok := out[0].ev.Msg.(*rtnl.Route)
	if !ok || out[0].ev.Kind != New || out[0].ev.Type != rtnl.RTM_NEWROUTE || out[0].ev.Resource != "route" {
		t.Fatalf("first yield: event %v, want the new route, decoded in part", out[0].ev)
	}
	if bad.OIF != 3 || !bad.Has(rtnl.RTA_OIF) || bad.Has(rtnl.RTA_DST) || len(bad.Unknown) != 8 {
		t.Errorf("bad route decoded as oif %d (has %v), dst present %v, %d unknown bytes; want oif 3, no dst, the 8 raw bytes of RTA_DST kept",
			bad.OIF, bad.Has(rtnl.RTA_OIF), bad.Has(rtnl.RTA_DST), len(bad.Unknown))
	}
	r, ok := out[1].ev.Msg.(*rtnl.Route)
	if out[1].err != nil || !ok || out[1].ev.Kind != New || out[1].ev.Type != rtnl.RTM_NEWROUTE || out[1].ev.Resource != "route" {
		t.Fatalf("second yield: %v %v, want a new route event", out[1].ev, out[1].err)
	}
	if got := netip.PrefixFrom(r.Dst, int(r.Header.DstLen)); got.String() != "10.1.0.0/16" || r.OIF != 2 {
		t.Errorf("good route decoded as %v oif %d", got, r.OIF)
	}
	if !errors.As(out[2].err, &de) || de.Attr != "" || out[2].ev.Kind != Del || out[2].ev.Type != rtnl.RTM_DELROUTE {
		t.Errorf("third yield: %v %v, want the short RTM_DELROUTE with a header DecodeError", out[2].ev, out[2].err)
	}
	if out[3].err != nil || out[3].ev.Kind != Del || out[3].ev.Type != rtnl.RTM_DELROUTE {
		t.Errorf("fourth yield: %v %v, want a del route event", out[3].ev, out[3].err)
	}
	for _, y := range out {
		if y.ev.Kind == Resync {
			t.Errorf("a Resync was yielded: %v", y.ev)
		}
	}
}

// TestDeliverTruncatedDatagram: a datagram whose last message runs past its
// end yields the messages before it, then the framing error.
func TestDeliverTruncatedDatagram(t *testing.T) {
	m := newOffline(1 << 20)
	d := appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16"))
	d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.2.0.0/16"))
	d = d[:len(d)-5]
	out, _ := collectDeliver(m, d, 0)
	if len(out) != 2 || out[0].err != nil || out[1].err == nil || !errors.Is(out[1].err, nlsock.ErrTruncated) {
		t.Fatalf("got %+v, want one event then a truncation error", out)
	}
}

// TestDeliverStops: deliver stops as soon as yield returns false.
func TestDeliverStops(t *testing.T) {
	m := newOffline(1 << 20)
	d := appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), badRoute())
	d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16"))
	d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), badRoute())
	for stop := 1; stop <= 3; stop++ {
		out, ret := collectDeliver(m, d, stop)
		if ret || len(out) != stop {
			t.Errorf("yield false after %d: deliver returned %v after %d yields", stop, ret, len(out))
		}
	}
}

// TestEventsResumeAfterBreak: breaking out of Events and ranging again
// resumes where it stopped, also in the middle of a datagram that carries
// several messages.
func TestEventsResumeAfterBreak(t *testing.T) {
	m := newOffline(1 << 20)
	var d []byte
	for _, dst := range []string{"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"} {
		d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), goodRoute(dst))
	}
	m.q.push(d)
	m.q.push(appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.4.0.0/16")))
	m.q.finish(nil)
	var got []string
	for range 10 {
		n := 0
		for ev, err := range m.Events() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, describe(ev.Msg))
			n++
			break
		}
		if n == 0 {
			break
		}
	}
	want := []string{"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"}
	if len(got) != len(want) {
		t.Fatalf("ranging with a break after each event saw %d events, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("event %d: %s, want %s", i, got[i], want[i])
		}
	}
}

// TestQueueBoundsMemory: the queue's byte budget bounds the memory it
// holds (buffer capacity), not just the bytes of the datagrams: a burst of
// small notifications must not pin a large buffer each.
func TestQueueBoundsMemory(t *testing.T) {
	const limit = 64 << 10
	q := newQueue(limit)
	small := appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16"))
	for i := range 10000 {
		q.push(small)
		held := 0
		for _, b := range q.items {
			held += cap(b)
		}
		if held > limit {
			t.Fatalf("after %d pushes of %d bytes the queue holds %d bytes of buffers, limit %d", i+1, len(small), held, limit)
		}
	}
	if q.collapsed == 0 || q.resync == "" {
		t.Errorf("10000 pushes of %d bytes into %d: collapsed %d, resync %q", len(small), limit, q.collapsed, q.resync)
	}
}

// TestQueueOrder: datagrams come out in order; a collapse drops what was
// queued before it and reports it first; what came after it follows.
func TestQueueOrder(t *testing.T) {
	q := newQueue(1 << 10)
	stop := make(chan struct{})
	pop := func() (string, string, bool) {
		d, reason, ok, _ := q.pop(nil, stop)
		return string(d), reason, ok
	}
	q.push([]byte("a"))
	q.push([]byte("b"))
	if d, _, _ := pop(); d != "a" {
		t.Fatalf("pop = %q, want a", d)
	}
	q.push([]byte("c"))
	for _, want := range []string{"b", "c"} {
		if d, r, ok := pop(); d != want || r != "" || !ok {
			t.Fatalf("pop = %q %q %v, want %q", d, r, ok, want)
		}
	}
	q.push([]byte("dropped"))
	q.overrun()
	q.push([]byte("kept"))
	if _, r, ok := pop(); !ok || !strings.Contains(r, "ENOBUFS") {
		t.Fatalf("pop after an overrun: reason %q, want the ENOBUFS resync", r)
	}
	if d, _, _ := pop(); d != "kept" {
		t.Fatalf("pop after the resync = %q, want kept", d)
	}
	big := make([]byte, 2<<10)
	q.push(big) // larger than the whole queue: dropped, reported
	if _, r, _ := pop(); !strings.Contains(r, "queue") {
		t.Fatalf("a datagram larger than the queue: reason %q, want a queue resync", r)
	}
	q.finish(errors.New("boom"))
	if _, _, ok, err := q.pop(nil, stop); ok || err == nil {
		t.Fatalf("pop after finish: ok %v err %v", ok, err)
	}
	if q.overruns != 1 || q.collapsed != 1 || q.resyncs != 2 {
		t.Errorf("counters: overruns %d collapsed %d resyncs %d", q.overruns, q.collapsed, q.resyncs)
	}
}

// TestQueueDrainIsLinear: popping a full queue of small datagrams takes time
// proportional to their number (a pop must not shift the whole backlog).
func TestQueueDrainIsLinear(t *testing.T) {
	small := appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16"))
	drain := func(n int) time.Duration {
		q := newQueue(n * 1024)
		for range n {
			q.push(small)
		}
		stop := make(chan struct{})
		start := time.Now()
		var d []byte
		for range n {
			d, _, _, _ = q.pop(d, stop)
		}
		return time.Since(start)
	}
	drain(1000) // warm up
	best := func(n int) time.Duration {
		b := time.Duration(1 << 62)
		for range 3 {
			b = min(b, drain(n))
		}
		return b
	}
	small1, large := best(2000), best(20000)
	t.Logf("drain 2k: %v, 20k: %v", small1, large)
	// Linear: ~10x. Quadratic: ~100x. Allow noise on a shared machine.
	if large > 40*small1 && large > 50*time.Millisecond {
		t.Errorf("draining 10x more datagrams took %.0fx longer (%v vs %v): pop is not O(1)", float64(large)/float64(small1), large, small1)
	}
}

// TestDefaultGroups: the schema's default groups are the ones the design
// names (links, neighbours, IPv4/IPv6 addresses, routes, rules), in
// numeric order, without nexthop objects, MPLS routes or IPv6 ifinfo.
func TestDefaultGroups(t *testing.T) {
	want := []rtnl.Group{rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE,
		rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV6_ROUTE, rtnl.RTNLGRP_IPV6_RULE}
	if !slices.Equal(DefaultGroups, want) {
		t.Errorf("DefaultGroups = %v, want %v", DefaultGroups, want)
	}
}

// TestPending: inside the Events loop, Pending says whether more is ready
// without waiting — the rest of the datagram, then the queue — and is false
// at the last event.
func TestPending(t *testing.T) {
	m := newOffline(1 << 20)
	var d []byte
	for _, dst := range []string{"10.1.0.0/16", "10.2.0.0/16"} {
		d = appendMsg(d, uint16(rtnl.RTM_NEWROUTE), goodRoute(dst))
	}
	m.q.push(d)
	m.q.push(appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.3.0.0/16")))
	var got []bool
	for _, err := range m.Events() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.Pending())
		if len(got) == 3 {
			break
		}
	}
	if want := []bool{true, true, false}; !slices.Equal(got, want) {
		t.Fatalf("Pending at each event: %v, want %v", got, want)
	}
}

// TestQueueSteadyStateAllocs: once its buffers exist, a queue that fills
// with notifications of mixed sizes and drains again allocates nothing.
func TestQueueSteadyStateAllocs(t *testing.T) {
	q := newQueue(1 << 20)
	var ds [][]byte
	for i, dst := range []string{"10.1.0.0/16", "2001:db8::/64", "10.2.3.0/24"} {
		d := appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute(dst))
		ds = append(ds, append(d, make([]byte, 40*i)...))
	}
	stop := make(chan struct{})
	var prev []byte
	burst := func() {
		for i := range 3000 {
			q.push(ds[i%len(ds)])
		}
		for range 3000 {
			prev, _, _, _ = q.pop(prev, stop)
		}
	}
	burst()
	if n := testing.AllocsPerRun(5, burst); n != 0 {
		t.Fatalf("%v allocations per burst of 3000 datagrams after the first", n)
	}
}

// TestTruncatedIsResync: a notification cut by the read buffer is lost, so
// what is queued collapses into a Resync naming why, as after ENOBUFS.
func TestTruncatedIsResync(t *testing.T) {
	m := newOffline(1 << 20)
	m.q.push(appendMsg(nil, uint16(rtnl.RTM_NEWROUTE), goodRoute("10.1.0.0/16")))
	m.q.truncated(fmt.Errorf("datagram of 70000 bytes truncated to 65536: %w", nlsock.ErrTruncated))
	m.q.finish(nil)
	var kinds []Kind
	var reason string
	for ev, err := range m.Events() {
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, ev.Kind)
		reason = ev.Reason
	}
	if len(kinds) != 1 || kinds[0] != Resync || !strings.Contains(reason, "longer than the read buffer") {
		t.Fatalf("events %v (reason %q), want one Resync for the cut notification", kinds, reason)
	}
}
