package rule

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Multicast routing rules (ip mrule) come with an AF_UNSPEC dump too.
const (
	familyIPMR  rtnl.Family = 128 // RTNL_FAMILY_IPMR
	familyIP6MR rtnl.Family = 129 // RTNL_FAMILY_IP6MR
)

type testNS struct {
	ns  nlsock.NetNS
	c   *nlsock.Conn
	ctx context.Context
}

// rules are the rules newTestNS adds, by family; each has its own priority.
var rules = map[rtnl.Family][]string{
	rtnl.AF_INET: {
		"pref 100 from 10.1.0.0/16 to 10.2.0.0/24 table 1000",
		"pref 110 fwmark 0x10/0xff ipproto tcp dport 80-90 sport 1000 table 200",
		"pref 120 uidrange 100-200 iif veth0 oif veth1 lookup main suppress_prefixlength 0",
		"pref 130 from 10.3.0.0/16 blackhole",
		"pref 140 from 10.4.0.0/16 goto 150",
		"pref 145 goto 146", // no rule 146: unresolved
		"pref 150 not from 10.5.0.0/16 tos 0x10 prohibit",
		"pref 160 fwmark 0x20 unreachable protocol 99",
		"pref 170 from 10.6.0.1 nop",
		"pref 190 iif lo oif linx-ghost0 table 10", // oif detached: no such link
		"pref 200 ipproto udp sport 1000-2000 dport 443 table 201",
		"pref 210 to 10.8.0.0/16 table 7 suppress_ifgroup 3",
	},
	rtnl.AF_INET6: {
		"pref 300 from 2001:db8::/32 table 3000 ipproto udp dport 53",
		"pref 310 to 2001:db8:1::1 fwmark 0x5/0xf blackhole",
		"pref 320 lookup 2000 suppress_prefixlength 64",
		"pref 330 not to 2001:db8:2::/48 iif veth1 table 254 protocol 42",
	},
}

func newTestNS(t *testing.T) *testNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.Veth(t, ns, "veth0", "veth1")
	for _, r := range rules[rtnl.AF_INET] {
		nstest.IP(t, ns, append([]string{"-4", "rule", "add"}, strings.Fields(r)...)...)
	}
	for _, r := range rules[rtnl.AF_INET6] {
		nstest.IP(t, ns, append([]string{"-6", "rule", "add"}, strings.Fields(r)...)...)
	}
	c, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return &testNS{ns: ns, c: c, ctx: ctx}
}

// view is what both ip(8) and this package say about a rule.
type view struct {
	Family                   rtnl.Family
	Priority                 int
	Not                      bool
	Src, Dst                 string // "all" or a prefix; "" when absent (Dst)
	Tos                      string
	FwMark, FwMask           string
	IIF, OIF                 string
	IIFDetached, OIFDetached bool
	UIDRange                 string
	IPProto                  int // -1 when absent
	SPort, DPort             string
	Table                    int
	SuppressPrefixLen        int // -1 when absent or "none"
	SuppressIfGroup          int // -1 when absent or "none"
	Goto                     string
	Unresolved               bool
	Action, Protocol         string
}

func (v view) key() string { return fmt.Sprintf("%v/%d", v.Family, v.Priority) }

// ipRules runs `ip -j -N -d FAMILY rule|mrule show`.
func (tn *testNS) ipRules(t *testing.T, fam rtnl.Family) map[string]view {
	t.Helper()
	args := []string{"-j", "-N", "-d"}
	switch fam {
	case rtnl.AF_INET:
		args = append(args, "-4", "rule", "show")
	case rtnl.AF_INET6:
		args = append(args, "-6", "rule", "show")
	case familyIPMR:
		args = append(args, "-4", "mrule", "show")
	case familyIP6MR:
		args = append(args, "-6", "mrule", "show")
	}
	out := nstest.IP(t, tn.ns, args...)
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip %v: %v\n%s", args, err, out)
	}
	views := map[string]view{}
	for _, r := range raw {
		has := func(k string) bool { _, ok := r[k]; return ok }
		str := func(k string) string {
			m, ok := r[k]
			if !ok {
				return ""
			}
			var s string
			if json.Unmarshal(m, &s) == nil {
				return s
			}
			return string(m) // a number
		}
		num := func(k string) int {
			s := str(k)
			if s == "" {
				return -1
			}
			n, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("ip rule: %s = %q, not a number", k, s)
			}
			return n
		}
		prefix := func(addrKey, lenKey string) string {
			a := str(addrKey)
			if a == "" || a == "all" {
				return a
			}
			ip := netip.MustParseAddr(a)
			bits := ip.BitLen()
			if l := num(lenKey); l >= 0 {
				bits = l
			}
			return netip.PrefixFrom(ip, bits).String()
		}
		v := view{Family: fam, Priority: num("priority"), Not: has("not"), Src: prefix("src", "srclen"),
			Dst: prefix("dst", "dstlen"), Tos: str("tos"), FwMark: str("fwmark"), FwMask: str("fwmask"),
			IIF: str("iif"), OIF: str("oif"), IIFDetached: has("iif_detached"), OIFDetached: has("oif_detached"),
			IPProto: -1, Table: num("table"), SuppressPrefixLen: num("suppress_prefixlen"),
			SuppressIfGroup: num("suppress_ifgroup"), Goto: str("goto"), Unresolved: has("unresolved"),
			Action: str("action"), Protocol: str("protocol")}
		if has("nop") {
			v.Action = "nop" // FR_ACT_NOP prints as a key of its own
		}
		if v.Table < 0 {
			v.Table = 0
		}
		if has("uid_start") {
			v.UIDRange = str("uid_start") + "-" + str("uid_end")
		}
		if p := str("ipproto"); p != "" {
			// -N prints "ipproto-6"; a name table would print "tcp".
			n, err := strconv.Atoi(strings.TrimPrefix(p, "ipproto-"))
			if err != nil {
				t.Fatalf("ip rule: ipproto %q", p)
			}
			v.IPProto = n
		}
		ports := func(k string) string {
			if has(k) {
				return str(k)
			}
			if has(k + "_start") {
				return str(k+"_start") + "-" + str(k+"_end")
			}
			return ""
		}
		v.SPort, v.DPort = ports("sport"), ports("dport")
		views[v.key()] = v
	}
	return views
}

// viewOf describes a decoded rule the way ipRules does (iproute2's
// print_rule).
func viewOf(r *rtnl.Rule) view {
	h := &r.Header
	v := view{Family: h.Family, Not: h.Flags&rtnl.FIB_RULE_INVERT != 0, IPProto: -1,
		SuppressPrefixLen: -1, SuppressIfGroup: -1, Table: int(Table(r))}
	if r.Has(rtnl.FRA_PRIORITY) {
		v.Priority = int(r.Priority)
	}
	switch {
	case r.Has(rtnl.FRA_SRC):
		v.Src = netip.PrefixFrom(r.Src, int(h.SrcLen)).String()
	case h.SrcLen != 0:
		v.Src = "0/" + strconv.Itoa(int(h.SrcLen))
	default:
		v.Src = "all"
	}
	if r.Has(rtnl.FRA_DST) {
		v.Dst = netip.PrefixFrom(r.Dst, int(h.DstLen)).String()
	}
	if h.Tos != 0 {
		v.Tos = fmt.Sprintf("0x%02x", h.Tos)
	}
	if r.Has(rtnl.FRA_FWMARK) || r.Has(rtnl.FRA_FWMASK) {
		var mark, mask uint32
		if r.Has(rtnl.FRA_FWMARK) {
			mark = r.FwMark
		}
		v.FwMark = fmt.Sprintf("%#x", mark)
		if r.Has(rtnl.FRA_FWMASK) {
			mask = r.FwMask
		}
		if r.Has(rtnl.FRA_FWMASK) && mask != 0xffffffff {
			v.FwMask = fmt.Sprintf("%#x", mask)
		}
	}
	if r.Has(rtnl.FRA_IIFNAME) {
		v.IIF = r.IIFName.String()
		v.IIFDetached = h.Flags&rtnl.FIB_RULE_IIF_DETACHED != 0
	}
	if r.Has(rtnl.FRA_OIFNAME) {
		v.OIF = r.OIFName.String()
		v.OIFDetached = h.Flags&rtnl.FIB_RULE_OIF_DETACHED != 0
	}
	if r.Has(rtnl.FRA_UID_RANGE) {
		v.UIDRange = fmt.Sprintf("%d-%d", r.UIDRange.Start, r.UIDRange.End)
	}
	if r.Has(rtnl.FRA_IP_PROTO) {
		v.IPProto = int(r.IPProto)
	}
	ports := func(id uint16, p rtnl.PortRange) string {
		switch {
		case !r.Has(id):
			return ""
		case p.Start == p.End:
			return strconv.Itoa(int(p.Start))
		default:
			return fmt.Sprintf("%d-%d", p.Start, p.End)
		}
	}
	v.SPort, v.DPort = ports(rtnl.FRA_SPORT_RANGE, r.SPortRange), ports(rtnl.FRA_DPORT_RANGE, r.DPortRange)
	if v.Table != 0 {
		if r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) && r.SuppressPrefixLen != 0xffffffff {
			v.SuppressPrefixLen = int(r.SuppressPrefixLen)
		}
		if r.Has(rtnl.FRA_SUPPRESS_IFGROUP) && r.SuppressIfGroup != 0xffffffff {
			v.SuppressIfGroup = int(r.SuppressIfGroup)
		}
	}
	switch h.Action {
	case rtnl.FR_ACT_TO_TBL:
	case rtnl.FR_ACT_GOTO:
		v.Goto = "none"
		if r.Has(rtnl.FRA_GOTO) {
			v.Goto = strconv.Itoa(int(r.Goto))
		}
		v.Unresolved = h.Flags&rtnl.FIB_RULE_UNRESOLVED != 0
	case rtnl.FR_ACT_NOP:
		v.Action = "nop"
	default:
		v.Action = strconv.Itoa(int(h.Action)) // -N: the route type number
	}
	if r.Has(rtnl.FRA_PROTOCOL) {
		v.Protocol = strconv.Itoa(int(r.Protocol))
	}
	return v
}

// compare lists the rules f selects and compares them with ip's.
func (tn *testNS) compare(t *testing.T, f Filter, fams ...rtnl.Family) {
	t.Helper()
	got, err := List(tn.ctx, tn.c, f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]view{}
	for _, fam := range fams {
		for k, v := range tn.ipRules(t, fam) {
			want[k] = v
		}
	}
	seen := map[string]bool{}
	for i := range got {
		g := viewOf(&got[i])
		seen[g.key()] = true
		w, ok := want[g.key()]
		if !ok {
			t.Errorf("Filter %+v: List has %+v; ip does not", f, g)
			continue
		}
		if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", w) {
			t.Errorf("Filter %+v, rule %s:\n List %+v\n   ip %+v", f, g.key(), g, w)
		}
	}
	for k, w := range want {
		if !seen[k] {
			t.Errorf("Filter %+v: ip lists %+v; List does not", f, w)
		}
	}
}

func TestIntegrationListMatchesIP(t *testing.T) {
	tn := newTestNS(t)
	tn.compare(t, Filter{Family: rtnl.AF_INET}, rtnl.AF_INET)
	tn.compare(t, Filter{Family: rtnl.AF_INET6}, rtnl.AF_INET6)
	// AF_UNSPEC: every family, the multicast routing ones included.
	tn.compare(t, Filter{}, rtnl.AF_INET, rtnl.AF_INET6, familyIPMR, familyIP6MR)

	all, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*rtnl.Rule{}
	for i := range all {
		byKey[fmt.Sprintf("%v/%d", all[i].Header.Family, all[i].Priority)] = &all[i]
	}
	get := func(fam rtnl.Family, prio int) *rtnl.Rule {
		r, ok := byKey[fmt.Sprintf("%v/%d", fam, prio)]
		if !ok {
			t.Fatalf("no %v rule %d", fam, prio)
		}
		return r
	}
	// Tables above 255: RT_TABLE_COMPAT in the header, the id in FRA_TABLE.
	if r := get(rtnl.AF_INET, 100); Table(r) != 1000 || r.Header.Table != uint8(rtnl.RT_TABLE_COMPAT) ||
		r.Src != netip.MustParseAddr("10.1.0.0") || r.Header.SrcLen != 16 || r.Header.DstLen != 24 {
		t.Errorf("rule 100: %+v", r)
	}
	if r := get(rtnl.AF_INET, 110); r.FwMark != 0x10 || r.FwMask != 0xff || r.IPProto != 6 ||
		r.DPortRange != (rtnl.PortRange{Start: 80, End: 90}) || r.SPortRange != (rtnl.PortRange{Start: 1000, End: 1000}) ||
		Table(r) != 200 || r.Header.Table != 200 {
		t.Errorf("rule 110: %+v", r)
	}
	if r := get(rtnl.AF_INET, 120); r.UIDRange != (rtnl.UIDRange{Start: 100, End: 200}) || r.IIFName.String() != "veth0" ||
		r.OIFName.String() != "veth1" || r.SuppressPrefixLen != 0 || !r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) {
		t.Errorf("rule 120: %+v", r)
	}
	if r := get(rtnl.AF_INET, 130); r.Header.Action != rtnl.FR_ACT_BLACKHOLE || Table(r) != 0 {
		t.Errorf("rule 130: action %v table %d", r.Header.Action, Table(r))
	}
	if r := get(rtnl.AF_INET, 140); r.Header.Action != rtnl.FR_ACT_GOTO || r.Goto != 150 || r.Header.Flags&rtnl.FIB_RULE_UNRESOLVED != 0 {
		t.Errorf("rule 140: action %v goto %d flags %v", r.Header.Action, r.Goto, r.Header.Flags)
	}
	if r := get(rtnl.AF_INET, 145); r.Goto != 146 || r.Header.Flags&rtnl.FIB_RULE_UNRESOLVED == 0 {
		t.Errorf("rule 145: goto %d flags %v", r.Goto, r.Header.Flags)
	}
	if r := get(rtnl.AF_INET, 150); r.Header.Flags&rtnl.FIB_RULE_INVERT == 0 || r.Header.Tos != 0x10 || r.Header.Action != rtnl.FR_ACT_PROHIBIT {
		t.Errorf("rule 150: flags %v tos %#x action %v", r.Header.Flags, r.Header.Tos, r.Header.Action)
	}
	if r := get(rtnl.AF_INET, 160); r.Protocol != 99 || r.Header.Action != rtnl.FR_ACT_UNREACHABLE || r.FwMark != 0x20 {
		t.Errorf("rule 160: %+v", r)
	}
	if r := get(rtnl.AF_INET, 190); r.Header.Flags&rtnl.FIB_RULE_OIF_DETACHED == 0 || r.Header.Flags&rtnl.FIB_RULE_IIF_DETACHED != 0 {
		t.Errorf("rule 190: flags %v", r.Header.Flags)
	}
	if r := get(rtnl.AF_INET6, 310); r.Header.Action != rtnl.FR_ACT_BLACKHOLE || r.Dst != netip.MustParseAddr("2001:db8:1::1") ||
		r.Header.DstLen != 128 || r.FwMask != 0xf {
		t.Errorf("rule 310: %+v", r)
	}
	if r := get(rtnl.AF_INET6, 330); r.Protocol != 42 || r.Header.Flags&rtnl.FIB_RULE_INVERT == 0 {
		t.Errorf("rule 330: %+v", r)
	}
	if r := get(rtnl.AF_INET, 0); Table(r) != 255 || r.Protocol != rtnl.RTPROT_KERNEL || r.Has(rtnl.FRA_SRC) {
		t.Errorf("default rule 0: %+v", r)
	}
}

func TestIntegrationFamilyFilter(t *testing.T) {
	tn := newTestNS(t)
	count := map[rtnl.Family]int{}
	for _, f := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6, familyIPMR, familyIP6MR} {
		rs, err := List(tn.ctx, tn.c, Filter{Family: f})
		if err != nil {
			t.Fatalf("Family %v: %v", f, err)
		}
		for _, r := range rs {
			if r.Header.Family != f {
				t.Errorf("Family %v yields a rule of family %v", f, r.Header.Family)
			}
		}
		count[f] = len(rs)
	}
	// Ours plus the defaults: 0, 32766, 32767 for IPv4; 0, 32766 for IPv6.
	if count[rtnl.AF_INET] != len(rules[rtnl.AF_INET])+3 || count[rtnl.AF_INET6] != len(rules[rtnl.AF_INET6])+2 {
		t.Errorf("rule counts %v", count)
	}
	all, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byFam := map[rtnl.Family]int{}
	for _, r := range all {
		byFam[r.Header.Family]++
	}
	if fmt.Sprint(byFam) != fmt.Sprint(count) {
		t.Errorf("AF_UNSPEC dump by family %v, family dumps %v", byFam, count)
	}
	var got []int
	for r, err := range All(tn.ctx, tn.c, Filter{Family: rtnl.AF_INET6}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, int(r.Priority))
	}
	if want := []int{0, 300, 310, 320, 330, 32766}; !slices.Equal(got, want) {
		t.Errorf("IPv6 priorities %v, want %v (in kernel order)", got, want)
	}
}
