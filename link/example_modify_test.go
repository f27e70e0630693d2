package link_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Create a bridge and a veth pair, make one end a port of the bridge and
// bring everything up, as ip link add / set would.
func ExampleClient_Add() {
	c, err := link.Open(link.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	defer c.Close()
	ctx := context.Background()

	if err := c.Add(ctx, "br-ex", link.Bridge(link.STP(false), link.ForwardDelay(4*time.Second)), link.Up()); err != nil {
		panic(err)
	}
	br, _ := c.GetByName(ctx, "br-ex")
	if err := c.Add(ctx, "vex0", link.Veth("vex1", link.MTU(1400)), link.Master(link.Index(br)), link.Up()); err != nil {
		panic(err)
	}
	port, _ := c.GetByName(ctx, "vex0")
	peer, _ := c.GetByName(ctx, "vex1")
	fmt.Println(port.IfName, "master", port.Master == link.Index(br), "kind", port.LinkInfo.Kind, port.LinkInfo.SlaveKind)
	fmt.Println(peer.IfName, "mtu", peer.MTU)
	fmt.Println(br.IfName, "forward_delay", br.LinkInfo.Data.Bridge.ForwardDelay)

	err = c.Add(ctx, "vex0", link.Veth(""))
	fmt.Println("again:", errors.Is(err, unix.EEXIST))

	c.DeleteByName(ctx, "vex0") // takes vex1 with it
	c.DeleteByName(ctx, "br-ex")
	// Output:
	// vex0 master true kind veth bridge
	// vex1 mtu 1400
	// br-ex forward_delay 400
	// again: true
}

// Change a link's settings in one request, as ip link set DEV ... does.
func ExampleClient_Set() {
	c, err := link.Open(link.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	defer c.Close()
	ctx := context.Background()

	l, _ := c.GetByName(ctx, "veth1")
	if err := c.Set(ctx, link.Index(l), link.MTU(1280), link.Alias("uplink"), link.Promisc(true)); err != nil {
		panic(err)
	}
	l, _ = c.GetByName(ctx, "veth1")
	fmt.Println(l.IfName, l.MTU, l.IfAlias, l.Header.Flags&unix.IFF_PROMISC != 0)

	c.Set(ctx, link.Index(l), link.MTU(1500), link.Alias(""), link.Promisc(false))
	// Output:
	// veth1 1280 uplink true
}
