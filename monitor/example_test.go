package monitor_test

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The example runs in a namespace of its own (veth0 up); without root it
// is skipped.
var exampleNS = examplens.Name("linx-monitor-examples")

func TestMain(m *testing.M) { examplens.Main(m, exampleNS, examplens.Veth...) }

// A consumer subscribes first, then changes (or dumps) state, and treats
// every event as a wake-up: here it waits for the address it added.
func Example() {
	ns := nlsock.NetNSName(exampleNS)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	m, err := monitor.Start(ctx, monitor.Options{NetNS: ns, Groups: []rtnl.Group{rtnl.RTNLGRP_IPV4_IFADDR}})
	if err != nil {
		panic(err)
	}
	defer m.Close()

	c, _ := addr.Open(addr.InNamespace(ns))
	defer c.Close()
	var idx uint32
	nlsock.Do(ns, func() error {
		i, err := net.InterfaceByName("veth0")
		if err == nil {
			idx = uint32(i.Index)
		}
		return err
	})
	if err := c.Add(ctx, idx, netip.MustParsePrefix("192.0.2.9/24")); err != nil {
		panic(err)
	}

	for ev, err := range m.Events() {
		switch {
		case err != nil:
			fmt.Println(err)
			return
		case ev.Kind == monitor.Resync:
			continue // re-list everything kept; nothing is kept here
		case ev.Addr() != nil:
			fmt.Println(ev.Kind, ev.Resource, addr.Prefix(ev.Addr()))
			return
		}
	}
	// Output:
	// new addr 192.0.2.9/24
}
