package rule_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/rule"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run in a namespace of their own; a program would call
// rule.Open().
var nsName = examplens.Name("linx-rule-examples")

func TestMain(m *testing.M) { examplens.Main(m, nsName, examplens.Veth...) }

func open() *rule.Client {
	c, err := rule.Open(rule.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	return c
}

func ExampleClient_Add() {
	c := open()
	defer c.Close()
	ctx := context.Background()

	// ip rule add pref 100 from 192.0.2.0/24 fwmark 0x10/0xff lookup 1000 proto static
	err := c.Add(ctx, rule.Priority(100), rule.From(netip.MustParsePrefix("192.0.2.0/24")),
		rule.FwMark(0x10, 0xff), rule.Lookup(1000), rule.Protocol(rtnl.RTPROT_STATIC))
	fmt.Println(err)
	// ip rule add pref 101 to 198.51.100.0/24 blackhole
	fmt.Println(c.Add(ctx, rule.Priority(101), rule.To(netip.MustParsePrefix("198.51.100.0/24")), rule.Action(rtnl.FR_ACT_BLACKHOLE)))

	rs, _ := c.List(ctx, rule.Filter{Family: rtnl.AF_INET})
	for _, r := range rs {
		fmt.Println(r.Priority, r.Header.Action, rule.Table(&r))
	}
	c.Delete(ctx, rule.Priority(100))
	c.Delete(ctx, rule.Priority(101))
	// Output:
	// <nil>
	// <nil>
	// 0 to_tbl 255
	// 100 to_tbl 1000
	// 101 blackhole 0
	// 32766 to_tbl 254
	// 32767 to_tbl 253
}

func ExampleClient_Delete() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	c.Add(ctx, rule.Priority(200), rule.UIDRange(1000, 1999), rule.Lookup(20))

	// Priority alone names the rule.
	fmt.Println(c.Delete(ctx, rule.Priority(200)))
	fmt.Println("gone:", errors.Is(c.Delete(ctx, rule.Priority(200)), unix.ENOENT))
	// Output:
	// <nil>
	// gone: true
}

func ExampleClient_Flush() {
	c := open()
	defer c.Close()
	ctx := context.Background()
	for p := uint32(300); p < 303; p++ {
		c.Add(ctx, rule.Priority(p), rule.IPProto(6), rule.DPort(80, 80+uint16(p)), rule.Lookup(30), rule.Protocol(rtnl.RTPROT_STATIC))
	}
	n, err := c.Flush(ctx, rule.Filter{Family: rtnl.AF_INET, Protocol: rtnl.RTPROT_STATIC})
	fmt.Println(n, err)
	// Output:
	// 3 <nil>
}

// Request shows what Add sends: tables above 255 go in FRA_TABLE.
func ExampleRequest() {
	m, err := rule.Request("add", rule.From(netip.MustParsePrefix("2001:db8::/32")), rule.Lookup(70000))
	fmt.Println(m.Header.Family, m.Header.SrcLen, m.Header.Table, m.Table, m.Header.Action, err)
	_, err = rule.Request("add", rule.Lookup(5), rule.Goto(10))
	fmt.Println(err)
	// Output:
	// inet6 32 0 70000 to_tbl <nil>
	// rule: two actions, to_tbl and goto
}
