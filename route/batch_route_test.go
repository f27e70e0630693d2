package route

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

func TestBatchRouteRejects(t *testing.T) {
	var b Batch
	if err := b.AddRoute(nil); err == nil {
		t.Error("AddRoute(nil) accepted")
	}
	var r rtnl.Route
	r.Header.Family = rtnl.AF_BRIDGE
	if err := b.ReplaceRoute(&r); err == nil || !strings.Contains(err.Error(), "af_bridge") {
		t.Errorf("an AF_BRIDGE route: %v", err)
	}
	if err := b.AddEncoded([]byte{2, 24}); err == nil {
		t.Error("a 2-byte encoded route accepted")
	}
	if b.Len() != 0 {
		t.Errorf("rejected routes queued: %d", b.Len())
	}
}

// TestIntegrationBatchBuiltRoutes queues built messages: an IPv6
// multipath route as one RTA_MULTIPATH message, its replacement, an
// encoded IPv4 route, then deletes of both.
func TestIntegrationBatchBuiltRoutes(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "va", "vb")
	nstest.IP(t, ns, "addr", "add", "10.0.0.1/24", "dev", "va")
	nstest.IP(t, ns, "addr", "add", "2001:db8::1/64", "dev", "va", "nodad")
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	mp, err := Request("add", netip.MustParsePrefix("2001:db8:5::/64"), netip.Addr{}, Protocol(rtnl.Protocol(99)))
	if err != nil {
		t.Fatal(err)
	}
	hops := make([]rtnl.Nexthop, 2)
	hops[0].SetGateway(netip.MustParseAddr("2001:db8::2"))
	hops[1].SetGateway(netip.MustParseAddr("2001:db8::3"))
	hops[1].Header.Hops = 2
	mp.SetMultipath(hops)
	v4, err := Request("add", netip.MustParsePrefix("10.5.0.0/24"), netip.MustParseAddr("10.0.0.2"), Protocol(rtnl.Protocol(99)))
	if err != nil {
		t.Fatal(err)
	}
	var b Batch
	if err := b.AddRoute(mp); err != nil {
		t.Fatal(err)
	}
	if err := b.AddEncoded(v4.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	got := nstest.IP(t, ns, "-6", "route", "show", "proto", "99")
	if !strings.Contains(got, "nexthop via 2001:db8::2 dev va weight 1") || !strings.Contains(got, "nexthop via 2001:db8::3 dev va weight 3") {
		t.Fatalf("IPv6 multipath route:\n%s", got)
	}
	if got := nstest.IP(t, ns, "-4", "route", "show", "proto", "99"); !strings.Contains(got, "10.5.0.0/24 via 10.0.0.2") {
		t.Fatalf("encoded IPv4 route:\n%s", got)
	}

	mp.SetMultipath(hops[:1])
	b.Reset()
	if err := b.ReplaceRoute(mp); err != nil {
		t.Fatal(err)
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if got := nstest.IP(t, ns, "-6", "route", "show", "proto", "99"); strings.Contains(got, "2001:db8::3") || !strings.Contains(got, "via 2001:db8::2") {
		t.Fatalf("after replace:\n%s", got)
	}

	b.Reset()
	for _, dst := range []string{"2001:db8:5::/64", "10.5.0.0/24"} {
		var del rtnl.Route
		p := netip.MustParsePrefix(dst)
		del.Header.Family = rtnl.AF_INET
		if p.Addr().Is6() {
			del.Header.Family = rtnl.AF_INET6
		}
		del.Header.DstLen = uint8(p.Bits())
		del.Header.Table = uint8(rtnl.RT_TABLE_MAIN)
		del.Header.Scope = rtnl.RT_SCOPE_NOWHERE
		del.Header.Protocol = rtnl.Protocol(99)
		del.SetDst(p.Addr())
		if err := b.DeleteRoute(&del); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if got := nstest.IP(t, ns, "route", "show", "proto", "99") + nstest.IP(t, ns, "-6", "route", "show", "proto", "99"); got != "" {
		t.Fatalf("after delete:\n%s", got)
	}
}
