package addr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

type testNS struct {
	ns      nlsock.NetNS
	c       *nlsock.Conn
	ctx     context.Context
	byName  map[string]uint32
	byIndex map[uint32]string

	ipPrintsProto bool // this ip shows IFA_PROTO (iproute2 6.1 does not)
}

// newTestNS builds lo (up), veth0 <-> veth1 and veth2 <-> veth3 (up) with:
//
//	veth0  10.0.0.1/24 brd 10.0.0.255 label veth0:lab
//	       10.0.0.2/24 (secondary)
//	       10.9.0.1 peer 10.9.0.2/32 metric 55
//	       2001:db8::1/64 nodad valid_lft 3000 preferred_lft 2000
//	       2001:db8:5::1/64 nodad metric 77 noprefixroute
//	       2001:db8:9::1/64 nodad mngtmpaddr home
//	veth2  192.168.7.1/24, 2001:db8:7::1/64 nodad
func newTestNS(t *testing.T) *testNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.Veth(t, ns, "veth2", "veth3")
	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.0.1/24 broadcast 10.0.0.255 label veth0:lab dev veth0",
		"addr add 10.0.0.2/24 dev veth0",
		"addr add 10.9.0.1 peer 10.9.0.2/32 dev veth0 metric 55",
		"addr add 2001:db8::1/64 dev veth0 nodad valid_lft 3000 preferred_lft 2000",
		"addr add 2001:db8:5::1/64 dev veth0 nodad metric 77 noprefixroute",
		"addr add 2001:db8:9::1/64 dev veth0 nodad mngtmpaddr home",
		"addr add 192.168.7.1/24 dev veth2",
		"addr add 2001:db8:7::1/64 dev veth2 nodad",
	}, "\n")+"\n")
	c, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	tn := &testNS{ns: ns, c: c, ctx: ctx, byName: map[string]uint32{}, byIndex: map[uint32]string{}}
	tn.byName, tn.byIndex = nstest.Interfaces(t, ns)
	return tn
}

// view is what both ip(8) and this package say about an address.
type view struct {
	Dev, Family, Local string
	PrefixLen, Scope   int
	Peer, Broadcast    string
	Label              string
	Metric             int // -1 when absent
	Protocol           string
	Flags              []string // sorted, as ip names them
	Valid, Preferred   int64    // lifetimes; checked apart (they count down)
	validSet, prefSet  bool
}

func (v view) key() string { return fmt.Sprintf("%s %s/%d", v.Dev, v.Local, v.PrefixLen) }

// same compares everything but the lifetimes.
func (v view) same(o view) bool {
	a, b := v, o
	a.Valid, a.Preferred, b.Valid, b.Preferred = 0, 0, 0, 0
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

// ipFlagNames are ip's names for address flags, in print_ifa_flags order.
// IFA_F_PERMANENT prints as "dynamic" when absent; IFA_F_SECONDARY prints as
// "temporary" for IPv6.
var ipFlagNames = []struct {
	f    rtnl.AddrFlags
	name string
}{
	{rtnl.IFA_F_SECONDARY, "secondary"}, {rtnl.IFA_F_NODAD, "nodad"}, {rtnl.IFA_F_OPTIMISTIC, "optimistic"},
	{rtnl.IFA_F_DADFAILED, "dadfailed"}, {rtnl.IFA_F_HOMEADDRESS, "home"}, {rtnl.IFA_F_DEPRECATED, "deprecated"},
	{rtnl.IFA_F_TENTATIVE, "tentative"}, {rtnl.IFA_F_MANAGETEMPADDR, "mngtmpaddr"},
	{rtnl.IFA_F_NOPREFIXROUTE, "noprefixroute"}, {rtnl.IFA_F_MCAUTOJOIN, "autojoin"},
	{rtnl.IFA_F_STABLE_PRIVACY, "stable-privacy"},
}

// ipAddrs runs `ip -j -N -d addr show` and flattens its per-link addr_info.
func (tn *testNS) ipAddrs(t *testing.T, args ...string) map[string]view {
	t.Helper()
	var raw []struct {
		Name     string                       `json:"ifname"`
		AddrInfo []map[string]json.RawMessage `json:"addr_info"`
	}
	out := nstest.IP(t, tn.ns, append([]string{"-j", "-N", "-d"}, append(args, "addr", "show")...)...)
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip -j addr: %v\n%s", err, out)
	}
	views := map[string]view{}
	for _, l := range raw {
		for _, a := range l.AddrInfo {
			str := func(k string) string {
				var s string
				if r, ok := a[k]; ok {
					if err := json.Unmarshal(r, &s); err != nil {
						t.Fatalf("ip addr %s: %s = %s: %v", l.Name, k, r, err)
					}
				}
				return s
			}
			num := func(k string) (int64, bool) {
				var n int64
				r, ok := a[k]
				if ok {
					if err := json.Unmarshal(r, &n); err != nil {
						t.Fatalf("ip addr %s: %s = %s: %v", l.Name, k, r, err)
					}
				}
				return n, ok
			}
			v := view{Dev: l.Name, Family: str("family"), Local: str("local"), Peer: str("address"),
				Broadcast: str("broadcast"), Label: str("label"), Metric: -1, Protocol: str("protocol")}
			pl, _ := num("prefixlen")
			v.PrefixLen = int(pl)
			scope, err := strconv.Atoi(str("scope"))
			if err != nil {
				t.Fatalf("ip -N printed scope %q", str("scope"))
			}
			v.Scope = scope
			if m, ok := num("metric"); ok {
				v.Metric = int(m)
			}
			v.Valid, v.validSet = num("valid_life_time")
			v.Preferred, v.prefSet = num("preferred_life_time")
			for _, f := range append(slices.Collect(func(yield func(string) bool) {
				for _, n := range ipFlagNames {
					if !yield(n.name) {
						return
					}
				}
			}), "dynamic", "temporary") {
				var b bool
				if r, ok := a[f]; ok && json.Unmarshal(r, &b) == nil && b {
					v.Flags = append(v.Flags, f)
				}
			}
			if r, ok := a["flags"]; ok {
				v.Flags = append(v.Flags, "0x"+strings.Trim(string(r), `"`))
			}
			slices.Sort(v.Flags)
			views[v.key()] = v
		}
	}
	return views
}

// viewOf describes a decoded address the way ipAddrs does.
func (tn *testNS) viewOf(a *rtnl.Addr) view {
	p := Prefix(a)
	v := view{Dev: tn.byIndex[a.Header.Index], Local: p.Addr().String(), PrefixLen: p.Bits(),
		Scope: int(a.Header.Scope), Metric: -1}
	switch a.Header.Family {
	case rtnl.AF_INET:
		v.Family = "inet"
	case rtnl.AF_INET6:
		v.Family = "inet6"
	default:
		v.Family = a.Header.Family.String()
	}
	if peer, ok := Peer(a); ok {
		v.Peer = peer.String()
	}
	if a.Has(rtnl.IFA_BROADCAST) {
		v.Broadcast = a.Broadcast.String()
	}
	if a.Has(rtnl.IFA_LABEL) {
		v.Label = a.Label.String()
	}
	if a.Has(rtnl.IFA_RT_PRIORITY) {
		v.Metric = int(a.RtPriority)
	}
	if a.Has(rtnl.IFA_PROTO) {
		v.Protocol = strconv.Itoa(int(a.Proto))
	}
	if a.Has(rtnl.IFA_CACHEINFO) {
		v.Valid, v.validSet = int64(a.CacheInfo.Valid), true
		v.Preferred, v.prefSet = int64(a.CacheInfo.Prefered), true
	}
	f := Flags(a)
	if f&rtnl.IFA_F_PERMANENT == 0 {
		v.Flags = append(v.Flags, "dynamic")
	}
	f &^= rtnl.IFA_F_PERMANENT
	for _, n := range ipFlagNames {
		if f&n.f == 0 {
			continue
		}
		f &^= n.f
		if n.f == rtnl.IFA_F_SECONDARY && a.Header.Family == rtnl.AF_INET6 {
			v.Flags = append(v.Flags, "temporary")
		} else {
			v.Flags = append(v.Flags, n.name)
		}
	}
	if f != 0 {
		v.Flags = append(v.Flags, "0x"+strconv.FormatUint(uint64(f), 16))
	}
	slices.Sort(v.Flags)
	return v
}

// compare lists every address and compares it with ip's view.
func (tn *testNS) compare(t *testing.T) []string {
	t.Helper()
	addrs, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := tn.ipAddrs(t) // after List: ip's lifetimes are at most ours
	for _, w := range want {
		tn.ipPrintsProto = tn.ipPrintsProto || w.Protocol != ""
	}
	var diffs []string
	got := map[string]bool{}
	for i := range addrs {
		g := tn.viewOf(&addrs[i])
		got[g.key()] = true
		w, ok := want[g.key()]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("List has %+v; ip does not", g))
			continue
		}
		if w.Protocol == "" && !tn.ipPrintsProto {
			g.Protocol = "" // this ip predates IFA_PROTO; checked apart
		}
		if !g.same(w) {
			diffs = append(diffs, fmt.Sprintf("address %s:\n List %+v\n   ip %+v", g.key(), g, w))
		}
		for _, lt := range []struct {
			name       string
			g, w       int64
			gSet, wSet bool
		}{{"valid", g.Valid, w.Valid, g.validSet, w.validSet}, {"preferred", g.Preferred, w.Preferred, g.prefSet, w.prefSet}} {
			// ip prints the kernel's remaining lifetime a moment later.
			if lt.gSet != lt.wSet || lt.w > lt.g || lt.g-lt.w > 3 {
				diffs = append(diffs, fmt.Sprintf("address %s: %s lifetime List %d (present %v), ip %d (present %v)",
					g.key(), lt.name, lt.g, lt.gSet, lt.w, lt.wSet))
			}
		}
	}
	for k, w := range want {
		if !got[k] {
			diffs = append(diffs, fmt.Sprintf("ip lists %+v; List does not", w))
		}
	}
	return diffs
}

func TestIntegrationListMatchesIP(t *testing.T) {
	tn := newTestNS(t)
	nstest.Settle(t, func() []string { return tn.compare(t) })

	addrs, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(p string) *rtnl.Addr {
		for i := range addrs {
			if Prefix(&addrs[i]) == netip.MustParsePrefix(p) {
				return &addrs[i]
			}
		}
		t.Fatalf("no address %s in %d addresses", p, len(addrs))
		return nil
	}
	veth0 := tn.byName["veth0"]
	a := find("10.0.0.1/24")
	if a.Header.Index != veth0 || a.Label.String() != "veth0:lab" || a.Broadcast != netip.MustParseAddr("10.0.0.255") ||
		Flags(a)&rtnl.IFA_F_PERMANENT == 0 || Flags(a)&rtnl.IFA_F_SECONDARY != 0 || a.Header.Scope != rtnl.RT_SCOPE_UNIVERSE {
		t.Errorf("10.0.0.1/24: %+v", a)
	}
	if _, ok := Peer(a); ok {
		t.Errorf("10.0.0.1/24 has a peer")
	}
	if a := find("10.0.0.2/24"); Flags(a)&rtnl.IFA_F_SECONDARY == 0 {
		t.Errorf("10.0.0.2/24 is not secondary: %v", Flags(a))
	}
	a = find("10.9.0.1/32")
	if peer, ok := Peer(a); !ok || peer != netip.MustParseAddr("10.9.0.2") || a.RtPriority != 55 || !a.Has(rtnl.IFA_RT_PRIORITY) {
		t.Errorf("10.9.0.1 peer 10.9.0.2: peer %v %v metric %d", peer, ok, a.RtPriority)
	}
	a = find("2001:db8::1/64")
	if a.CacheInfo.Valid > 3000 || a.CacheInfo.Valid < 2990 || a.CacheInfo.Prefered > 2000 || a.CacheInfo.Prefered < 1990 ||
		Flags(a)&rtnl.IFA_F_PERMANENT != 0 || Flags(a)&rtnl.IFA_F_NODAD == 0 {
		t.Errorf("2001:db8::1/64: cacheinfo %+v flags %v", a.CacheInfo, Flags(a))
	}
	a = find("2001:db8:5::1/64")
	if a.RtPriority != 77 || Flags(a)&rtnl.IFA_F_NOPREFIXROUTE == 0 || Flags(a)&rtnl.IFA_F_PERMANENT == 0 {
		t.Errorf("2001:db8:5::1/64: metric %d flags %v", a.RtPriority, Flags(a))
	}
	// IFA_FLAGS carries bits above the header byte: the header alone
	// loses noprefixroute (0x200).
	if rtnl.AddrFlags(a.Header.Flags)&rtnl.IFA_F_NOPREFIXROUTE != 0 || !a.Has(rtnl.IFA_FLAGS) {
		t.Errorf("2001:db8:5::1/64: header flags %#x, IFA_FLAGS present %v", a.Header.Flags, a.Has(rtnl.IFA_FLAGS))
	}
	// AddrFlags.String should name flags as ip does (the design's rule for
	// enums); ip says "mngtmpaddr" and "home".
	a = find("2001:db8:9::1/64")
	if f := Flags(a); f&rtnl.IFA_F_MANAGETEMPADDR == 0 || f&rtnl.IFA_F_HOMEADDRESS == 0 {
		t.Errorf("2001:db8:9::1/64: flags %v", f)
	} else if s := f.String(); !strings.Contains(s, "mngtmpaddr") || !strings.Contains(s, "home") {
		t.Errorf("regression: AddrFlags.String() = %q; ip names these flags nodad, home, mngtmpaddr, permanent (and autojoin, stable-privacy)", s)
	}
	// Without metric, IFA_RT_PRIORITY stays absent.
	if a := find("192.168.7.1/24"); a.Has(rtnl.IFA_RT_PRIORITY) {
		t.Errorf("192.168.7.1/24 without metric has IFA_RT_PRIORITY %d", a.RtPriority)
	}
	if a := find("::1/128"); a.Header.Scope != rtnl.RT_SCOPE_HOST || a.Header.Index != tn.byName["lo"] {
		t.Errorf("::1: %+v", a.Header)
	}
	// IFA_PROTO: newer kernels mark the addresses they made themselves.
	marks := slices.ContainsFunc(addrs, func(a rtnl.Addr) bool { return a.Has(rtnl.IFA_PROTO) })
	if !marks {
		t.Log("no address has IFA_PROTO: this kernel predates it")
	}
	for i := range addrs {
		if !marks {
			break
		}
		a := &addrs[i]
		p := Prefix(a)
		want := rtnl.AddrProto(0)
		switch {
		case p == netip.MustParsePrefix("::1/128"):
			want = rtnl.IFAPROT_KERNEL_LO
		case p.Addr().Is6() && p.Addr().IsLinkLocalUnicast():
			want = rtnl.IFAPROT_KERNEL_LL
		}
		if got := a.Proto; got != want || a.Has(rtnl.IFA_PROTO) != (want != 0) {
			t.Errorf("%s: IFA_PROTO %v (present %v), want %v", p, got, a.Has(rtnl.IFA_PROTO), want)
		}
	}
}

func (tn *testNS) list(t *testing.T, f Filter) []string {
	t.Helper()
	var out []string
	for a, err := range All(tn.ctx, tn.c, f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tn.byIndex[a.Header.Index]+" "+Prefix(a).String())
	}
	slices.Sort(out)
	return out
}

// filtered reports whether every reply to f's raw dump carried
// NLM_F_DUMP_FILTERED, and how many replies there were.
func (tn *testNS) filtered(t *testing.T, f Filter) (bool, int) {
	t.Helper()
	all, n := true, 0
	for m, err := range tn.c.Dump(tn.ctx, "RTM_GETADDR", uint16(rtnl.RTM_GETADDR), 0, f.request()) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type == uint16(rtnl.RTM_NEWADDR) {
			n++
			all = all && m.Header.Flags&nlsock.FlagDumpFiltered != 0
		}
	}
	return all, n
}

func TestIntegrationFilters(t *testing.T) {
	tn := newTestNS(t)
	nstest.Settle(t, func() []string {
		var diffs []string
		for _, tc := range []struct {
			f  Filter
			ip []string
		}{
			{Filter{}, nil},
			{Filter{Family: rtnl.AF_INET}, []string{"-4"}},
			{Filter{Family: rtnl.AF_INET6}, []string{"-6"}},
			{Filter{Index: tn.byName["veth0"]}, []string{"dev", "veth0"}},
			{Filter{Family: rtnl.AF_INET6, Index: tn.byName["veth2"]}, []string{"-6", "dev", "veth2"}},
			{Filter{Family: rtnl.AF_INET, Index: tn.byName["lo"]}, []string{"-4", "dev", "lo"}},
		} {
			// ip -N -d addr show puts flags before "addr show"; the dev
			// selector comes after it.
			var pre, post []string
			for i, a := range tc.ip {
				if a == "dev" {
					post = tc.ip[i:]
					break
				}
				pre = append(pre, a)
			}
			got := tn.list(t, tc.f)
			want := tn.ipListArgs(t, pre, post)
			if len(got) == 0 || !slices.Equal(got, want) {
				diffs = append(diffs, fmt.Sprintf("Filter %+v: List %v\n ip %v", tc.f, got, want))
			}
		}
		return diffs
	})

	// The kernel filters by interface itself and says so.
	if all, n := tn.filtered(t, Filter{Index: tn.byName["veth0"]}); !all || n == 0 {
		t.Errorf("dump by index: %d replies, all NLM_F_DUMP_FILTERED: %v", n, all)
	}
	if all, n := tn.filtered(t, Filter{Family: rtnl.AF_INET, Index: tn.byName["veth2"]}); !all || n != 1 {
		t.Errorf("dump by family+index: %d replies, all NLM_F_DUMP_FILTERED: %v", n, all)
	}
	// The family selects the dumper: nothing to mark.
	if all, n := tn.filtered(t, Filter{Family: rtnl.AF_INET}); all || n == 0 {
		t.Logf("dump by family only: %d replies, all NLM_F_DUMP_FILTERED: %v", n, all)
	}

	// An interface that does not exist: the kernel answers ENODEV.
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6, rtnl.AF_UNSPEC} {
		got, err := List(tn.ctx, tn.c, Filter{Family: fam, Index: 999999})
		if !errors.Is(err, unix.ENODEV) {
			if err == nil && len(got) == 0 {
				t.Logf("Family %v Index 999999: empty list, no error", fam)
				continue
			}
			t.Errorf("Family %v Index 999999: %d addresses, %v; want ENODEV", fam, len(got), err)
		}
	}
}

func (tn *testNS) ipListArgs(t *testing.T, pre, post []string) []string {
	t.Helper()
	var raw []struct {
		Name     string `json:"ifname"`
		AddrInfo []struct {
			Local     string `json:"local"`
			PrefixLen int    `json:"prefixlen"`
		} `json:"addr_info"`
	}
	args := append(append(append([]string{"-j"}, pre...), "addr", "show"), post...)
	out := nstest.IP(t, tn.ns, args...)
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip %v: %v\n%s", args, err, out)
	}
	var list []string
	for _, l := range raw {
		for _, a := range l.AddrInfo {
			list = append(list, fmt.Sprintf("%s %s/%d", l.Name, a.Local, a.PrefixLen))
		}
	}
	slices.Sort(list)
	return list
}
