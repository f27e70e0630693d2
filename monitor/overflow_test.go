package monitor

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// burstSize is how many routes a burst adds: far more notifications than a
// small receive buffer or queue holds.
const burstSize = 5000

// burst returns an `ip -batch` script adding n blackhole /24s and the
// prefixes it adds.
func burst(n int) (string, []netip.Prefix) {
	var b strings.Builder
	dsts := make([]netip.Prefix, n)
	for i := range n {
		dsts[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}), 24)
		fmt.Fprintf(&b, "route add blackhole %v\n", dsts[i])
	}
	return b.String(), dsts
}

// waitFor reads events until one matches or d passes; it never fails the
// test.
func (p *pump) waitFor(d time.Duration, match func(rec) bool) (evs []rec, matched bool) {
	deadline := time.Now().Add(d)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return evs, false
		}
		r, ok := p.next(left)
		if !ok {
			return evs, false
		}
		evs = append(evs, r)
		if match(r) {
			return evs, true
		}
	}
}

// syncLossy is fixture.sync for a monitor that may lose notifications: it
// adds marker routes until one is seen, returning everything read before.
func syncLossy(t *testing.T, p *pump, ns nlsock.NetNS) []rec {
	t.Helper()
	var all []rec
	for range 5 {
		mk := nextMarker()
		nstest.IP(t, ns, "route", "add", "blackhole", mk.String())
		evs, ok := p.waitFor(waitEvents, isRouteNew(mk))
		if ok {
			return append(all, evs[:len(evs)-1]...)
		}
		all = append(all, evs...)
	}
	t.Fatalf("no marker route seen after 5 tries; %d events:\n%s", len(all), fmtRecs(all))
	return nil
}

// quiesce waits until the reader goroutine has emptied the socket: the
// queue and the loss counters stop changing.
func quiesce(m *Monitor) {
	type snap struct {
		n, bytes int
		st       Stats
	}
	get := func() snap {
		m.q.mu.Lock()
		defer m.q.mu.Unlock()
		return snap{len(m.q.items), m.q.bytes, Stats{m.q.resyncs, m.q.overruns, m.q.collapsed}}
	}
	last, since := get(), time.Now()
	for time.Since(since) < 300*time.Millisecond {
		time.Sleep(20 * time.Millisecond)
		if s := get(); s != last {
			last, since = s, time.Now()
		}
	}
}

func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// kernelSocket reads what the kernel says about the monitor's socket:
// its receive buffer (ss's skmem rb) and how many notifications it dropped
// (/proc/net/netlink Drops). ok is false when the tools are missing or the
// socket was not found.
func kernelSocket(t *testing.T, ns nlsock.NetNS, port uint32) (rb, drops int, ok bool) {
	out, err := exec.Command("ip", "netns", "exec", ns.Name(), "cat", "/proc/net/netlink").Output()
	if err != nil {
		return 0, 0, false
	}
	found := false
	for _, line := range strings.Split(string(out), "\n") {
		// sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
		f := strings.Fields(line)
		if len(f) >= 10 && f[1] == "0" && f[2] == strconv.FormatUint(uint64(port), 10) {
			drops, _ = strconv.Atoi(f[8])
			found = true
		}
	}
	out, err = exec.Command("ip", "netns", "exec", ns.Name(), "ss", "-f", "netlink", "-a", "-m").Output()
	if err != nil || !found {
		return 0, drops, false
	}
	re := regexp.MustCompile(`rb(\d+)`)
	lines := strings.Split(string(out), "\n")
	for i, line := range lines {
		if !strings.Contains(line, " rtnl:") || !strings.Contains(line, "/"+strconv.FormatUint(uint64(port), 10)+" ") {
			continue
		}
		s := line
		if i+1 < len(lines) {
			s += lines[i+1] // skmem may wrap
		}
		if m := re.FindStringSubmatch(s); m != nil {
			rb, _ = strconv.Atoi(m[1])
			return rb, drops, true
		}
	}
	return 0, drops, false
}

// checkKernelRoutes compares the kernel's IPv4 blackhole routes, through
// route.List and through `ip -j route show`, with want.
func checkKernelRoutes(t *testing.T, ns nlsock.NetNS, want []netip.Prefix) {
	t.Helper()
	c, err := route.Open(route.InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rs, err := c.ListFull(testCtx(t, time.Minute), route.Filter{Family: rtnl.AF_INET, Type: rtnl.RTN_BLACKHOLE})
	if err != nil {
		t.Fatalf("route.List: %v", err)
	}
	var got []netip.Prefix
	for i := range rs {
		got = append(got, route.Destination(&rs[i]))
	}
	var js []struct{ Dst, Type string }
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, "-j", "-4", "route", "show", "table", "all", "type", "blackhole")), &js); err != nil {
		t.Fatalf("ip -j route show: %v", err)
	}
	var ipGot []netip.Prefix
	for _, r := range js {
		p, err := netip.ParsePrefix(r.Dst)
		if err != nil {
			p = netip.PrefixFrom(netip.MustParseAddr(r.Dst), 32)
		}
		ipGot = append(ipGot, p)
	}
	cmp := func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) }
	want = slices.Clone(want)
	for _, s := range [][]netip.Prefix{got, ipGot, want} {
		slices.SortFunc(s, cmp)
	}
	if !slices.Equal(got, want) {
		t.Errorf("route.List after the burst: %d routes, want %d", len(got), len(want))
	}
	if !slices.Equal(ipGot, want) {
		t.Errorf("ip route show after the burst: %d routes, want %d", len(ipGot), len(want))
	}
}

// TestIntegrationOverflowStalled: a burst while the consumer does not read
// ends in a Resync, with the queue's memory bounded, the reader never
// blocked, and the kernel's state readable afterwards.
func TestIntegrationOverflowStalled(t *testing.T) {
	v6 := func(i int) netip.Prefix {
		return netip.PrefixFrom(netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, byte(i >> 8), byte(i)}), 48)
	}
	for _, tc := range []struct {
		name string
		opts Options
		// starve holds the reader goroutine off during the burst, as a
		// descheduled process would be: the socket buffer alone must
		// absorb the burst, and cannot.
		starve bool
		// flush: the burst is one `ip link del` whose link carries
		// burstSize IPv6 routes: the kernel emits every RTM_DELROUTE
		// within that one syscall.
		flush bool
		// lost says which counter must show the loss; nil: loss is
		// allowed but not required.
		lost func(Stats) uint64
	}{
		// The kernel drops: 4 KiB of socket buffer hold a few
		// notifications, and the reader cannot run.
		{name: "receive-buffer", opts: Options{ReceiveBuffer: 4096}, starve: true, lost: func(s Stats) uint64 { return s.Overruns }},
		// The kernel drops, reader running: thousands of notifications
		// from one syscall overrun 4 KiB before the reader wakes up.
		{name: "receive-buffer-flush", opts: Options{ReceiveBuffer: 4096}, flush: true, lost: func(s Stats) uint64 { return s.Overruns }},
		// The queue collapses: the socket buffer holds the whole burst, the
		// queue 16 KiB.
		{name: "queue", opts: Options{ReceiveBuffer: 16 << 20, QueueBytes: 16 << 10}, lost: func(s Stats) uint64 { return s.Collapsed }},
		// A queue near the burst's bytes on the wire, small next to the
		// heap: memory must stay bounded by QueueBytes whether it
		// collapses or not.
		{name: "queue-memory", opts: Options{ReceiveBuffer: 16 << 20, QueueBytes: 256 << 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := nstest.New(t)
			ctx := testCtx(t, 2*time.Minute)
			script, dsts := burst(burstSize)
			if tc.flush {
				nstest.Veth(t, ns, "ta", "tb")
				var b strings.Builder
				for i := range burstSize {
					fmt.Fprintf(&b, "route add %v dev ta\n", v6(i))
				}
				nstest.Batch(t, ns, b.String())
				dsts = nil // the flush leaves no route behind
			}
			tc.opts.NetNS = ns
			tc.opts.Groups = []rtnl.Group{rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE}
			m, err := Start(ctx, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			granted := m.ReceiveBuffer()
			// SO_RCVBUF reads back twice what was asked (the kernel's
			// bookkeeping share), at least its minimum.
			if granted < tc.opts.ReceiveBuffer || granted > 2*tc.opts.ReceiveBuffer+4096 {
				t.Errorf("ReceiveBuffer() = %d for %d asked", granted, tc.opts.ReceiveBuffer)
			}
			if rb, _, ok := kernelSocket(t, ns, m.conn.PortID()); ok && rb != granted {
				t.Errorf("ReceiveBuffer() = %d, the kernel says rb%d", granted, rb)
			} else if !ok {
				t.Logf("could not read the socket's rb from ss; skipped that cross-check")
			}

			before := heapInuse()
			start := time.Now()
			if tc.starve {
				m.q.mu.Lock() // the reader blocks in its next push
			}
			// The consumer is not reading.
			if tc.flush {
				nstest.IP(t, ns, "link", "del", "ta")
			} else {
				nstest.Batch(t, ns, script)
			}
			if tc.starve {
				m.q.mu.Unlock()
			}
			took := time.Since(start)
			quiesce(m)
			after := heapInuse()
			st := m.Stats()
			_, drops, _ := kernelSocket(t, ns, m.conn.PortID())
			t.Logf("granted %d; burst of %d took %v; heap in use %d -> %d KiB; %+v; kernel drops %d",
				granted, burstSize, took.Round(time.Millisecond), before>>10, after>>10, st, drops)

			// Memory: the queue's budget, plus the recycled buffers and
			// the socket's read buffer, plus slack for the runtime.
			const slack = 4 << 20
			queue := tc.opts.QueueBytes
			if queue == 0 {
				queue = DefaultQueueBytes
			}
			if after > before && after-before > uint64(queue+slack) {
				t.Errorf("heap grew by %d KiB while stalled; QueueBytes is %d KiB", (after-before)>>10, queue>>10)
			}
			if tc.lost != nil {
				if st.Resyncs < 1 {
					t.Errorf("Stats %+v: no resync after a burst of %d", st, burstSize)
				}
				if tc.lost(st) == 0 {
					t.Errorf("Stats %+v: the expected loss counter is 0", st)
				}
			}
			if st.Overruns > 0 && drops == 0 {
				t.Errorf("Stats.Overruns %d, but /proc/net/netlink shows no drops", st.Overruns)
			}
			if drops > 0 && st.Overruns == 0 {
				t.Errorf("the kernel dropped %d notifications, Stats.Overruns is 0", drops)
			}

			// Now read: a Resync comes first (it subsumes what was queued
			// before the loss).
			p := startPump(t, m)
			first, ok := p.next(waitEvents)
			if !ok {
				t.Fatal("no event after the burst")
			}
			if tc.lost != nil {
				if first.Kind != Resync || first.Reason == "" {
					t.Fatalf("first event after the overflow is %v, want a Resync with a reason", first)
				}
				t.Logf("resync reason: %s", first.Reason)
			}
			// Read on (a consumer would re-list here): the marker shows the
			// stream is live again. Without a Resync, every route must
			// have come.
			evs := append([]rec{first}, syncLossy(t, p, ns)...)
			n, resyncs := 0, 0
			for _, r := range evs {
				switch {
				case r.Err != nil:
					t.Errorf("decode error: %v", r.Err)
				case r.Kind == Resync:
					resyncs++
				case r.Resource == "route":
					n++
				}
			}
			t.Logf("read %d route events and %d resyncs after the burst", n, resyncs)
			if resyncs == 0 && n < burstSize {
				t.Errorf("silent loss: no Resync, yet %d of %d route events", n, burstSize)
			}
			if uint64(resyncs) != st.Resyncs {
				t.Errorf("%d Resync events, Stats.Resyncs %d", resyncs, st.Resyncs)
			}
			// The consumer's re-list: the kernel's state, whatever was lost.
			checkKernelRoutes(t, ns, append(dsts, markers(t, ns)...))
			if tc.flush {
				c, err := route.Open(route.InNamespace(ns))
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				rs, err := c.ListFull(ctx, route.Filter{Family: rtnl.AF_INET6, Table: rtnl.Table(254)})
				if err != nil {
					t.Fatal(err)
				}
				for i := range rs {
					if d := route.Destination(&rs[i]); netip.MustParsePrefix("2001:db8::/32").Overlaps(d) {
						t.Errorf("route %v survived the link's deletion", d)
						break
					}
				}
			}
		})
	}
}

// markers are the marker routes a test added (198.18.0.0/15 blackholes).
func markers(t *testing.T, ns nlsock.NetNS) []netip.Prefix {
	var js []struct{ Dst string }
	json.Unmarshal([]byte(nstest.IP(t, ns, "-j", "-4", "route", "show", "type", "blackhole", "root", "198.18.0.0/15")), &js)
	var out []netip.Prefix
	for _, r := range js {
		out = append(out, netip.PrefixFrom(netip.MustParseAddr(r.Dst), 32))
	}
	return out
}

// TestIntegrationOverflowConcurrent: a consumer that keeps reading during a
// burst sees every notification, or a Resync: never silent loss.
func TestIntegrationOverflowConcurrent(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"default", Options{}},
		{"small-receive-buffer", Options{ReceiveBuffer: 4096}},
		{"small-queue", Options{QueueBytes: 8 << 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := nstest.New(t)
			ctx := testCtx(t, 2*time.Minute)
			tc.opts.NetNS = ns
			tc.opts.Groups = []rtnl.Group{rtnl.RTNLGRP_IPV4_ROUTE}
			m, err := Start(ctx, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			p := startPump(t, m)
			script, dsts := burst(burstSize)
			inBurst := make(map[netip.Prefix]bool, len(dsts))
			for _, d := range dsts {
				inBurst[d] = true
			}
			done := make(chan error, 1)
			go func() { done <- ipRun(ns, script, "-batch", "-") }()

			seen := make(map[netip.Prefix]bool, len(dsts))
			resyncs := 0
			count := func(r rec) {
				switch {
				case r.Err != nil:
					t.Errorf("decode error: %v", r.Err)
				case r.Kind == Resync:
					resyncs++
				case r.Kind == New && r.Resource == "route":
					d := route.Destination(r.Msg.(*rtnl.Route))
					if !inBurst[d] {
						return
					}
					if seen[d] {
						t.Errorf("route %v reported twice", d)
					}
					seen[d] = true
				}
			}
			for running := true; running; {
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
					running = false
				case r, ok := <-p.ch:
					if !ok {
						t.Fatal("stream ended during the burst")
					}
					count(r)
				case <-time.After(time.Minute):
					t.Fatal("burst did not finish within a minute")
				}
			}
			for _, r := range syncLossy(t, p, ns) {
				count(r)
			}
			st := m.Stats()
			t.Logf("%d of %d route events, %d resync events; granted %d; %+v", len(seen), burstSize, resyncs, m.ReceiveBuffer(), st)
			if len(seen) < burstSize && resyncs == 0 {
				t.Errorf("silent loss: %d of %d route events and no Resync", len(seen), burstSize)
			}
			if uint64(resyncs) != st.Resyncs {
				t.Errorf("%d Resync events, Stats.Resyncs %d", resyncs, st.Resyncs)
			}
		})
	}
}
