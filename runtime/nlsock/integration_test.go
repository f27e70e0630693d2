package nlsock_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

func TestIntegrationDumpLinks(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	c := dial(t, ns)
	var names []string
	for _, l := range links(t, c) {
		names = append(names, l.name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"lo", "veth0", "veth1"}) {
		t.Fatalf("links %v, want lo veth0 veth1", names)
	}

	// Breaking out early drains the dump: the Conn still works.
	for range 3 {
		for m, err := range c.Dump(ctxTimeout(t, 5*time.Second), "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg()) {
			if err != nil {
				t.Fatal(err)
			}
			_ = m
			break
		}
	}
	if got := len(links(t, c)); got != 3 {
		t.Fatalf("after early breaks: %d links", got)
	}
}

func TestIntegrationDumpFiltered(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.Batch(t, ns, "route add blackhole 10.1.0.0/16\nroute add blackhole 10.2.0.0/16 table 100\n")
	c := dial(t, ns)
	req := rtmsg(0, unix.RT_TABLE_MAIN, 0, 0, 0) // filter: table main
	n := 0
	for m, err := range c.Dump(ctxTimeout(t, 5*time.Second), "RTM_GETROUTE", unix.RTM_GETROUTE, 0, req) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Flags&nlsock.FlagDumpFiltered == 0 {
			t.Errorf("reply without NLM_F_DUMP_FILTERED: strict checking off? %+v", m.Header)
		}
		if m.Payload[4] != unix.RT_TABLE_MAIN {
			t.Errorf("route from table %d", m.Payload[4])
		}
		n++
	}
	if n != 1 {
		t.Fatalf("%d routes in main, want 1", n)
	}
}

func TestIntegrationExecuteErrors(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	ctx := ctxTimeout(t, 5*time.Second)
	dst := netip.MustParsePrefix("10.9.0.0/24")

	// Gateway not reachable: ENETUNREACH with the kernel's explanation.
	err := c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl,
		route(dst, netip.MustParseAddr("192.0.2.1"), unix.RTN_UNICAST))
	var e *nlsock.Error
	if !errors.As(err, &e) || !errors.Is(err, unix.ENETUNREACH) {
		t.Fatalf("err %v, want *Error ENETUNREACH", err)
	}
	if e.Message == "" || e.Op != "RTM_NEWROUTE" || e.Request.Type != unix.RTM_NEWROUTE {
		t.Fatalf("%+v", e)
	}
	t.Logf("got: %v", err)

	// Deleting an absent route: ESRCH.
	err = c.Execute(ctx, "RTM_DELROUTE", unix.RTM_DELROUTE, 0, route(dst, netip.Addr{}, 0))
	if !errors.As(err, &e) || !errors.Is(err, unix.ESRCH) {
		t.Fatalf("err %v, want ESRCH", err)
	}
	t.Logf("got: %v", err)

	// Success, then a duplicate.
	bh := route(dst, netip.Addr{}, unix.RTN_BLACKHOLE)
	if err := c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl, bh); err != nil {
		t.Fatal(err)
	}
	if err := c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl, bh); !errors.Is(err, unix.EEXIST) {
		t.Fatalf("duplicate: %v", err)
	}
	if out := nstest.IP(t, ns, "route", "show", "10.9.0.0/24"); !strings.Contains(out, "blackhole") {
		t.Fatalf("route not installed: %q", out)
	}

	// A malformed attribute: the kernel points at it (RTA_DST right after
	// the 16-byte header and 12-byte rtmsg).
	bad := rtmsg(32, unix.RT_TABLE_MAIN, unix.RTPROT_STATIC, 0, unix.RTN_BLACKHOLE)
	bad = nlattr(bad, unix.RTA_DST, []byte{10, 0})
	err = c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate, bad)
	if !errors.As(err, &e) {
		t.Fatalf("malformed attribute: %v", err)
	}
	t.Logf("got: %v", err)
	if e.Offset != -1 && e.Offset != nlsock.HeaderLen+12 {
		t.Errorf("offset %d, want %d", e.Offset, nlsock.HeaderLen+12)
	}
}

func TestIntegrationQueryRoute(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	ctx := ctxTimeout(t, 5*time.Second)
	get := func(dst string) []byte {
		b := rtmsg(32, 0, 0, 0, 0)
		return nlattr(b, unix.RTA_DST, netip.MustParseAddr(dst).AsSlice())
	}

	called := false
	err := c.Query(ctx, "RTM_GETROUTE", unix.RTM_GETROUTE, 0, get("192.0.2.1"), func(nlsock.Message) error {
		called = true
		return nil
	})
	if !errors.Is(err, unix.ENETUNREACH) || called {
		t.Fatalf("err %v (fn called %v), want ENETUNREACH", err, called)
	}

	var replies []uint16
	var rtype uint8
	err = c.Query(ctx, "RTM_GETROUTE", unix.RTM_GETROUTE, 0, get("127.0.0.1"), func(m nlsock.Message) error {
		replies = append(replies, m.Header.Type)
		rtype = m.Payload[7]
		return nil
	})
	if err != nil || len(replies) != 1 || replies[0] != unix.RTM_NEWROUTE || rtype != unix.RTN_LOCAL {
		t.Fatalf("err %v replies %v type %d", err, replies, rtype)
	}

	// fn's error comes back and the Conn stays in step.
	sentinel := errors.New("stop")
	if err := c.Query(ctx, "RTM_GETROUTE", unix.RTM_GETROUTE, 0, get("127.0.0.1"), func(nlsock.Message) error { return sentinel }); err != sentinel {
		t.Fatalf("err %v, want sentinel", err)
	}
	if got := len(links(t, c)); got != 1 {
		t.Fatalf("%d links", got)
	}
}

func TestIntegrationMulticast(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.IP(t, ns, "link", "set", "lo", "up") // blackhole nexthops use lo
	mon := dial(t, ns)
	for _, g := range []uint32{unix.RTNLGRP_LINK, unix.RTNLGRP_NEXTHOP} {
		if err := mon.JoinGroup(g); err != nil {
			t.Fatalf("join %d: %v", g, err)
		}
	}
	ctx := ctxTimeout(t, 5*time.Second)
	wait := func(typ uint16) {
		t.Helper()
		for {
			ms, err := mon.Receive(ctx)
			if err != nil {
				t.Fatalf("waiting for type %d: %v", typ, err)
			}
			for ms.Next() {
				if ms.Message().Header.Type == typ {
					return
				}
			}
			if err := ms.Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
	nstest.IP(t, ns, "link", "set", "veth0", "mtu", "1400")
	wait(unix.RTM_NEWLINK)
	nstest.IP(t, ns, "nexthop", "add", "id", "7", "blackhole")
	wait(unix.RTM_NEWNEXTHOP) // group 32: only reachable via NETLINK_ADD_MEMBERSHIP

	if err := mon.LeaveGroup(unix.RTNLGRP_NEXTHOP); err != nil {
		t.Fatal(err)
	}
	nstest.IP(t, ns, "nexthop", "del", "id", "7")
	nstest.IP(t, ns, "link", "set", "veth0", "mtu", "1300")
	// Only the link event arrives now.
	ms, err := mon.Receive(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for ms.Next() {
		if typ := ms.Message().Header.Type; typ != unix.RTM_NEWLINK {
			t.Fatalf("type %d after leaving the nexthop group", typ)
		}
	}
}

func TestIntegrationENOBUFS(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	mon := dial(t, ns)
	granted, err := mon.SetReceiveBuffer(1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("receive buffer granted: %d", granted)
	if err := mon.JoinGroup(unix.RTNLGRP_IPV4_ROUTE); err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	for _, p := range blackholes(2000, 0) {
		fmt.Fprintf(&script, "route add blackhole %s\n", p)
	}
	nstest.Batch(t, ns, script.String())

	ctx := ctxTimeout(t, 5*time.Second)
	_, err = mon.Receive(ctx)
	if !errors.Is(err, unix.ENOBUFS) {
		t.Fatalf("err %v, want ENOBUFS", err)
	}
	t.Logf("got: %v", err)
	// Still usable: what was queued is there, then new events.
	got := 0
	for {
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		ms, err := mon.Receive(short)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for ms.Next() {
			got++
		}
	}
	if got == 0 {
		t.Fatal("nothing queued after ENOBUFS")
	}
	nstest.IP(t, ns, "route", "add", "blackhole", "10.200.0.1/32")
	ms, err := mon.Receive(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ms.Next() || ms.Message().Header.Type != unix.RTM_NEWROUTE {
		t.Fatalf("after drain: %+v %v", ms.Message().Header, ms.Err())
	}
}

func TestIntegrationReceiveContext(t *testing.T) {
	ns := nstest.New(t)
	c := dial(t, ns)
	if err := c.JoinGroup(unix.RTNLGRP_LINK); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Receive(ctx)
	if el := time.Since(start); !errors.Is(err, context.Canceled) || el > 130*time.Millisecond {
		t.Fatalf("cancel: err %v after %v", err, el)
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = c.Receive(ctx2)
	if el := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || el > 130*time.Millisecond {
		t.Fatalf("deadline: err %v after %v", err, el)
	}

	// An expired context does not poison the next call.
	if n := len(links(t, c)); n != 1 {
		t.Fatalf("%d links", n)
	}
	if _, err := c.Receive(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("done ctx: %v", err)
	}
}

func TestIntegrationCloseUnblocks(t *testing.T) {
	ns := nstest.New(t)
	c := dial(t, ns)
	errc := make(chan error, 1)
	go func() {
		_, err := c.Receive(context.Background())
		errc <- err
	}()
	time.Sleep(30 * time.Millisecond)
	start := time.Now()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		if !errors.Is(err, nlsock.ErrClosed) {
			t.Fatalf("err %v, want ErrClosed", err)
		}
		t.Logf("unblocked after %v: %v", time.Since(start), err)
	case <-time.After(time.Second):
		t.Fatal("Close did not unblock Receive")
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := c.Execute(context.Background(), "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg()); !errors.Is(err, nlsock.ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
	if err := c.JoinGroup(1); !errors.Is(err, nlsock.ErrClosed) {
		t.Fatalf("JoinGroup after Close: %v", err)
	}
}

func TestIntegrationBatch(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	ctx := ctxTimeout(t, 30*time.Second)

	const n = 5000
	const dup = 3210
	pfx := blackholes(n, 0)
	pfx[dup] = pfx[dup-1] // fails with EEXIST
	var b nlsock.Batch
	for _, p := range pfx {
		buf := b.Begin(unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl)
		b.End(append(buf, route(p, netip.Addr{}, unix.RTN_BLACKHOLE)...))
	}
	start := time.Now()
	err := c.ExecuteBatch(ctx, "RTM_NEWROUTE", &b)
	t.Logf("%d requests in %v: %v", n, time.Since(start), err)
	var be *nlsock.BatchError
	if !errors.As(err, &be) || be.Index != dup || be.Failed != 1 || be.Incomplete || !errors.Is(err, unix.EEXIST) {
		t.Fatalf("err %v (%+v), want request %d EEXIST", err, be, dup)
	}
	var ke *nlsock.Error
	if !errors.As(err, &ke) || ke.Op != "RTM_NEWROUTE" {
		t.Fatalf("no *Error in %v", err)
	}
	if got := countRoutes(t, c); got != n-1 {
		t.Fatalf("%d routes, want %d", got, n-1)
	}

	// Everything fails: more error replies than the default receive buffer
	// holds, so ExecuteBatch must size it (or its writes) to lose none.
	err = c.ExecuteBatch(ctx, "RTM_NEWROUTE", &b)
	t.Logf("all failing: %v", err)
	if !errors.As(err, &be) || be.Index != 0 || !errors.Is(err, unix.EEXIST) || be.Incomplete ||
		be.Failed != n || len(be.Failures) != n || be.Sent != n {
		t.Fatalf("err %v (Index %d Failed %d Failures %d Incomplete %v Sent %d), want all %d failed", err,
			be.Index, be.Failed, len(be.Failures), be.Incomplete, be.Sent, n)
	}
	for i, f := range be.Failures {
		var ke *nlsock.Error
		if f.Index != i || !errors.As(f.Err, &ke) || ke.Errno != unix.EEXIST || ke.Op != "RTM_NEWROUTE" {
			t.Fatalf("failure %d: index %d, %v", i, f.Index, f.Err)
		}
	}
	if !strings.Contains(err.Error(), "5000 requests failed: 0-4999: file exists") {
		t.Fatalf("message %q does not name every failure", err)
	}
	// The Conn is in step afterwards.
	if err := c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl,
		route(netip.MustParsePrefix("10.250.0.0/16"), netip.Addr{}, unix.RTN_BLACKHOLE)); err != nil {
		t.Fatal(err)
	}
	if got := countRoutes(t, c); got != n {
		t.Fatalf("%d routes, want %d", got, n)
	}

	// Delete them all; the one never added fails alone.
	b.Reset()
	for _, p := range blackholes(n, 0) {
		b.Add(unix.RTM_DELROUTE, 0, route(p, netip.Addr{}, 0))
	}
	err = c.ExecuteBatch(ctx, "RTM_DELROUTE", &b)
	if !errors.As(err, &be) || be.Index != dup || be.Failed != 1 || !errors.Is(err, unix.ESRCH) ||
		len(be.Failures) != 1 || be.Failures[0].Index != dup {
		t.Fatalf("delete: %v", err)
	}
	if want := fmt.Sprintf("RTM_DELROUTE: 1 request failed: %d: no such process", dup); !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q, want %q", err, want)
	}
	if got := countRoutes(t, c); got != 1 {
		t.Fatalf("%d routes left, want 1", got)
	}
}

// TestIntegrationDumpAllocs checks that a dump costs a constant number of
// allocations however many messages it carries.
func TestIntegrationDumpAllocs(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	var script strings.Builder
	for _, p := range blackholes(3000, 0) {
		fmt.Fprintf(&script, "route add blackhole %s\n", p)
	}
	nstest.Batch(t, ns, script.String())
	c := dial(t, ns)
	req := rtmsg(0, unix.RT_TABLE_MAIN, 0, 0, 0)
	ctx := context.Background()
	n := 0
	dump := func() {
		n = 0
		for m, err := range c.Dump(ctx, "RTM_GETROUTE", unix.RTM_GETROUTE, 0, req) {
			if err != nil {
				t.Fatal(err)
			}
			_ = m
			n++
		}
	}
	dump()
	allocs := testing.AllocsPerRun(20, dump)
	t.Logf("%v allocations per dump of %d routes", allocs, n)
	if n != 3000 || allocs > 5 {
		t.Fatalf("%d routes, %v allocations per dump", n, allocs)
	}
}

// TestIntegrationDumpInterrupted changes the address table in the middle of
// a multi-datagram address dump: the dump must be delivered in full and
// then reported as interrupted.
func TestIntegrationDumpInterrupted(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	var script strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&script, "address add 10.%d.%d.1/32 dev lo\n", i/250, i%250)
	}
	nstest.Batch(t, ns, script.String())
	c := dial(t, ns)
	other := dial(t, ns)
	ifaddr := []byte{unix.AF_INET, 0, 0, 0, 0, 0, 0, 0} // struct ifaddrmsg
	n := 0
	var last error
	for _, err := range c.Dump(ctxTimeout(t, 10*time.Second), "RTM_GETADDR", unix.RTM_GETADDR, 0, ifaddr) {
		if err != nil {
			last = err
			break
		}
		if n == 0 {
			// Add an address while the dump is running.
			ifa := []byte{unix.AF_INET, 32, 0, 0, 1, 0, 0, 0} // ifaddrmsg on lo (index 1)
			ifa = nlattr(ifa, unix.IFA_LOCAL, []byte{10, 255, 0, 1})
			ifa = nlattr(ifa, unix.IFA_ADDRESS, []byte{10, 255, 0, 1})
			if err := other.Execute(context.Background(), "RTM_NEWADDR", unix.RTM_NEWADDR, nlsock.FlagCreate|nlsock.FlagExcl, ifa); err != nil {
				t.Fatal(err)
			}
		}
		n++
	}
	t.Logf("%d messages, then %v", n, last)
	if !errors.Is(last, nlsock.ErrDumpInterrupted) {
		t.Fatalf("err %v, want ErrDumpInterrupted", last)
	}
	if n < 1500 {
		t.Fatalf("only %d messages before the error", n)
	}
}

// TestIntegrationConcurrentUse shares one Conn between goroutines doing
// requests, dumps and batches, then closes it under them.
func TestIntegrationConcurrentUse(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	c := dial(t, ns)
	ctx := ctxTimeout(t, 20*time.Second)
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				p := blackholes(1, g*1000+k)[0]
				var err error
				switch k % 3 {
				case 0:
					err = c.Execute(ctx, "RTM_NEWROUTE", unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl, route(p, netip.Addr{}, unix.RTN_BLACKHOLE))
				case 1:
					for _, derr := range c.Dump(ctx, "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg()) {
						if derr != nil {
							err = derr
						}
						break // early break: the next user must still find the Conn in step
					}
				case 2:
					var b nlsock.Batch
					b.Add(unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl, route(p, netip.Addr{}, unix.RTN_BLACKHOLE))
					b.Add(unix.RTM_DELROUTE, 0, route(p, netip.Addr{}, 0))
					err = c.ExecuteBatch(ctx, "route add+del", &b)
				}
				if err != nil {
					errc <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if got, want := countRoutes(t, c), 8*17; got != want {
		t.Errorf("%d routes, want %d", got, want)
	}

	// Close while others are blocked or about to call.
	var wg2 sync.WaitGroup
	for range 4 {
		wg2.Go(func() {
			_, err := c.Receive(context.Background())
			if !errors.Is(err, nlsock.ErrClosed) {
				t.Errorf("Receive after Close: %v", err)
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	c.Close()
	wg2.Wait()
}

// TestIntegrationRequestInsideDumpLoop: a request on the Conn a dump is
// still reading cannot run; it must fail when its context ends, not hang.
func TestIntegrationRequestInsideDumpLoop(t *testing.T) {
	ns := nstest.New(t)
	c := nstest.Dial(t, ns)
	req := make([]byte, unix.SizeofIfInfomsg)
	for _, err := range c.Dump(context.Background(), "RTM_GETLINK", unix.RTM_GETLINK, 0, req) {
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		err := c.Execute(ctx, "RTM_GETLINK", unix.RTM_GETLINK, 0, req)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
			t.Fatalf("request inside the dump loop: %v after %v", err, time.Since(start))
		}
		break
	}
	// The Conn still works after the loop: ask for lo by index.
	lo := make([]byte, unix.SizeofIfInfomsg)
	lo[4] = 1
	if err := c.Execute(context.Background(), "RTM_GETLINK", unix.RTM_GETLINK, 0, lo); err != nil {
		t.Fatal(err)
	}
}
