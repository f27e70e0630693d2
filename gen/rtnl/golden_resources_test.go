package rtnl

import (
	"bytes"
	"net"
	"slices"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// decodeAll decodes every message of a capture into fresh values of T and
// checks that each re-encodes to the kernel's exact bytes.
func decodeAll[T any, PT interface {
	*T
	nlwire.Codec
}](t *testing.T, capture string) []*T {
	t.Helper()
	msgs := loadCaptures(t)[capture]
	if len(msgs) == 0 {
		t.Fatalf("no capture %s", capture)
	}
	var out []*T
	for _, m := range msgs {
		v := PT(new(T))
		if err := v.Decode(m.payload); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if b := v.Append(nil); !bytes.Equal(b, m.payload) {
			t.Errorf("%s: re-encoded bytes differ from the kernel's:\n got %x\nwant %x", m.name, b, m.payload)
		}
		if v.Size() != len(m.payload) {
			t.Errorf("%s: Size %d, kernel sent %d", m.name, v.Size(), len(m.payload))
		}
		out = append(out, (*T)(v))
	}
	return out
}

func mac(s string) []byte {
	hw, err := net.ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return hw
}

func TestGoldenLinks(t *testing.T) {
	byName := map[string]*Link{}
	for _, l := range decodeAll[Link](t, "links") {
		byName[l.IfName.String()] = l
	}
	lo, v0, v2 := byName["lo"], byName["veth0"], byName["veth2"]
	if lo == nil || v0 == nil || v2 == nil || byName["veth1"] == nil || byName["veth3"] == nil {
		t.Fatalf("links: %v", slices.Collect(func(yield func(string) bool) {
			for n := range byName {
				yield(n)
			}
		}))
	}
	if lo.Header.Index != 1 || lo.Header.Type != 772 || lo.Header.Flags&IFF_LOOPBACK == 0 || lo.Header.Flags.String() != "LOOPBACK|UP|LOWER_UP|RUNNING" {
		t.Errorf("lo header %+v", lo.Header)
	}
	if v0.MTU != 1400 || v0.IfAlias.String() != "uplink" || v0.OperState != IF_OPER_UP || v0.OperState.String() != "UP" ||
		v0.LinkInfo.Kind.String() != "veth" || !v0.Has(IFLA_LINKINFO) || !v0.Has(IFLA_LINK) || v0.Link != 2 || v0.Has(IFLA_PERM_ADDRESS) {
		t.Errorf("veth0: mtu %d alias %q oper %v kind %q", v0.MTU, v0.IfAlias, v0.OperState, v0.LinkInfo.Kind)
	}
	if got := v0.PropList.AltNames; len(got) != 2 || got[0].String() != "uplink0" || got[1].String() != "up0" {
		t.Errorf("veth0 altnames %q", got)
	}
	if !bytes.Equal(v2.Address, mac("02:00:00:00:00:02")) || v2.Group != 7 || v2.TxQLen != 500 || v2.Header.Index != 5 {
		t.Errorf("veth2: address %x group %d txqlen %d", v2.Address, v2.Group, v2.TxQLen)
	}
	if !v0.Has(IFLA_STATS64) || v0.Stats64.TxPackets == 0 {
		t.Errorf("veth0 STATS64 %+v", v0.Stats64)
	}
	// Attributes the schema keeps raw (IFLA_AF_SPEC, IFLA_XDP, ...) are there.
	if len(v0.Unknown) == 0 {
		t.Error("no unknown attributes kept for veth0")
	}
}

func TestGoldenAddrs(t *testing.T) {
	var found int
	for _, a := range decodeAll[Addr](t, "addrs") {
		switch {
		case a.Local == ip("10.0.2.1"):
			found++
			if a.Header.PrefixLen != 24 || a.Header.Index != 3 || a.Label.String() != "veth0:1" || a.Broadcast != ip("10.0.2.255") ||
				a.Address != ip("10.0.2.1") || a.Flags&IFA_F_PERMANENT == 0 {
				t.Errorf("10.0.2.1: %+v", a)
			}
		case a.Local == ip("10.0.3.1"):
			found++
			if a.Address != ip("10.0.3.2") || a.Header.PrefixLen != 32 || a.RtPriority != 50 || !a.Has(IFA_RT_PRIORITY) {
				t.Errorf("10.0.3.1 peer: %+v", a)
			}
		case a.Address == ip("2001:db8:2::1"):
			found++
			if a.Header.Index != 5 || a.Header.Family != AF_INET6 || a.Has(IFA_LOCAL) ||
				a.CacheInfo.Valid > 3600 || a.CacheInfo.Valid < 3500 || a.CacheInfo.Prefered > 1800 || a.CacheInfo.Prefered < 1700 ||
				a.Flags&IFA_F_PERMANENT != 0 || a.Flags&IFA_F_NODAD == 0 {
				t.Errorf("2001:db8:2::1: flags %v cacheinfo %+v", a.Flags, a.CacheInfo)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 addresses added", found)
	}
}

func TestGoldenNeighs(t *testing.T) {
	want := map[string]struct {
		ll    string
		dev   int32
		state NeighState
	}{
		"10.0.0.2":    {"02:00:00:00:00:0a", 3, NUD_PERMANENT},
		"2001:db8::2": {"02:00:00:00:00:0b", 3, NUD_PERMANENT},
		"10.0.1.3":    {"02:00:00:00:00:0c", 5, NUD_NOARP},
	}
	for _, n := range decodeAll[Neigh](t, "neighs") {
		w, ok := want[n.Dst.String()]
		if !ok {
			continue
		}
		delete(want, n.Dst.String())
		if !bytes.Equal(n.LLAddr, mac(w.ll)) || n.Header.Ifindex != w.dev || n.Header.State != w.state || !n.Has(NDA_CACHEINFO) {
			t.Errorf("%s: %+v", n.Dst, n)
		}
	}
	if len(want) != 0 {
		t.Errorf("neighbours not found: %v", want)
	}
}

func TestGoldenRules(t *testing.T) {
	byPrio := map[uint32]*Rule{}
	for _, r := range decodeAll[Rule](t, "rules") {
		byPrio[r.Priority] = r
	}
	check := func(prio uint32, ok func(r *Rule) bool) {
		t.Helper()
		r := byPrio[prio]
		if r == nil || !ok(r) {
			t.Errorf("rule %d: %+v", prio, r)
		}
	}
	check(100, func(r *Rule) bool {
		return r.Src == ip("10.0.0.0") && r.Header.SrcLen == 8 && r.Table == 100 && r.Header.Action == FR_ACT_TO_TBL
	})
	check(200, func(r *Rule) bool { return r.FwMark == 0x10 && r.FwMask == 0xff && r.Table == 200 })
	check(300, func(r *Rule) bool {
		return r.IPProto == 6 && r.DPortRange == PortRange{80, 90} && r.Table == 300 && r.Header.Table == uint8(RT_TABLE_COMPAT)
	})
	check(400, func(r *Rule) bool { return r.UIDRange == UIDRange{1000, 2000} && r.Table == 400 })
	check(500, func(r *Rule) bool { return r.IIFName.String() == "veth0" && r.Table == 500 })
	check(700, func(r *Rule) bool {
		return r.Header.Action == FR_ACT_BLACKHOLE && r.Header.Action.String() == "blackhole"
	})
	check(600, func(r *Rule) bool {
		return r.Header.Family == AF_INET6 && r.Dst == ip("2001:db8::") && r.Header.DstLen == 32 && r.Protocol == RTPROT_STATIC
	})
	// The kernel's default rules: local, main, default.
	check(32766, func(r *Rule) bool { return r.Table == RT_TABLE_MAIN })
}

func TestGoldenNexthops(t *testing.T) {
	byID := map[uint32]*NexthopObj{}
	for _, n := range decodeAll[NexthopObj](t, "nexthops") {
		byID[n.ID] = n
	}
	if n := byID[1]; n == nil || n.Gateway != ip("10.0.0.2") || n.OIF != 3 || n.Header.Family != AF_INET {
		t.Errorf("nexthop 1: %+v", n)
	}
	if n := byID[3]; n == nil || !n.Has(NHA_BLACKHOLE) || n.Has(NHA_GATEWAY) {
		t.Errorf("nexthop 3: %+v", n)
	}
	if n := byID[4]; n == nil || n.Gateway != ip("2001:db8::2") || n.Header.Family != AF_INET6 {
		t.Errorf("nexthop 4: %+v", n)
	}
	if n := byID[10]; n == nil || !slices.Equal(n.Group, []NexthopGrp{{ID: 1, Weight: 0}, {ID: 2, Weight: 2}}) || n.GroupType != NEXTHOP_GRP_TYPE_MPATH {
		t.Errorf("nexthop 10: %+v", n)
	}
	if n := byID[11]; n == nil || !slices.Equal(n.Group, []NexthopGrp{{ID: 1, Weight: 4}, {ID: 2, Weight: 0}}) {
		t.Errorf("nexthop 11: %+v", n)
	}
}
