package rtnl

import (
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// TestGoldenNetconf decodes a captured RTM_GETNETCONF dump (an AF_UNSPEC
// dump: IPv4 and IPv6 entries for lo, two veth pairs, "all" and "default";
// the capture's sysctls set the values checked below), and re-encodes each
// message to the kernel's bytes, the header's 3 bytes of padding included.
func TestGoldenNetconf(t *testing.T) {
	ncs := decodeAll[Netconf](t, "netconfs")
	const all, dflt = -1, -2 // NETCONFA_IFINDEX_ALL, NETCONFA_IFINDEX_DEFAULT
	byFam := map[Family]map[int32]*Netconf{AF_INET: {}, AF_INET6: {}}
	for _, n := range ncs {
		m := byFam[n.Header.Family]
		if m == nil {
			t.Fatalf("family %v: want inet or inet6", n.Header.Family)
		}
		if !n.Has(NETCONFA_IFINDEX) || !n.Has(NETCONFA_FORWARDING) {
			t.Errorf("%v ifindex %d: no NETCONFA_IFINDEX or NETCONFA_FORWARDING", n.Header.Family, n.Ifindex)
		}
		if m[n.Ifindex] != nil {
			t.Errorf("%v: ifindex %d twice", n.Header.Family, n.Ifindex)
		}
		m[n.Ifindex] = n
	}
	v4, v6 := byFam[AF_INET], byFam[AF_INET6]
	for fam, m := range byFam {
		if len(m) != 7 || m[all] == nil || m[dflt] == nil || m[1] == nil {
			t.Errorf("%v: %d entries, want 7: all, default, lo and 4 veths", fam, len(m))
		}
	}
	// The capture set these on veth0, veth2 and the IPv4 defaults; find
	// each device by its settings and check they agree across families.
	find := func(m map[int32]*Netconf, ok func(*Netconf) bool) int32 {
		var found []int32
		for i, n := range m {
			if ok(n) {
				found = append(found, i)
			}
		}
		if len(found) != 1 {
			t.Errorf("%d entries match, want 1: %v", len(found), found)
			return 0
		}
		return found[0]
	}
	veth0 := find(v4, func(n *Netconf) bool { return n.Forwarding == 1 && n.RPFilter == 2 })
	veth2 := find(v4, func(n *Netconf) bool { return n.ProxyNeigh == 1 })
	if veth0 <= 1 || veth2 <= 1 || veth0 == veth2 {
		t.Errorf("veth0 %d, veth2 %d: want two real devices", veth0, veth2)
	}
	if got := find(v6, func(n *Netconf) bool { return n.Forwarding == 1 }); got != veth2 {
		t.Errorf("IPv6 forwarding is on for ifindex %d, want veth2 (%d)", got, veth2)
	}
	if got := find(v6, func(n *Netconf) bool { return n.IgnoreRoutesWithLinkdown == 1 }); got != veth0 {
		t.Errorf("IPv6 ignore_routes_with_linkdown is on for ifindex %d, want veth0 (%d)", got, veth0)
	}
	// (A default the kernel also copies to devices that never set it.)
	if d, a := v4[dflt], v4[all]; d == nil || a == nil || d.BCForwarding != 1 || a.BCForwarding != 0 {
		t.Errorf("bc_forwarding: want 1 in the IPv4 defaults, 0 in all")
	}
	if d := v4[dflt]; d != nil && (!d.Has(NETCONFA_RP_FILTER) || !d.Has(NETCONFA_BC_FORWARDING)) {
		t.Errorf("IPv4 defaults lack rp_filter or bc_forwarding")
	}
	if d := v6[dflt]; d != nil && (d.Has(NETCONFA_RP_FILTER) || !d.Has(NETCONFA_PROXY_NEIGH)) {
		t.Errorf("IPv6 entries have rp_filter (IPv4 only) or lack proxy_neigh")
	}
}

// TestNetconfMetadata: netconf's numbers and groups come from the schema,
// like every other message's.
func TestNetconfMetadata(t *testing.T) {
	mi := new(Netconf).MessageInfo()
	if mi.Name != "netconf" || mi.GetType != uint16(RTM_GETNETCONF) || mi.NewType != uint16(RTM_NEWNETCONF) || mi.DelType != uint16(RTM_DELNETCONF) ||
		nlwire.FindMessage(Messages, "netconf") != mi || mi.Monitor != "netconf" {
		t.Errorf("netconf: %+v", mi)
	}
	want := map[Group]Family{RTNLGRP_IPV4_NETCONF: AF_INET, RTNLGRP_IPV6_NETCONF: AF_INET6, RTNLGRP_MPLS_NETCONF: AF_MPLS}
	if len(mi.GroupInfo) != len(want) {
		t.Errorf("groups %+v", mi.GroupInfo)
	}
	for _, g := range mi.GroupInfo {
		if f, ok := want[Group(g.Group)]; !ok || Family(g.Family) != f || g.Default {
			t.Errorf("group %+v", g)
		}
	}
	// struct netconfmsg is one byte, padded to 4 on the wire.
	var n Netconf
	n.Header.Family = AF_INET
	n.SetIfindex(-1)
	if b := n.Append(nil); len(b) != 12 || b[0] != byte(AF_INET) || b[1]|b[2]|b[3] != 0 || n.Size() != 12 {
		t.Errorf("Append: %x (Size %d)", b, n.Size())
	}
}
