package nexthop_test

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
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run in a namespace of their own (veth0 10.0.0.1/24); a
// program would call nexthop.Open().
var nsName = examplens.Name("linx-nexthop-examples")

func TestMain(m *testing.M) { examplens.Main(m, nsName, examplens.Veth...) }

func open() (*nexthop.Client, uint32) {
	c, err := nexthop.Open(nexthop.InNamespace(nlsock.NetNSName(nsName)))
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

	// ip nexthop add id 1 via 10.0.0.2 dev veth0; id 2 via 10.0.0.3 dev veth0
	fmt.Println(c.Add(ctx, 1, nexthop.Via(netip.MustParseAddr("10.0.0.2")), nexthop.Dev(veth0)))
	fmt.Println(c.Add(ctx, 2, nexthop.Via(netip.MustParseAddr("10.0.0.3")), nexthop.Dev(veth0)))
	// ip nexthop add id 10 group 1,2/2,3
	fmt.Println(c.Add(ctx, 10, nexthop.Group(nexthop.Member{ID: 1, Weight: 2}, nexthop.Member{ID: 2, Weight: 3})))
	// ip nexthop add id 11 group 1/2 type resilient buckets 64 idle_timer 5
	fmt.Println(c.Add(ctx, 11, nexthop.Group(nexthop.Member{ID: 1}, nexthop.Member{ID: 2}),
		nexthop.Resilient(), nexthop.Buckets(64), nexthop.IdleTimer(5)))

	g, _ := c.Get(ctx, 10)
	for _, m := range g.Group {
		fmt.Println("member", m.ID, "weight", nexthop.Weight(m))
	}
	r, _ := c.Get(ctx, 11)
	fmt.Println(r.GroupType, "buckets", r.ResGroup.Buckets)
	fmt.Println("again, exists:", errors.Is(c.Add(ctx, 1, nexthop.Dev(veth0)), unix.EEXIST))
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// <nil>
	// member 1 weight 2
	// member 2 weight 3
	// resilient buckets 64
	// again, exists: true
}

func ExampleClient_Replace() {
	c, veth0 := open()
	defer c.Close()
	ctx := context.Background()
	c.Add(ctx, 20, nexthop.Via(netip.MustParseAddr("10.0.0.20")), nexthop.Dev(veth0))

	// Routes using nexthop 20 follow it to the new gateway.
	fmt.Println(c.Replace(ctx, 20, nexthop.Via(netip.MustParseAddr("10.0.0.21")), nexthop.Dev(veth0)))
	n, _ := c.Get(ctx, 20)
	fmt.Println(n.Gateway)
	// Output:
	// <nil>
	// 10.0.0.21
}

func ExampleClient_Delete() {
	c, _ := open()
	defer c.Close()
	ctx := context.Background()
	c.Add(ctx, 30, nexthop.Blackhole())

	fmt.Println(c.Delete(ctx, 30))
	fmt.Println("gone:", errors.Is(c.Delete(ctx, 30), unix.ENOENT))
	// Output:
	// <nil>
	// gone: true
}

func ExampleClient_Flush() {
	c, _ := open()
	defer c.Close()
	ctx := context.Background()
	n, err := c.Flush(ctx, nexthop.Filter{}) // groups first, then the rest
	fmt.Println(n, err)
	all, _ := c.List(ctx, nexthop.Filter{})
	fmt.Println(len(all), "left")
	// Output:
	// 5 <nil>
	// 0 left
}

// Request shows what Add sends: a group has no family; a resilient one
// carries the NHA_RES_GROUP nest.
func ExampleRequest() {
	m, err := nexthop.Request("add", 5, nexthop.Group(nexthop.Member{ID: 1}, nexthop.Member{ID: 2}), nexthop.Resilient(), nexthop.Buckets(8))
	fmt.Println(m.Header.Family, m.GroupType, m.Has(rtnl.NHA_RES_GROUP), m.ResGroup.Buckets, err)
	// Output:
	// af_unspec resilient true 8 <nil>
}
