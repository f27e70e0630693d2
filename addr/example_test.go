package addr_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run against the real kernel in a namespace of their own
// (veth0 10.0.0.1/24, 2001:db8::1/64); a program would call addr.Open().
var nsName = examplens.Name("linx-addr-examples")

func TestMain(m *testing.M) { examplens.Main(m, nsName, examplens.Veth...) }

func open() (*addr.Client, uint32) {
	c, err := addr.Open(addr.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	var idx uint32
	nlsock.Do(nlsock.NetNSName(nsName), func() error {
		i, err := net.InterfaceByName("veth0")
		if err == nil {
			idx = uint32(i.Index)
		}
		return err
	})
	return c, idx
}

func ExampleClient_Add() {
	c, veth0 := open()
	defer c.Close()
	ctx := context.Background()

	p := netip.MustParsePrefix("192.0.2.1/24")
	err := c.Add(ctx, veth0, p, addr.BroadcastAuto(), addr.Label("veth0:web"), addr.Metric(10))
	fmt.Println("add:", err)
	fmt.Println("again, exists:", errors.Is(c.Add(ctx, veth0, p), unix.EEXIST))

	as, _ := c.List(ctx, addr.Filter{Index: veth0, Label: "veth0:web"})
	for _, a := range as {
		fmt.Println(addr.Prefix(&a), "brd", a.Broadcast, "label", a.Label, "metric", a.RtPriority)
	}
	c.Delete(ctx, veth0, p)
	// Output:
	// add: <nil>
	// again, exists: true
	// 192.0.2.1/24 brd 192.0.2.255 label veth0:web metric 10
}

func ExampleClient_Replace() {
	c, veth0 := open()
	defer c.Close()
	ctx := context.Background()
	p := netip.MustParsePrefix("2001:db8:7::1/64")

	// Replace adds, then renews in place: here a DHCPv6-style lease.
	c.Replace(ctx, veth0, p, addr.AddFlags(rtnl.IFA_F_NODAD), addr.Lifetimes(600, 300))
	c.Replace(ctx, veth0, p, addr.AddFlags(rtnl.IFA_F_NODAD), addr.Lifetimes(addr.Forever, addr.Forever))
	as, _ := c.List(ctx, addr.Filter{Index: veth0, Family: rtnl.AF_INET6, MatchScope: true, Scope: rtnl.RT_SCOPE_UNIVERSE})
	for _, a := range as {
		fmt.Println(addr.Prefix(&a), "valid forever:", a.CacheInfo.Valid == addr.Forever)
	}
	c.Delete(ctx, veth0, p)
	// Output:
	// 2001:db8:7::1/64 valid forever: true
	// 2001:db8::1/64 valid forever: true
}

func ExampleClient_Delete() {
	c, veth0 := open()
	defer c.Close()
	ctx := context.Background()
	p := netip.MustParsePrefix("198.51.100.7/32")
	c.Add(ctx, veth0, p, addr.PeerAddress(netip.MustParseAddr("198.51.100.8")))

	fmt.Println(c.Delete(ctx, veth0, p, addr.PeerAddress(netip.MustParseAddr("198.51.100.8"))))
	fmt.Println("gone:", errors.Is(c.Delete(ctx, veth0, p), unix.EADDRNOTAVAIL))
	// Output:
	// <nil>
	// gone: true
}

func ExampleClient_Flush() {
	c, veth0 := open()
	defer c.Close()
	ctx := context.Background()
	for _, s := range []string{"203.0.113.1/26", "203.0.113.65/26", "203.0.113.129/26"} {
		c.Add(ctx, veth0, netip.MustParsePrefix(s), addr.Label("veth0:tmp"))
	}
	n, err := c.Flush(ctx, addr.Filter{Index: veth0, Family: rtnl.AF_INET, Label: "veth0:tmp"})
	fmt.Println(n, err)
	// Output:
	// 3 <nil>
}

// Request shows what Add sends: the local address in IFA_LOCAL and
// IFA_ADDRESS, the broadcast computed as ip's "broadcast +".
func ExampleRequest() {
	m, err := addr.Request("add", 2, netip.MustParsePrefix("10.1.2.3/22"), addr.BroadcastAuto(), addr.AddFlags(rtnl.IFA_F_NOPREFIXROUTE))
	fmt.Println(m.Header.Family, m.Header.PrefixLen, m.Local, m.Address, m.Broadcast, m.Flags, err)
	// Output:
	// inet 22 10.1.2.3 10.1.2.3 10.1.3.255 noprefixroute <nil>
}
