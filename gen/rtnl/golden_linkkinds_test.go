package rtnl

import (
	"net/netip"
	"testing"
)

// TestGoldenLinkKinds checks IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA of
// links captured from the kernel (internal/capture, case link-kinds): each
// decodes into the variant IFLA_INFO_KIND names, and re-encodes to the
// kernel's bytes (decodeAll).
func TestGoldenLinkKinds(t *testing.T) {
	byName := map[string]*Link{}
	for _, l := range decodeAll[Link](t, "link-kinds") {
		byName[l.IfName.String()] = l
	}
	get := func(name, kind string) *LinkInfo {
		t.Helper()
		l := byName[name]
		if l == nil || !l.Has(IFLA_LINKINFO) || l.LinkInfo.Kind.String() != kind {
			t.Fatalf("%s: no link of kind %s: %+v", name, kind, l)
		}
		return &l.LinkInfo
	}
	br := get("br0", "bridge")
	if !br.Has(IFLA_INFO_DATA) {
		t.Fatal("br0: no IFLA_INFO_DATA")
	}
	b := &br.Data.Bridge
	if !b.Has(IFLA_BR_FORWARD_DELAY) || b.ForwardDelay != 400 || !b.Has(IFLA_BR_HELLO_TIMER) || !b.Has(IFLA_BR_GROUP_ADDR) {
		t.Errorf("bridge data: forward delay %d, present %v, hello timer %v", b.ForwardDelay, b.Has(IFLA_BR_FORWARD_DELAY), b.Has(IFLA_BR_HELLO_TIMER))
	}
	port := get("veth1", "veth")
	if port.SlaveKind.String() != "bridge" || !port.Has(IFLA_INFO_SLAVE_DATA) {
		t.Fatalf("veth1: slave kind %q", port.SlaveKind)
	}
	if p := &port.SlaveData.Bridge; p.Cost != 7 || p.Priority != 9 || !p.Has(IFLA_BRPORT_STATE) {
		t.Errorf("bridge port: cost %d priority %d", p.Cost, p.Priority)
	}
	if m := get("mv0", "macvlan").Data.Macvlan; m.Mode != MACVLAN_MODE_BRIDGE {
		t.Errorf("mv0 mode %v", m.Mode)
	}
	if m := get("mv1", "macvlan").Data.Macvlan; m.Mode != MACVLAN_MODE_PRIVATE {
		t.Errorf("mv1 mode %v", m.Mode)
	}
	v := &get("vx1", "vxlan").Data.Vxlan
	if v.VNI != 42 || v.Port != 4789 || v.Local != netip.MustParseAddr("10.0.0.1") || v.Group != netip.MustParseAddr("10.0.0.9") || v.TTL != 10 {
		t.Errorf("vx1: vni %d port %d local %v group %v ttl %d", v.VNI, v.Port, v.Local, v.Group, v.TTL)
	}
	v = &get("vx6", "vxlan").Data.Vxlan
	if v.VNI != 43 || v.Port != 4790 || v.Local6 != netip.MustParseAddr("2001:db8::1") || v.Group6 != netip.MustParseAddr("ff05::1") {
		t.Errorf("vx6: vni %d port %d local6 %v group6 %v", v.VNI, v.Port, v.Local6, v.Group6)
	}
	// ifb sends no IFLA_INFO_DATA; veth none either.
	if get("ifb0", "ifb").Has(IFLA_INFO_DATA) || get("veth0", "veth").Has(IFLA_INFO_DATA) {
		t.Error("data where the kernel sends none")
	}
}
