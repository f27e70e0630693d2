package route_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run against the real kernel, in a namespace TestMain makes:
// veth0 with 10.0.0.1/24 and 2001:db8::1/64. Without root they are skipped.
var exampleNSName = examplens.Name("linx-route-examples")

var exampleNS = nlsock.NetNSName(exampleNSName)

func TestMain(m *testing.M) {
	flag.Parse()
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "route: not root, skipping the examples (they need a network namespace)")
		flag.Set("test.skip", "^Example")
		os.Exit(m.Run())
	}
	setup := [][]string{
		{"netns", "add", exampleNSName},
		{"-n", exampleNSName, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"-n", exampleNSName, "link", "set", "veth0", "up"},
		{"-n", exampleNSName, "link", "set", "veth1", "up"},
		{"-n", exampleNSName, "addr", "add", "10.0.0.1/24", "dev", "veth0"},
		{"-n", exampleNSName, "addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"},
	}
	examplens.RemoveStale("linx-route-examples") // leftovers of killed runs, never another's
	for _, args := range setup {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "ip %v: %v\n%s", args, err, out)
			os.Exit(1)
		}
	}
	code := m.Run()
	exec.Command("ip", "netns", "del", exampleNSName).Run()
	os.Exit(code)
}

// open returns a client in the example namespace; a program would call
// route.Open() for the host namespace.
func open() *route.Client {
	c, err := route.Open(route.InNamespace(exampleNS))
	if err != nil {
		panic(err)
	}
	return c
}

func ExampleClient_Add() {
	c := open()
	defer c.Close()
	ctx := context.Background()

	dst := netip.MustParsePrefix("192.0.2.0/24")
	gw := netip.MustParseAddr("10.0.0.254")
	err := c.Add(ctx, dst, gw, route.Table(1000), route.Protocol(rtnl.RTPROT_STATIC), route.Metric(100))
	fmt.Println("add:", err)

	err = c.Add(ctx, dst, gw, route.Table(1000), route.Protocol(rtnl.RTPROT_STATIC), route.Metric(100))
	fmt.Println("again, exists:", errors.Is(err, unix.EEXIST))

	c.Delete(ctx, dst, gw, route.Table(1000))
	// Output:
	// add: <nil>
	// again, exists: true
}

func ExampleClient_All() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	c.Add(ctx, netip.MustParsePrefix("198.51.100.0/24"), netip.MustParseAddr("10.0.0.254"), route.Table(7), route.Protocol(rtnl.RTPROT_STATIC))

	// The kernel filters: only table 7's routes cross the socket.
	for r, err := range c.All(ctx, route.Filter{Table: 7}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(route.Destination(r), "via", r.Gateway, "proto", r.Header.Protocol, "table", route.TargetTable(r))
	}
	c.Delete(ctx, netip.MustParsePrefix("198.51.100.0/24"), netip.Addr{}, route.Table(7))
	// Output:
	// 198.51.100.0/24 via 10.0.0.254 proto static table 7
}

func ExampleClient_Get() {
	c := open()
	defer c.Close()
	ctx := context.Background()

	r, err := c.Get(ctx, netip.MustParseAddr("10.0.0.77"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(route.Destination(r), "src", r.PrefSrc, "type", r.Header.Type)

	_, err = c.Get(ctx, netip.MustParseAddr("203.0.113.1"))
	fmt.Println("unreachable:", errors.Is(err, unix.ENETUNREACH))
	// Output:
	// 10.0.0.77/32 src 10.0.0.1 type unicast
	// unreachable: true
}

func ExampleClient_Replace() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	dst := netip.MustParsePrefix("192.0.2.128/25")

	c.Replace(ctx, dst, netip.MustParseAddr("10.0.0.2"), route.Metric(5))
	c.Replace(ctx, dst, netip.MustParseAddr("10.0.0.3"), route.Metric(5)) // same route, new gateway

	routes, _ := c.ListFull(ctx, route.Filter{Table: rtnl.RT_TABLE_MAIN, Protocol: rtnl.RTPROT_BOOT})
	for _, r := range routes {
		fmt.Println(route.Destination(&r), "via", r.Gateway, "metric", r.Priority)
	}
	c.Delete(ctx, dst, netip.Addr{})
	// Output:
	// 192.0.2.128/25 via 10.0.0.3 metric 5
}

func ExampleClient_Delete() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	dst := netip.MustParsePrefix("2001:db8:77::/48")
	c.Add(ctx, dst, netip.MustParseAddr("2001:db8::2"), route.Protocol(rtnl.RTPROT_STATIC))

	// Delete matches any protocol unless one is given.
	fmt.Println(c.Delete(ctx, dst, netip.Addr{}))
	err := c.Delete(ctx, dst, netip.Addr{})
	fmt.Println("gone:", errors.Is(err, unix.ESRCH))
	// Output:
	// <nil>
	// gone: true
}

func ExampleClient_AddDefault() {
	c := open()
	defer c.Close()
	ctx := context.Background()

	fmt.Println(c.AddDefault(ctx, netip.MustParseAddr("10.0.0.254")))
	fmt.Println(c.DeleteDefault(ctx, rtnl.AF_INET))

	// Families are checked before anything is sent.
	fmt.Println(c.Add(ctx, netip.MustParsePrefix("10.9.0.0/16"), netip.MustParseAddr("2001:db8::9")))
	// Output:
	// <nil>
	// <nil>
	// route: gateway 2001:db8::9 is IPv6 but destination 10.9.0.0/16 is IPv4 (a gateway of the other family is Via, RTA_VIA)
}

// Default is ip's "default" word: the destination is the default route of
// the family the rest of the request decides.
func ExampleDefault() {
	r, err := route.Request("add", netip.Prefix{}, netip.MustParseAddr("2001:db8::254"), route.Default())
	fmt.Println(route.Destination(r), err)

	r, err = route.Request("delete", netip.Prefix{}, netip.Addr{}, route.Default(), route.Family(rtnl.AF_INET6), route.Table(77))
	fmt.Println(route.Destination(r), route.TargetTable(r), err)

	r, err = route.Request("add", netip.Prefix{}, netip.Addr{}, route.Default(), route.Type(rtnl.RTN_BLACKHOLE))
	fmt.Println(route.Destination(r), r.Header.Type, err)
	// Output:
	// ::/0 <nil>
	// ::/0 77 <nil>
	// 0.0.0.0/0 blackhole <nil>
}

// Family is ip's -4 and -6: every address of the request must be of it.
func ExampleFamily() {
	_, err := route.Request("add", netip.MustParsePrefix("10.0.0.0/8"), netip.Addr{}, route.Family(rtnl.AF_INET6))
	fmt.Println(err)
	// Output:
	// route: destination 10.0.0.0/8 is IPv4 but the family asked for (Family) is IPv6
}

// Request shows what a verb sends: the options given, and the defaults
// for what they left absent (here protocol boot and scope link: a route
// through an interface, without a gateway).
func ExampleRequest() {
	r, err := route.Request("add", netip.MustParsePrefix("198.51.100.0/24"), netip.Addr{}, route.Dev(2), route.Metric(0))
	if err != nil {
		panic(err)
	}
	h := r.Header
	fmt.Println(h.Family, h.DstLen, h.Table, h.Protocol, h.Scope, h.Type)
	fmt.Println("metric sent:", r.Has(rtnl.RTA_PRIORITY), "table attribute sent:", r.Has(rtnl.RTA_TABLE))
	// Output:
	// inet 24 254 boot link unicast
	// metric sent: true table attribute sent: false
}

func ExampleMultipath() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	veth0 := ifindex("veth0")

	// Two legs, weights 3 and 1; the second an IPv6 next hop (RTA_VIA).
	dst := netip.MustParsePrefix("203.0.113.0/24")
	err := c.Add(ctx, dst, netip.Addr{}, route.Table(1001), route.Multipath(
		route.Leg{Gateway: netip.MustParseAddr("10.0.0.2"), Dev: veth0, Weight: 3},
		route.Leg{Via: netip.MustParseAddr("2001:db8::2"), Dev: veth0},
	))
	fmt.Println("add:", err)
	rs, _ := c.ListFull(ctx, route.Filter{Table: 1001})
	for _, nh := range rs[0].Multipath {
		fmt.Println("leg", nh.Gateway, nh.Via, "weight", route.Weight(&nh))
	}
	c.Delete(ctx, dst, netip.Addr{}, route.Table(1001))
	// Output:
	// add: <nil>
	// leg 10.0.0.2 invalid IP weight 3
	// leg invalid IP 2001:db8::2 weight 1
}

func ExampleWritable() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	c.Add(ctx, netip.MustParsePrefix("2001:db8:77::/48"), netip.MustParseAddr("2001:db8::2"),
		route.Table(1002), route.Expires(600), route.RouteMetric(rtnl.RTAX_HOPLIMIT, 9))

	// Every listed route is written back as listed: delete it, add it again.
	rs, _ := c.ListFull(ctx, route.Filter{Table: 1002})
	for i := range rs {
		w := route.Writable(&rs[i])
		fmt.Println("delete:", c.DeleteRoute(ctx, &w))
		fmt.Println("add:", c.AddRoute(ctx, &w))
	}
	rs, _ = c.ListFull(ctx, route.Filter{Table: 1002})
	fmt.Println(route.Destination(&rs[0]), "hoplimit", rs[0].Metrics.HopLimit, "expires within 600s:", rs[0].CacheInfo.Expires/100 <= 600 && rs[0].CacheInfo.Expires > 0)
	c.DeleteRoute(ctx, &rs[0])
	// Output:
	// delete: <nil>
	// add: <nil>
	// 2001:db8:77::/48 hoplimit 9 expires within 600s: true
}

// ifindex is the example namespace's interface index of name.
func ifindex(name string) uint32 {
	var idx uint32
	nlsock.Do(exampleNS, func() error {
		i, err := net.InterfaceByName(name)
		if err == nil {
			idx = uint32(i.Index)
		}
		return err
	})
	return idx
}
