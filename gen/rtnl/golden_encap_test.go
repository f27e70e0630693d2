package rtnl

import (
	"net/netip"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// TestGoldenEncap checks the encapsulated routes captured from the kernel
// (internal/capture, case encap): every one decodes into its variant and
// re-encodes to the kernel's bytes (decodeAll).
func TestGoldenEncap(t *testing.T) {
	byDst := map[string]*Route{}
	for _, r := range decodeAll[Route](t, "encap") {
		byDst[netip.PrefixFrom(r.Dst, int(r.Header.DstLen)).String()] = r
	}
	get := func(dst string, typ EncapType) *Route {
		t.Helper()
		r := byDst[dst]
		if r == nil {
			t.Fatalf("no route %s", dst)
		}
		if !r.Has(RTA_ENCAP) || r.EncapType != typ {
			t.Fatalf("%s: encap %v (present %v), want %v", dst, r.EncapType, r.Has(RTA_ENCAP), typ)
		}
		return r
	}
	srh := func(what string, p []byte, wantMode int32, path ...string) {
		t.Helper()
		var h nlwire.SRH
		mode, err := nlwire.Seg6Encap(p, &h)
		if err != nil || mode != wantMode || len(h.Segments) < len(path) {
			t.Fatalf("%s: mode %d %v %+v", what, mode, err, h)
		}
		for i, a := range path {
			if got := h.Segments[len(h.Segments)-1-i]; got != netip.MustParseAddr(a) {
				t.Errorf("%s: segment %d is %v, want %s", what, i, got, a)
			}
		}
	}
	r := get("10.40.0.0/16", LWTUNNEL_ENCAP_SEG6)
	srh("seg6 encap", r.Encap.Seg6.SRH, nlwire.Seg6ModeEncap, "2001:db8::2", "2001:db8::3")
	r = get("2001:db8:40::/48", LWTUNNEL_ENCAP_SEG6)
	srh("seg6 inline", r.Encap.Seg6.SRH, nlwire.Seg6ModeInline, "2001:db8::2")

	ip := &get("10.42.0.0/16", LWTUNNEL_ENCAP_IP).Encap.IP
	if ip.ID != 5 || ip.Dst != netip.MustParseAddr("192.0.2.1") || ip.Src != netip.MustParseAddr("192.0.2.2") || ip.TTL != 9 || ip.TOS != 3 {
		t.Errorf("ip encap %+v", ip)
	}
	ip6 := &get("2001:db8:43::/48", LWTUNNEL_ENCAP_IP6).Encap.IP6
	if ip6.ID != 6 || ip6.Dst != netip.MustParseAddr("2001:db8::5") || ip6.Hoplimit != 7 || ip6.TC != 2 {
		t.Errorf("ip6 encap %+v", ip6)
	}
	l := &get("2001:db8:41::/48", LWTUNNEL_ENCAP_SEG6_LOCAL).Encap.Seg6Local
	if l.Action != SEG6_LOCAL_ACTION_END_DT6 || !l.Has(SEG6_LOCAL_TABLE) || l.Table != 100 {
		t.Errorf("seg6local End.DT6 %+v", l)
	}
	l = &get("2001:db8:42::/48", LWTUNNEL_ENCAP_SEG6_LOCAL).Encap.Seg6Local
	if l.Action != SEG6_LOCAL_ACTION_END_X || l.NH6 != netip.MustParseAddr("2001:db8::9") {
		t.Errorf("seg6local End.X %+v", l)
	}
	// A multipath leg with its own encapsulation, next to a plain one.
	mp := byDst["10.43.0.0/16"]
	if mp == nil || len(mp.Multipath) != 2 {
		t.Fatalf("multipath route %+v", mp)
	}
	if leg := &mp.Multipath[0]; leg.EncapType != LWTUNNEL_ENCAP_SEG6 {
		t.Errorf("leg 0 encap %v", leg.EncapType)
	} else {
		srh("leg", leg.Encap.Seg6.SRH, nlwire.Seg6ModeEncap, "2001:db8::2")
	}
	if mp.Multipath[1].Has(RTA_ENCAP) {
		t.Error("leg 1 has an encap")
	}
}

// TestGoldenNexthopEncap checks NHA_ENCAP selected by NHA_ENCAP_TYPE in
// captured nexthop objects.
func TestGoldenNexthopEncap(t *testing.T) {
	byID := map[uint32]*NexthopObj{}
	for _, n := range decodeAll[NexthopObj](t, "nexthop-encap") {
		byID[n.ID] = n
	}
	if n := byID[20]; n == nil || n.EncapType != LWTUNNEL_ENCAP_SEG6 || !n.Encap.Seg6.Has(SEG6_IPTUNNEL_SRH) {
		t.Errorf("nexthop 20: %+v", n)
	}
	if n := byID[21]; n == nil || n.EncapType != LWTUNNEL_ENCAP_IP || n.Encap.IP.ID != 9 || n.Encap.IP.Dst != netip.MustParseAddr("192.0.2.9") {
		t.Errorf("nexthop 21: %+v", n)
	}
}
