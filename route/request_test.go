package route

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// TestDefaultsOnlyWhenAbsent: each default (table main, protocol boot, type
// unicast, scope by type and gateway; delete: scope nowhere) applies only
// when no option set that field, including to the zero value.
func TestDefaultsOnlyWhenAbsent(t *testing.T) {
	dst := pfx("10.0.0.0/8")
	gw := addr("10.255.0.1")
	for _, tc := range []struct {
		name string
		verb string
		gw   netip.Addr
		opts []Option
		want rtnl.RtMsg // Family and DstLen are filled in below
	}{
		{"add, nothing given", "add", gw, nil,
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_BOOT, Scope: rtnl.RT_SCOPE_UNIVERSE, Type: rtnl.RTN_UNICAST}},
		{"add, dev without gateway", "add", netip.Addr{}, []Option{Dev(3)},
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_BOOT, Scope: rtnl.RT_SCOPE_LINK, Type: rtnl.RTN_UNICAST}},
		{"add, local", "add", netip.Addr{}, []Option{Type(rtnl.RTN_LOCAL)},
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_BOOT, Scope: rtnl.RT_SCOPE_HOST, Type: rtnl.RTN_LOCAL}},
		{"add, broadcast", "add", netip.Addr{}, []Option{Type(rtnl.RTN_BROADCAST)},
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_BOOT, Scope: rtnl.RT_SCOPE_LINK, Type: rtnl.RTN_BROADCAST}},
		{"add, zero protocol and type and scope given", "add", netip.Addr{},
			[]Option{Protocol(rtnl.RTPROT_UNSPEC), Type(rtnl.RTN_UNSPEC), Scope(rtnl.RT_SCOPE_UNIVERSE), Dev(3)},
			rtnl.RtMsg{Table: 254}},
		{"add, all given", "add", gw,
			[]Option{Protocol(rtnl.RTPROT_STATIC), Type(rtnl.RTN_BLACKHOLE), Scope(rtnl.RT_SCOPE_LINK), Table(rtnl.RT_TABLE_LOCAL)},
			rtnl.RtMsg{Table: 255, Protocol: rtnl.RTPROT_STATIC, Scope: rtnl.RT_SCOPE_LINK, Type: rtnl.RTN_BLACKHOLE}},
		{"replace, nothing given", "replace", gw, nil,
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_BOOT, Scope: rtnl.RT_SCOPE_UNIVERSE, Type: rtnl.RTN_UNICAST}},
		{"delete, nothing given", "delete", netip.Addr{}, nil,
			rtnl.RtMsg{Table: 254, Scope: rtnl.RT_SCOPE_NOWHERE}},
		{"delete, universe scope given", "delete", netip.Addr{}, []Option{Scope(rtnl.RT_SCOPE_UNIVERSE)},
			rtnl.RtMsg{Table: 254}},
		{"delete, protocol and type given", "delete", netip.Addr{}, []Option{Protocol(rtnl.RTPROT_STATIC), Type(rtnl.RTN_PROHIBIT)},
			rtnl.RtMsg{Table: 254, Protocol: rtnl.RTPROT_STATIC, Scope: rtnl.RT_SCOPE_NOWHERE, Type: rtnl.RTN_PROHIBIT}},
		{"table above 255", "add", gw, []Option{Table(1000)},
			rtnl.RtMsg{Protocol: rtnl.RTPROT_BOOT, Type: rtnl.RTN_UNICAST}},
		{"table above 255, then main", "delete", gw, []Option{Table(1000), Table(rtnl.RT_TABLE_MAIN)},
			rtnl.RtMsg{Table: 254, Scope: rtnl.RT_SCOPE_NOWHERE}},
	} {
		r, err := Request(tc.verb, dst, tc.gw, tc.opts...)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		want := tc.want
		want.Family, want.DstLen = rtnl.AF_INET, 8
		if r.Header != want {
			t.Errorf("%s: header\n got %+v\nwant %+v", tc.name, r.Header, want)
		}
		if wantTable := want.Table == 0; r.Has(rtnl.RTA_TABLE) != wantTable || (wantTable && r.Table != 1000) {
			t.Errorf("%s: RTA_TABLE present %v (%d), want %v", tc.name, r.Has(rtnl.RTA_TABLE), r.Table, wantTable)
		}
	}
}

// TestAbsentAttributesStayAbsent: options not given put nothing on the
// wire; the ones given are present, zero values included.
func TestAbsentAttributesStayAbsent(t *testing.T) {
	r, err := Request("add", pfx("10.0.0.0/8"), netip.Addr{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint16{rtnl.RTA_GATEWAY, rtnl.RTA_OIF, rtnl.RTA_PRIORITY, rtnl.RTA_PREFSRC, rtnl.RTA_METRICS, rtnl.RTA_PREF, rtnl.RTA_TABLE} {
		if r.Has(id) {
			t.Errorf("attribute %d present without an option", id)
		}
	}
	r, err = Request("add", pfx("2001:db8::/32"), netip.Addr{}, Metric(0), MTU(0), Pref(rtnl.ICMPV6_ROUTER_PREF_MEDIUM))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Has(rtnl.RTA_PRIORITY) || r.Priority != 0 || !r.Has(rtnl.RTA_METRICS) || !r.Metrics.Has(rtnl.RTAX_MTU) || r.Metrics.Has(rtnl.RTAX_ADVMSS) || !r.Has(rtnl.RTA_PREF) {
		t.Errorf("zero values given: %+v", r.RouteAttrs)
	}
	// The request round-trips through the wire form unchanged.
	var back rtnl.Route
	if err := back.Decode(r.Append(nil)); err != nil || !back.Equal(r) {
		t.Errorf("decode(encode) = %+v, %v; want %+v", back, err, r)
	}
}

// TestFamilyDecidedOnce: the family comes from Family, the destination,
// the gateway or the source, whichever says first; a contradiction names
// both sides; a Default destination takes the family decided.
func TestFamilyDecidedOnce(t *testing.T) {
	for _, tc := range []struct {
		dst  netip.Prefix
		gw   netip.Addr
		opts []Option
		want string // the error, or the family and destination "inet6 ::/0"
	}{
		{pfx("10.0.0.0/8"), addr("2001:db8::1"), nil, "gateway 2001:db8::1 is IPv6 but destination 10.0.0.0/8 is IPv4"},
		{pfx("2001:db8::/32"), netip.Addr{}, []Option{Src(addr("10.0.0.1"))}, "source 10.0.0.1 is IPv4 but destination 2001:db8::/32 is IPv6"},
		{netip.Prefix{}, addr("10.0.0.1"), []Option{Default(), Src(addr("2001:db8::1"))}, "source 2001:db8::1 is IPv6 but gateway 10.0.0.1 is IPv4"},
		{netip.Prefix{}, addr("10.0.0.1"), []Option{Default(), Family(rtnl.AF_INET6)}, "gateway 10.0.0.1 is IPv4 but the family asked for (Family) is IPv6"},
		{pfx("10.0.0.0/8"), netip.Addr{}, []Option{Family(rtnl.AF_INET6)}, "destination 10.0.0.0/8 is IPv4 but the family asked for (Family) is IPv6"},
		{pfx("10.0.0.0/8"), netip.Addr{}, []Option{Family(rtnl.AF_BRIDGE)}, "Family needs AF_INET or AF_INET6"},
		{netip.Prefix{}, netip.Addr{}, nil, "invalid destination prefix"},
		{pfx("10.0.0.0/8"), netip.Addr{}, []Option{Default()}, "Default with destination 10.0.0.0/8"},
		{netip.Prefix{}, netip.Addr{}, []Option{Default()}, "inet 0.0.0.0/0"},
		{netip.Prefix{}, addr("fe80::1%3"), []Option{Default()}, "inet6 ::/0"},
		{netip.Prefix{}, netip.Addr{}, []Option{Default(), Family(rtnl.AF_INET6), Dev(3)}, "inet6 ::/0"},
		{netip.Prefix{}, netip.Addr{}, []Option{Default(), Src(addr("2001:db8::1"))}, "inet6 ::/0"},
		{pfx("2001:db8::/32"), addr("fe80::1%3"), []Option{Family(rtnl.AF_INET6)}, "inet6 2001:db8::/32"},
		{pfx("2001:db8::/32"), netip.Addr{}, []Option{Metric(1), nil}, "option 1 is nil"},
	} {
		for _, verb := range []string{"add", "delete"} {
			r, err := Request(verb, tc.dst, tc.gw, tc.opts...)
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				got = r.Header.Family.String() + " " + Destination(r).String()
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("%s %v via %v %d options: got %q, want %q", verb, tc.dst, tc.gw, len(tc.opts), got, tc.want)
			}
		}
	}
}

// TestRequestAllocations: building a request with options allocates
// nothing in steady state (the request is pooled, options are inlined
// closures on the caller's stack).
func TestRequestAllocations(t *testing.T) {
	var b Batch
	dst, gw := pfx("10.0.0.0/8"), addr("10.255.0.1")
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector (sync.Pool drops items at random)")
	}
	n := testing.AllocsPerRun(1000, func() {
		b.Reset()
		if err := b.Add(dst, gw, Table(2000), Protocol(rtnl.RTPROT_STATIC), Metric(5)); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per queued route, want 0", n)
	}
}

// TestIntegrationAddAllocations: Add and Delete one at a time allocate
// nothing per route in steady state (the request, its message and its
// encoding are pooled; the failed request's name is formatted only on
// failure).
func TestIntegrationAddAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector (sync.Pool drops items at random)")
	}
	tn := newTestNS(t)
	dst, gw := pfx("10.60.0.0/16"), addr("10.0.0.254")
	ctx := context.Background() // a cancellable context costs nlsock an AfterFunc per request
	n := testing.AllocsPerRun(200, func() {
		if err := tn.c.Add(ctx, dst, gw, Table(2001), Protocol(rtnl.RTPROT_STATIC), Metric(7)); err != nil {
			t.Fatal(err)
		}
		if err := tn.c.Delete(ctx, dst, gw, Table(2001)); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Add and Delete, want 0", n)
	}
}
