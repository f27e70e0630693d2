package route

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"golang.org/x/sys/unix"
)

// TestVerbFlags: each verb sends ip's flags.
func TestVerbFlags(t *testing.T) {
	want := map[string]uint16{
		"add":     unix.NLM_F_CREATE | unix.NLM_F_EXCL,
		"replace": unix.NLM_F_CREATE | unix.NLM_F_REPLACE,
		"append":  unix.NLM_F_CREATE | unix.NLM_F_APPEND,
		"change":  unix.NLM_F_REPLACE,
		"prepend": unix.NLM_F_CREATE,
		"delete":  0,
	}
	if len(Verbs()) != len(want) {
		t.Fatalf("Verbs() = %v", Verbs())
	}
	for _, name := range Verbs() {
		v, err := verbNamed(name)
		if err != nil || v.flags != want[name] {
			t.Errorf("%s: flags %#x (%v), want %#x", name, v.flags, err, want[name])
		}
	}
	if _, err := Request("frob", pfx("10.0.0.0/8"), netip.Addr{}); err == nil {
		t.Error("unknown verb accepted")
	}
}

func TestPathOptions(t *testing.T) {
	a := netip.MustParseAddr
	r, err := Request("add", pfx("10.1.0.0/16"), netip.Addr{}, Multipath(
		Leg{Gateway: a("10.0.0.2"), Dev: 3, Weight: 3, Onlink: true},
		Leg{Via: a("2001:db8::2"), Dev: 4, Realm: 7},
	), TOS(0x10), Realm(1<<16|2), RouteMetric(rtnl.RTAX_RTT, 96), LockMetric(rtnl.RTAX_MTU), MTU(1400), Congctl("reno"))
	if err != nil {
		t.Fatal(err)
	}
	l0, l1 := &r.Multipath[0], &r.Multipath[1]
	switch {
	case r.Header.Family != rtnl.AF_INET || r.Header.Tos != 0x10 || r.Flow != 1<<16|2:
		t.Errorf("header/realm: %+v flow %d", r.Header, r.Flow)
	case l0.Header.Hops != 2 || l0.Header.Ifindex != 3 || l0.Header.Flags != rtnl.RTNH_F_ONLINK || l0.Gateway != a("10.0.0.2"):
		t.Errorf("leg 1: %+v %v", l0.Header, l0.Gateway)
	case l1.Header.Hops != 0 || !l1.Has(rtnl.RTA_VIA) || l1.Via != a("2001:db8::2") || l1.Flow != 7 || l1.Has(rtnl.RTA_GATEWAY):
		t.Errorf("leg 2: %+v via %v flow %d", l1.Header, l1.Via, l1.Flow)
	case r.Metrics.RTT != 96 || r.Metrics.Lock != 1<<rtnl.RTAX_MTU || r.Metrics.MTU != 1400 || r.Metrics.CCAlgo.String() != "reno":
		t.Errorf("metrics: %+v", r.Metrics)
	}
	// The request re-decodes to the same message.
	var back rtnl.Route
	if err := back.Decode(r.Append(nil)); err != nil || !back.Equal(r) {
		t.Errorf("round trip: %v\n%+v\n%+v", err, back, *r)
	}

	r, err = Request("add", pfx("2001:db8:5::/48"), a("2001:db8::2"), From(pfx("2001:db8:6::/48")), Expires(300))
	if err != nil || r.Src != a("2001:db8:6::") || r.Header.SrcLen != 48 || r.Expires != 300 {
		t.Errorf("from, expires: %+v %v", r, err)
	}
	r, err = Request("add", pfx("10.2.0.0/16"), netip.Addr{}, Via(a("fe80::1")), Dev(3))
	if err != nil || r.Header.Family != rtnl.AF_INET || r.Via != a("fe80::1") || r.Has(rtnl.RTA_GATEWAY) {
		t.Errorf("via inet6: %+v %v", r, err)
	}
	r, err = Request("add", pfx("10.3.0.0/16"), netip.Addr{}, NHID(5))
	if err != nil || r.NHID != 5 {
		t.Errorf("nhid: %v", err)
	}
	// Delete by nhid sends the id alone: what a listing shows with it is
	// the object's.
	r, err = Request("delete", pfx("10.3.0.0/16"), a("10.0.0.2"), NHID(5), Dev(3))
	if err != nil || r.Has(rtnl.RTA_GATEWAY) || r.Has(rtnl.RTA_OIF) || r.NHID != 5 {
		t.Errorf("delete nhid: %+v %v", r, err)
	}

	for _, c := range []struct {
		name string
		dst  string
		gw   netip.Addr
		opts []Option
		want string
	}{
		{"nhid with gateway", "10.0.0.0/8", a("10.0.0.2"), []Option{NHID(5)}, "nexthop object gives the gateway"},
		{"nhid 0", "10.0.0.0/8", netip.Addr{}, []Option{NHID(0)}, "nexthop id 0"},
		{"multipath with gateway", "10.0.0.0/8", a("10.0.0.2"), []Option{Multipath(Leg{Gateway: a("10.0.0.3")})}, "in its legs"},
		{"leg weight", "10.0.0.0/8", netip.Addr{}, []Option{Multipath(Leg{Gateway: a("10.0.0.3"), Weight: 257})}, "weight 257"},
		{"leg family", "10.0.0.0/8", netip.Addr{}, []Option{Multipath(Leg{Gateway: a("2001:db8::3")})}, "Leg.Via"},
		{"leg onlink", "10.0.0.0/8", netip.Addr{}, []Option{Multipath(Leg{Gateway: a("10.0.0.3"), Onlink: true})}, "onlink needs Dev"},
		{"no legs", "10.0.0.0/8", netip.Addr{}, []Option{Multipath()}, "at least one leg"},
		{"expires IPv4", "10.0.0.0/8", a("10.0.0.2"), []Option{Expires(5)}, "only to IPv6"},
		{"from family", "2001:db8::/32", netip.Addr{}, []Option{From(pfx("10.0.0.0/8"))}, "source prefix"},
		{"from host bits", "2001:db8::/32", netip.Addr{}, []Option{From(pfx("2001:db8::1/32"))}, "host bits"},
		{"metric id", "10.0.0.0/8", netip.Addr{}, []Option{RouteMetric(rtnl.RTAX_CC_ALGO, 1)}, "not a numeric route metric"},
		{"lock id", "10.0.0.0/8", netip.Addr{}, []Option{LockMetric(99)}, "cannot lock"},
	} {
		_, err := Request("add", pfx(c.dst), c.gw, c.opts...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestWritable: a listed route's request drops what the kernel reports
// but refuses, and keeps the rest.
func TestWritable(t *testing.T) {
	a := netip.MustParseAddr
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, DstLen: 48, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_BOOT, Type: rtnl.RTN_UNICAST,
		Flags: rtnl.RouteFlags(rtnl.RTNH_F_ONLINK|rtnl.RTNH_F_LINKDOWN) | rtnl.RTM_F_OFFLOAD}
	r.SetDst(a("2001:db8:5::"))
	r.SetCacheInfo(rtnl.RtaCacheInfo{Expires: 29950})
	r.SetMultipath([]rtnl.Nexthop{{Header: rtnl.RtNexthop{Flags: rtnl.RTNH_F_DEAD | rtnl.RTNH_F_LINKDOWN | rtnl.RTNH_F_ONLINK, Ifindex: 3}}})
	w := Writable(&r)
	switch {
	case w.Has(rtnl.RTA_CACHEINFO) || !w.Has(rtnl.RTA_EXPIRES) || w.Expires != 299:
		t.Errorf("expiry: cacheinfo %v expires %d", w.Has(rtnl.RTA_CACHEINFO), w.Expires)
	case w.Header.Flags != rtnl.RouteFlags(rtnl.RTNH_F_ONLINK):
		t.Errorf("route flags %v", w.Header.Flags)
	case w.Multipath[0].Header.Flags != rtnl.RTNH_F_ONLINK:
		t.Errorf("leg flags %v", w.Multipath[0].Header.Flags)
	case r.Multipath[0].Header.Flags&rtnl.RTNH_F_DEAD == 0:
		t.Error("Writable changed the listed route")
	}
	var n rtnl.Route
	n.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 16, Type: rtnl.RTN_BLACKHOLE, Table: uint8(rtnl.RT_TABLE_MAIN)}
	n.SetDst(a("10.1.0.0"))
	n.SetNHID(4)
	n.SetOIF(1)
	n.SetGateway(a("10.0.0.2"))
	w = Writable(&n)
	if w.Has(rtnl.RTA_OIF) || w.Has(rtnl.RTA_GATEWAY) || w.NHID != 4 || w.Header.Type != rtnl.RTN_UNICAST {
		t.Errorf("nhid route: %+v", w)
	}
}
