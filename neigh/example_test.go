package neigh_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/neigh"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run in a namespace of their own: veth0 (10.0.0.1/24) and
// br0, a bridge with veth1 as a port. A program would call neigh.Open().
var nsName = examplens.Name("linx-neigh-examples")

func TestMain(m *testing.M) {
	examplens.Main(m, nsName, append(examplens.Veth,
		[]string{"link", "add", "br0", "type", "bridge"},
		[]string{"link", "set", "veth1", "master", "br0"},
		[]string{"link", "set", "br0", "up"})...)
}

func open() *neigh.Client {
	c, err := neigh.Open(neigh.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	return c
}

func index(name string) uint32 {
	var idx uint32
	nlsock.Do(nlsock.NetNSName(nsName), func() error {
		i, err := net.InterfaceByName(name)
		if err == nil {
			idx = uint32(i.Index)
		}
		return err
	})
	return idx
}

func ExampleClient_Add() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	veth0 := index("veth0")
	mac, _ := net.ParseMAC("02:00:00:00:00:05")

	fmt.Println(c.Add(ctx, veth0, netip.MustParseAddr("10.0.0.5"), neigh.LLAddr(mac)))
	fmt.Println("again, exists:", errors.Is(c.Add(ctx, veth0, netip.MustParseAddr("10.0.0.5"), neigh.LLAddr(mac)), unix.EEXIST))
	ns, _ := c.List(ctx, neigh.Filter{Ifindex: veth0, Family: rtnl.AF_INET})
	for _, n := range ns {
		fmt.Println(n.Dst, net.HardwareAddr(n.LLAddr), n.Header.State)
	}
	c.Delete(ctx, veth0, netip.MustParseAddr("10.0.0.5"))
	// Output:
	// <nil>
	// again, exists: true
	// 10.0.0.5 02:00:00:00:00:05 PERMANENT
}

func ExampleClient_Change() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	veth0 := index("veth0")
	dst := netip.MustParseAddr("10.0.0.6")
	mac, _ := net.ParseMAC("02:00:00:00:00:06")

	// Change needs the entry; Replace creates it.
	fmt.Println("missing:", errors.Is(c.Change(ctx, veth0, dst, neigh.LLAddr(mac)), unix.ENOENT))
	fmt.Println(c.Replace(ctx, veth0, dst, neigh.LLAddr(mac), neigh.State(rtnl.NUD_STALE)))
	fmt.Println(c.Change(ctx, veth0, dst, neigh.LLAddr(mac), neigh.State(rtnl.NUD_REACHABLE)))
	n, _ := c.Flush(ctx, neigh.Filter{Ifindex: veth0}) // ip's flush: not permanent, not noarp
	fmt.Println("flushed", n)
	// Output:
	// missing: true
	// <nil>
	// <nil>
	// flushed 1
}

func ExampleClient_AddFDB() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	port := index("veth1")
	mac, _ := net.ParseMAC("02:00:00:00:01:01")

	// bridge fdb add 02:00:00:00:01:01 dev veth1 master static
	fmt.Println(c.AddFDB(ctx, port, mac, neigh.Master(), neigh.State(rtnl.NUD_NOARP)))
	fmt.Println(c.DeleteFDB(ctx, port, mac, neigh.Master()))
	// Output:
	// <nil>
	// <nil>
}

// Request shows what a verb sends: ip's default state permanent.
func ExampleRequest() {
	m, err := neigh.Request("add", 2, netip.MustParseAddr("2001:db8::9"), neigh.Router())
	fmt.Println(m.Header.Family, m.Header.State, m.Header.Flags, m.Dst, err)
	_, err = neigh.Request("add", 2, netip.MustParseAddr("10.0.0.9"), neigh.Router())
	fmt.Println(err)
	// Output:
	// inet6 PERMANENT router 2001:db8::9 <nil>
	// neigh: router applies to IPv6 neighbours only
}
