package route

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
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

var pfx = netip.MustParsePrefix
var addr = netip.MustParseAddr

// testNS is a namespace with veth0 (10.0.0.1/24, 2001:db8::1/64) and veth2
// (10.0.1.1/24, 2001:db8:1::1/64), both up, and a client in it.
type testNS struct {
	ns     nlsock.NetNS
	c      *Client
	ifA    uint32 // veth0
	ifB    uint32 // veth2
	ctx    context.Context
	byName map[string]uint32
}

func newTestNS(t *testing.T) *testNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.Veth(t, ns, "veth2", "veth3")
	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.0.1/24 dev veth0",
		"addr add 10.0.1.1/24 dev veth2",
		"addr add 2001:db8::1/64 dev veth0 nodad",
		"addr add 2001:db8:1::1/64 dev veth2 nodad",
	}, "\n")+"\n")
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	tn := &testNS{ns: ns, c: c, ctx: ctx, byName: map[string]uint32{}}
	err = nlsock.Do(ns, func() error {
		ifs, err := net.Interfaces()
		for _, i := range ifs {
			tn.byName[i.Name] = uint32(i.Index)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tn.ifA, tn.ifB = tn.byName["veth0"], tn.byName["veth2"]
	return tn
}

func (tn *testNS) name(ifindex uint32) string {
	for n, i := range tn.byName {
		if i == ifindex {
			return n
		}
	}
	return "if" + strconv.Itoa(int(ifindex))
}

// view is what both ip(8) and this package say about a route, in one form.
type view struct {
	Type, Protocol, Scope, Table int
	Dst, Gateway, Dev, PrefSrc   string
	Metric                       int // -1 when absent
	Pref                         string
	Metrics                      map[string]int
	Nexthops                     []string // "gw dev weight"
}

func (v view) key() string { return fmt.Sprintf("%d/%s/%d", v.Table, v.Dst, v.Metric) }

// ipRoutes runs `ip -j -N -d route show table all` in the namespace.
func (tn *testNS) ipRoutes(t *testing.T) map[string]view {
	t.Helper()
	var raw []struct {
		Type     string           `json:"type"`
		Dst      string           `json:"dst"`
		Gateway  string           `json:"gateway"`
		Dev      string           `json:"dev"`
		Table    string           `json:"table"`
		Protocol string           `json:"protocol"`
		Scope    string           `json:"scope"`
		Metric   *int             `json:"metric"`
		PrefSrc  string           `json:"prefsrc"`
		Pref     string           `json:"pref"`
		Metrics  []map[string]int `json:"metrics"`
		Nexthops []struct {
			Gateway string `json:"gateway"`
			Dev     string `json:"dev"`
			Weight  int    `json:"weight"`
		} `json:"nexthops"`
	}
	out := nstest.IP(t, tn.ns, "-j", "-N", "-d", "route", "show", "table", "all")
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip -j: %v\n%s", err, out)
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("ip -N printed %q, not a number", s)
		}
		return n
	}
	views := map[string]view{}
	for _, r := range raw {
		v := view{Type: num(r.Type), Protocol: num(r.Protocol), Scope: num(r.Scope), Table: num(r.Table),
			Gateway: r.Gateway, Dev: r.Dev, PrefSrc: r.PrefSrc, Metric: -1, Pref: r.Pref}
		if r.Metric != nil {
			v.Metric = *r.Metric
		}
		v.Dst = r.Dst
		isV6 := strings.Contains(r.Dst, ":") || strings.Contains(r.Gateway, ":") || r.Pref != ""
		switch {
		case r.Dst == "default" && isV6:
			v.Dst = "::/0"
		case r.Dst == "default":
			v.Dst = "0.0.0.0/0"
		case !strings.Contains(r.Dst, "/"):
			v.Dst = netip.PrefixFrom(addr(r.Dst), addr(r.Dst).BitLen()).String()
		}
		for _, m := range r.Metrics {
			if v.Metrics == nil {
				v.Metrics = map[string]int{}
			}
			for k, x := range m {
				v.Metrics[k] = x
			}
		}
		for _, nh := range r.Nexthops {
			v.Nexthops = append(v.Nexthops, fmt.Sprintf("%s %s %d", nh.Gateway, nh.Dev, nh.Weight))
		}
		views[v.key()] = v
	}
	return views
}

var prefNames = map[rtnl.Pref]string{rtnl.ICMPV6_ROUTER_PREF_LOW: "low", rtnl.ICMPV6_ROUTER_PREF_MEDIUM: "medium", rtnl.ICMPV6_ROUTER_PREF_HIGH: "high"}

// viewOf describes a decoded route the way ipRoutes does.
func (tn *testNS) viewOf(r *rtnl.Route) view {
	v := view{Type: int(r.Header.Type), Protocol: int(r.Header.Protocol), Scope: int(r.Header.Scope),
		Table: int(TargetTable(r)), Dst: Destination(r).String(), Metric: -1}
	if r.Has(rtnl.RTA_GATEWAY) {
		v.Gateway = r.Gateway.String()
	}
	if r.Has(rtnl.RTA_OIF) {
		v.Dev = tn.name(r.OIF)
	}
	if r.Has(rtnl.RTA_PREFSRC) {
		v.PrefSrc = r.PrefSrc.String()
	}
	if r.Has(rtnl.RTA_PRIORITY) {
		v.Metric = int(r.Priority)
	}
	if r.Has(rtnl.RTA_PREF) {
		v.Pref = prefNames[r.Pref]
	}
	if r.Has(rtnl.RTA_METRICS) {
		m := &r.Metrics
		v.Metrics = map[string]int{}
		for _, x := range []struct {
			id   uint16
			name string
			val  uint32
		}{{rtnl.RTAX_MTU, "mtu", m.MTU}, {rtnl.RTAX_ADVMSS, "advmss", m.AdvMSS}, {rtnl.RTAX_HOPLIMIT, "hoplimit", m.HopLimit},
			{rtnl.RTAX_WINDOW, "window", m.Window}, {rtnl.RTAX_INITCWND, "initcwnd", m.InitCwnd}} {
			if m.Has(x.id) {
				v.Metrics[x.name] = int(x.val)
			}
		}
	}
	for i := range r.Multipath {
		nh := &r.Multipath[i]
		v.Nexthops = append(v.Nexthops, fmt.Sprintf("%s %s %d", nh.Gateway, tn.name(uint32(nh.Header.Ifindex)), Weight(nh)))
	}
	return v
}

// checkAgainstIP lists every route and compares each with ip's view. The
// kernel adds some routes on its own time (IPv6 link-local and local
// routes after DAD), so a difference is re-read twice before it counts: a
// real one fails all three reads.
func (tn *testNS) checkAgainstIP(t *testing.T) []rtnl.Route {
	t.Helper()
	var routes []rtnl.Route
	var diffs []string
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			time.Sleep(300 * time.Millisecond)
		}
		routes, diffs = tn.diffIP(t)
		if len(diffs) == 0 {
			return routes
		}
	}
	for _, d := range diffs {
		t.Error(d)
	}
	return routes
}

// diffIP lists every route and returns each difference from ip's view.
func (tn *testNS) diffIP(t *testing.T) ([]rtnl.Route, []string) {
	t.Helper()
	routes, err := tn.c.ListFull(tn.ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// List holds the same routes, losslessly.
	compact, err := tn.c.List(tn.ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Two dumps: the kernel may add a route between them (IPv6 routes
	// after DAD), so a difference is one more to re-read, not final.
	if len(compact) != len(routes) {
		return routes, []string{fmt.Sprintf("List: %d routes, ListFull %d", len(compact), len(routes))}
	}
	var diffs []string
	for i := range compact {
		if back := compact[i].Route(); !back.Equal(&routes[i]) || !bytes.Equal(back.Append(nil), routes[i].Append(nil)) {
			diffs = append(diffs, fmt.Sprintf("List route %d gives back %+v\nListFull has %+v", i, back, routes[i]))
		}
	}
	want := tn.ipRoutes(t)
	got := map[string]view{}
	for i := range routes {
		r := &routes[i]
		if r.Header.Type == rtnl.RTN_MULTICAST || r.Header.Family != rtnl.AF_INET && r.Header.Family != rtnl.AF_INET6 {
			continue // ip's JSON for multicast/anycast routes differs; not what we test
		}
		v := tn.viewOf(r)
		got[v.key()] = v
	}
	for k, w := range want {
		if w.Type == int(rtnl.RTN_MULTICAST) {
			continue
		}
		g, ok := got[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("ip lists %+v; List does not", w))
			continue
		}
		if fmt.Sprint(g) != fmt.Sprint(w) {
			diffs = append(diffs, fmt.Sprintf("route %s:\n List %+v\n   ip %+v", k, g, w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("List has %+v; ip does not", g))
		}
	}
	return routes, diffs
}

func (tn *testNS) find(t *testing.T, f Filter, dst netip.Prefix) []rtnl.Route {
	t.Helper()
	routes, err := tn.c.ListFull(tn.ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []rtnl.Route
	for _, r := range routes {
		if Destination(&r) == dst {
			out = append(out, r)
		}
	}
	return out
}

func TestIntegrationAddListDeleteIPv4(t *testing.T) {
	tn := newTestNS(t)
	dst := pfx("10.1.2.0/24")
	gw := addr("10.0.0.254")
	err := tn.c.Add(tn.ctx, dst, gw, Table(1000), Protocol(rtnl.RTPROT_STATIC), Metric(100), Src(addr("10.0.0.1")))
	if err != nil {
		t.Fatal(err)
	}
	rs := tn.find(t, Filter{Table: 1000}, dst)
	if len(rs) != 1 {
		t.Fatalf("table 1000 has %d routes to %s, want 1", len(rs), dst)
	}
	r := &rs[0]
	if TargetTable(r) != 1000 || r.Header.Table != uint8(rtnl.RT_TABLE_COMPAT) || r.Gateway != gw || r.OIF != tn.ifA ||
		r.Priority != 100 || r.Header.Protocol != rtnl.RTPROT_STATIC || r.PrefSrc != addr("10.0.0.1") {
		t.Fatalf("route %+v", r)
	}
	tn.checkAgainstIP(t)

	err = tn.c.Add(tn.ctx, dst, gw, Table(1000), Protocol(rtnl.RTPROT_STATIC), Metric(100))
	if !errors.Is(err, unix.EEXIST) {
		t.Fatalf("second add: %v, want EEXIST", err)
	}
	if err := tn.c.Delete(tn.ctx, dst, netip.Addr{}, Table(1000)); err != nil {
		t.Fatal(err)
	}
	if rs := tn.find(t, Filter{Table: 1000}, dst); len(rs) != 0 {
		t.Fatalf("route still there after delete: %+v", rs)
	}
	err = tn.c.Delete(tn.ctx, dst, netip.Addr{}, Table(1000))
	var ne *nlsock.Error
	if !errors.Is(err, unix.ESRCH) || !errors.As(err, &ne) {
		t.Fatalf("delete of an absent route: %v, want the kernel's ESRCH", err)
	}
}

func TestIntegrationAddIPv6LinkLocalGateway(t *testing.T) {
	tn := newTestNS(t)
	dst := pfx("2001:db8:100::/48")
	gw := addr("fe80::1")
	if err := tn.c.Add(tn.ctx, dst, gw, Dev(tn.ifA), Protocol(rtnl.RTPROT_STATIC)); err != nil {
		t.Fatal(err)
	}
	rs := tn.find(t, Filter{Family: rtnl.AF_INET6, Table: rtnl.RT_TABLE_MAIN}, dst)
	if len(rs) != 1 || rs[0].Gateway != gw || rs[0].OIF != tn.ifA || rs[0].Priority != 1024 {
		t.Fatalf("routes %+v", rs)
	}
	// Without the interface the kernel cannot place a link-local gateway.
	if err := tn.c.Add(tn.ctx, pfx("2001:db8:200::/48"), gw); err == nil {
		t.Fatal("link-local gateway without Dev was accepted")
	}
	tn.checkAgainstIP(t)
}

func TestIntegrationMetricOmittedStaysOmitted(t *testing.T) {
	tn := newTestNS(t)
	if err := tn.c.Add(tn.ctx, pfx("10.5.0.0/16"), addr("10.0.0.254")); err != nil {
		t.Fatal(err)
	}
	rs := tn.find(t, Filter{Table: rtnl.RT_TABLE_MAIN}, pfx("10.5.0.0/16"))
	if len(rs) != 1 || rs[0].Has(rtnl.RTA_PRIORITY) {
		t.Fatalf("IPv4 route without a metric came back with RTA_PRIORITY: %+v", rs)
	}
	if rs[0].Header.Protocol != rtnl.RTPROT_BOOT {
		t.Fatalf("default protocol %v, want boot", rs[0].Header.Protocol)
	}
	// The same prefix with a metric is a second route.
	if err := tn.c.Add(tn.ctx, pfx("10.5.0.0/16"), addr("10.0.0.253"), Metric(0)); !errors.Is(err, unix.EEXIST) {
		t.Fatalf("metric 0 is the route without metric for IPv4; want EEXIST, got %v", err)
	}
	if err := tn.c.Add(tn.ctx, pfx("10.5.0.0/16"), addr("10.0.0.253"), Metric(7)); err != nil {
		t.Fatal(err)
	}
	if rs := tn.find(t, Filter{Table: rtnl.RT_TABLE_MAIN}, pfx("10.5.0.0/16")); len(rs) != 2 {
		t.Fatalf("%d routes, want 2", len(rs))
	}
	// Delete narrowed by metric removes only that one.
	if err := tn.c.Delete(tn.ctx, pfx("10.5.0.0/16"), netip.Addr{}, Metric(7)); err != nil {
		t.Fatal(err)
	}
	if rs := tn.find(t, Filter{Table: rtnl.RT_TABLE_MAIN}, pfx("10.5.0.0/16")); len(rs) != 1 || rs[0].Has(rtnl.RTA_PRIORITY) {
		t.Fatalf("after deleting metric 7: %+v", rs)
	}
}

func TestIntegrationReplaceChangesGatewayInPlace(t *testing.T) {
	tn := newTestNS(t)
	dst := pfx("10.6.0.0/16")
	if err := tn.c.Replace(tn.ctx, dst, addr("10.0.0.2"), Protocol(rtnl.RTPROT_STATIC), Metric(10)); err != nil {
		t.Fatal(err) // replace creates
	}
	if err := tn.c.Replace(tn.ctx, dst, addr("10.0.1.2"), Protocol(rtnl.RTPROT_STATIC), Metric(10)); err != nil {
		t.Fatal(err)
	}
	rs := tn.find(t, Filter{Table: rtnl.RT_TABLE_MAIN}, dst)
	if len(rs) != 1 || rs[0].Gateway != addr("10.0.1.2") || rs[0].OIF != tn.ifB {
		t.Fatalf("after replace: %+v", rs)
	}
}

func TestIntegrationDeleteMatchesAnyProtocolUnlessGiven(t *testing.T) {
	tn := newTestNS(t)
	nstest.IP(t, tn.ns, "route", "add", "10.7.0.0/16", "via", "10.0.0.254", "proto", "bird")
	dst := pfx("10.7.0.0/16")
	if err := tn.c.Delete(tn.ctx, dst, netip.Addr{}, Protocol(rtnl.RTPROT_STATIC)); !errors.Is(err, unix.ESRCH) {
		t.Fatalf("delete narrowed to proto static: %v, want ESRCH", err)
	}
	if err := tn.c.Delete(tn.ctx, dst, netip.Addr{}); err != nil {
		t.Fatalf("delete without protocol: %v", err)
	}
}

func TestIntegrationDefaultRoutes(t *testing.T) {
	tn := newTestNS(t)
	if err := tn.c.AddDefault(tn.ctx, addr("10.0.0.254"), Protocol(rtnl.RTPROT_DHCP)); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.AddDefault(tn.ctx, addr("2001:db8::254"), Dev(tn.ifA)); err != nil {
		t.Fatal(err)
	}
	tn.checkAgainstIP(t)
	if rs := tn.find(t, Filter{Table: rtnl.RT_TABLE_MAIN}, pfx("0.0.0.0/0")); len(rs) != 1 || rs[0].Has(rtnl.RTA_DST) || rs[0].Header.Protocol != rtnl.RTPROT_DHCP {
		t.Fatalf("default route %+v", rs)
	}
	if err := tn.c.DeleteDefault(tn.ctx, rtnl.AF_INET); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.DeleteDefault(tn.ctx, rtnl.AF_INET6); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.DeleteDefault(tn.ctx, rtnl.AF_INET); !errors.Is(err, unix.ESRCH) {
		t.Fatalf("second delete-default: %v, want ESRCH", err)
	}
}

func TestIntegrationGet(t *testing.T) {
	tn := newTestNS(t)
	if err := tn.c.Add(tn.ctx, pfx("192.0.2.0/24"), addr("10.0.1.254"), Metric(3)); err != nil {
		t.Fatal(err)
	}
	r, err := tn.c.Get(tn.ctx, addr("192.0.2.77"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Gateway != addr("10.0.1.254") || r.OIF != tn.ifB || r.Dst != addr("192.0.2.77") || r.Header.DstLen != 32 {
		t.Fatalf("get: %+v", r)
	}
	if _, err := tn.c.Get(tn.ctx, addr("198.51.100.1")); !errors.Is(err, unix.ENETUNREACH) {
		t.Fatalf("get of an unroutable address: %v, want ENETUNREACH", err)
	}
	r6, err := tn.c.Get(tn.ctx, addr("2001:db8:1::77"))
	if err != nil || r6.OIF != tn.ifB {
		t.Fatalf("get v6: %+v %v", r6, err)
	}
}

// TestIntegrationFilteredList checks each filter returns only what matches,
// and that the kernel did the filtering (NLM_F_DUMP_FILTERED on replies).
func TestIntegrationFilteredList(t *testing.T) {
	tn := newTestNS(t)
	nstest.Batch(t, tn.ns, strings.Join([]string{
		"route add 10.10.0.0/16 via 10.0.0.254 table 300 proto static",
		"route add 10.11.0.0/16 via 10.0.1.254 table 300 proto bird",
		"route add blackhole 10.12.0.0/16 table 300 proto static",
		"route add 10.13.0.0/16 via 10.0.1.254 proto static",
		"route add 2001:db8:9::/48 via 2001:db8::254 table 300 proto static",
	}, "\n")+"\n")
	cases := []struct {
		f    Filter
		want []string
	}{
		{Filter{Table: 300}, []string{"10.10.0.0/16", "10.11.0.0/16", "10.12.0.0/16", "2001:db8:9::/48"}},
		{Filter{Table: 300, Family: rtnl.AF_INET}, []string{"10.10.0.0/16", "10.11.0.0/16", "10.12.0.0/16"}},
		{Filter{Table: 300, Protocol: rtnl.RTPROT_BIRD}, []string{"10.11.0.0/16"}},
		{Filter{Table: 300, Type: rtnl.RTN_BLACKHOLE}, []string{"10.12.0.0/16"}},
		{Filter{Protocol: rtnl.RTPROT_STATIC, OIF: tn.ifB}, []string{"10.13.0.0/16"}},
		{Filter{Family: rtnl.AF_INET, Protocol: rtnl.RTPROT_STATIC}, []string{"10.10.0.0/16", "10.12.0.0/16", "10.13.0.0/16"}},
	}
	for _, tc := range cases {
		var got []string
		for r, err := range tn.c.All(tn.ctx, tc.f) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, Destination(r).String())
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("filter %+v: got %v, want %v", tc.f, got, tc.want)
		}
		// Every reply was filtered by the kernel.
		n := 0
		for m, err := range tn.c.conn.Dump(tn.ctx, "RTM_GETROUTE", uint16(rtnl.RTM_GETROUTE), 0, tc.f.request(nil)) {
			if err != nil {
				t.Fatal(err)
			}
			if m.Header.Type != uint16(rtnl.RTM_NEWROUTE) {
				continue
			}
			n++
			if m.Header.Flags&nlsock.FlagDumpFiltered == 0 {
				t.Errorf("filter %+v: reply without NLM_F_DUMP_FILTERED: the kernel did not filter", tc.f)
				break
			}
		}
		if n != len(tc.want) {
			t.Errorf("filter %+v: the kernel sent %d routes, want %d", tc.f, n, len(tc.want))
		}
	}
}

// TestIntegrationRoutesFromIP lists routes ip(8) installed, of every kind
// the issue names, and compares every field with ip's own JSON.
func TestIntegrationRoutesFromIP(t *testing.T) {
	tn := newTestNS(t)
	nstest.Batch(t, tn.ns, strings.Join([]string{
		"route add 10.20.0.0/16 proto static nexthop via 10.0.0.2 dev veth0 weight 1 nexthop via 10.0.1.2 dev veth2 weight 3",
		"route add 2001:db8:20::/48 proto static nexthop via 2001:db8::2 dev veth0 weight 2 nexthop via 2001:db8:1::2 dev veth2 weight 5",
		"route add blackhole 10.21.0.0/16 proto static",
		"route add unreachable 10.22.0.0/16 metric 9",
		"route add prohibit 10.23.0.0/16 table 7",
		"route add unreachable 2001:db8:23::/48",
		"route add 10.24.0.0/16 via 10.0.0.254 mtu 1400 advmss 1300 proto static",
		"route add 2001:db8:24::/48 via 2001:db8::254 mtu 1400 hoplimit 32 pref low",
		"route add 2001:db8:25::/48 via 2001:db8::254 pref high metric 77",
		"route add 10.26.0.0/16 via 10.0.0.254 table 100000 src 10.0.0.1",
		"route add 10.27.0.0/24 dev veth2 scope link",
	}, "\n")+"\n")
	routes := tn.checkAgainstIP(t)
	if len(routes) < 20 {
		t.Fatalf("only %d routes listed", len(routes))
	}
}

func TestValidationBeforeSending(t *testing.T) {
	for _, tc := range []struct {
		name string
		dst  netip.Prefix
		gw   netip.Addr
		opts []Option
		want string
	}{
		{"family mismatch", pfx("10.0.0.0/8"), addr("2001:db8::1"), nil, "is IPv6 but destination 10.0.0.0/8 is IPv4"},
		{"source mismatch", pfx("2001:db8::/32"), netip.Addr{}, []Option{Src(addr("10.0.0.1"))}, "source 10.0.0.1 is IPv4"},
		{"table 0", pfx("10.0.0.0/8"), netip.Addr{}, []Option{Table(0)}, "table 0"},
		{"invalid prefix", netip.Prefix{}, netip.Addr{}, nil, "invalid destination"},
		{"prefix length", netip.PrefixFrom(addr("10.0.0.0"), 33), netip.Addr{}, nil, "invalid destination"},
		{"host bits", pfx("10.1.2.3/24"), netip.Addr{}, nil, "did you mean 10.1.2.0/24"},
		{"dev 0", pfx("10.0.0.0/8"), netip.Addr{}, []Option{Dev(0)}, "index 0"},
	} {
		for _, verb := range []string{"add", "replace", "delete"} {
			_, err := Request(verb, tc.dst, tc.gw, tc.opts...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s %s: error %v, want one containing %q", verb, tc.name, err, tc.want)
			}
		}
	}
}

func TestRequestEncoding(t *testing.T) {
	r, err := Request("add", pfx("10.0.0.0/8"), addr("192.0.2.1"), Table(1000), Metric(5))
	if err != nil {
		t.Fatal(err)
	}
	if r.Header.Table != 0 || !r.Has(rtnl.RTA_TABLE) || r.Table != 1000 || r.Header.Protocol != rtnl.RTPROT_BOOT || r.Header.Scope != rtnl.RT_SCOPE_UNIVERSE {
		t.Fatalf("add: %+v", r)
	}
	r, _ = Request("add", pfx("10.0.0.0/8"), netip.Addr{})
	if r.Has(rtnl.RTA_PRIORITY) || r.Has(rtnl.RTA_TABLE) || r.Header.Table != 254 {
		t.Fatalf("add without options: %+v", r)
	}
	r, _ = Request("delete", pfx("10.0.0.0/8"), netip.Addr{})
	if r.Header.Scope != rtnl.RT_SCOPE_NOWHERE || r.Header.Protocol != 0 || r.Header.Type != 0 {
		t.Fatalf("delete: %+v", r.Header)
	}
	r, _ = Request("add", pfx("10.0.0.0/8"), netip.Addr{}, Dev(3))
	if r.Header.Scope != rtnl.RT_SCOPE_LINK {
		t.Fatalf("dev route scope %v", r.Header.Scope)
	}
}

func TestIntegrationBatch(t *testing.T) {
	tn := newTestNS(t)
	var b Batch
	for i := range 3000 {
		dst := netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(i >> 8), byte(i)}), 32)
		if err := b.Add(dst, addr("10.0.0.254"), Protocol(rtnl.RTPROT_STATIC)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Add(pfx("10.0.0.0/8"), addr("2001:db8::1")); err == nil {
		t.Fatal("a family mismatch was queued")
	}
	if err := tn.c.Apply(tn.ctx, &b); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range tn.c.All(tn.ctx, Filter{Protocol: rtnl.RTPROT_STATIC, Table: rtnl.RT_TABLE_MAIN}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3000 {
		t.Fatalf("%d routes installed, want 3000", n)
	}
	// Applying again: every add fails; the first failure is index 0.
	err := tn.c.Apply(tn.ctx, &b)
	var be *nlsock.BatchError
	if !errors.As(err, &be) || be.Index != 0 || !errors.Is(err, unix.EEXIST) {
		t.Fatalf("second apply: %v", err)
	}
	b.Reset()
	for i := range 3000 {
		b.Delete(netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(i >> 8), byte(i)}), 32), netip.Addr{})
	}
	if err := tn.c.Apply(tn.ctx, &b); err != nil {
		t.Fatal(err)
	}
}

func TestAddressFormsRejectedOrUsed(t *testing.T) {
	mapped := netip.AddrFrom16(addr("10.0.0.1").As16())
	// An IPv4-mapped address is IPv6, as the kernel takes and lists it.
	if r, err := Request("add", netip.PrefixFrom(netip.AddrFrom16(addr("10.0.0.0").As16()), 120), mapped); err != nil ||
		r.Header.Family != rtnl.AF_INET6 || r.Gateway != mapped {
		t.Errorf("IPv4-mapped destination and gateway: %v", err)
	}
	if _, err := Request("add", pfx("10.0.0.0/8"), netip.Addr{}, Src(mapped)); err == nil || !strings.Contains(err.Error(), "is IPv6 but destination 10.0.0.0/8 is IPv4") {
		t.Errorf("IPv4-mapped source of an IPv4 route: %v", err)
	}
	// A numeric zone on a link-local gateway is the output interface.
	r, err := Request("add", pfx("2001:db8::/32"), addr("fe80::1%7"))
	if err != nil || r.OIF != 7 || !r.Has(rtnl.RTA_OIF) || r.Gateway.Zone() != "" {
		t.Errorf("numeric zone: %+v %v", r, err)
	}
	if _, err := Request("add", pfx("2001:db8::/32"), addr("fe80::1%eth0")); err == nil || !strings.Contains(err.Error(), "Dev(ifindex)") {
		t.Errorf("named zone: %v", err)
	}
	if _, err := Request("add", pfx("2001:db8::/32"), addr("fe80::1%7"), Dev(8)); err == nil {
		t.Error("zone 7 with Dev(8) was accepted")
	}
}

// TestFilterAppliedHereWithoutStrictCheck: the client-side filter, used on
// kernels that ignore dump filters, selects what the kernel would.
func TestFilterAppliedHereWithoutStrictCheck(t *testing.T) {
	keep := Filter{Table: 1000, Protocol: rtnl.RTPROT_STATIC, OIF: 5}.keep(notStrict{})
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, Table: uint8(rtnl.RT_TABLE_COMPAT), Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
	r.SetTable(1000)
	r.SetOIF(5)
	if !keep(&r) {
		t.Fatal("a matching route was dropped")
	}
	r.SetOIF(6)
	if keep(&r) {
		t.Fatal("a route on another interface was kept")
	}
	var nh rtnl.Nexthop
	nh.Header.Ifindex = 5
	r.Unset(rtnl.RTA_OIF)
	r.SetMultipath([]rtnl.Nexthop{nh})
	if !keep(&r) {
		t.Fatal("a multipath route with a next hop on the interface was dropped")
	}
	if (Filter{}).keep(notStrict{}) != nil || (Filter{Table: 5}).keep(strict{}) != nil {
		t.Fatal("a filter the kernel applies, or an empty one, should not be re-checked")
	}
}

type notStrict struct{}

func (notStrict) StrictCheck() bool { return false }

type strict struct{}

func (strict) StrictCheck() bool { return true }

func TestIntegrationMetricsPrefOnlink(t *testing.T) {
	tn := newTestNS(t)
	if err := tn.c.Add(tn.ctx, pfx("10.40.0.0/16"), addr("10.0.0.254"), MTU(1400), AdvMSS(1300)); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.Add(tn.ctx, pfx("2001:db8:40::/48"), addr("2001:db8::2"), Pref(rtnl.ICMPV6_ROUTER_PREF_HIGH)); err != nil {
		t.Fatal(err)
	}
	// 192.0.2.1 is on no subnet of veth0: only onlink lets it be a gateway.
	if err := tn.c.Add(tn.ctx, pfx("10.41.0.0/16"), addr("192.0.2.1"), Dev(tn.ifA)); err == nil {
		t.Fatal("an off-link gateway was accepted without onlink")
	}
	if err := tn.c.Add(tn.ctx, pfx("10.41.0.0/16"), addr("192.0.2.1"), Dev(tn.ifA), Onlink()); err != nil {
		t.Fatal(err)
	}
	if _, err := Request("add", pfx("10.42.0.0/16"), netip.Addr{}, Pref(rtnl.ICMPV6_ROUTER_PREF_LOW)); err == nil {
		t.Fatal("pref on an IPv4 route was accepted")
	}
	if _, err := Request("add", pfx("10.42.0.0/16"), addr("192.0.2.1"), Onlink()); err == nil {
		t.Fatal("onlink without Dev was accepted")
	}
	routes := tn.checkAgainstIP(t) // mtu/advmss and pref compared with ip's JSON
	var sawOnlink bool
	for i := range routes {
		r := &routes[i]
		switch Destination(r).String() {
		case "10.40.0.0/16":
			if r.Metrics.MTU != 1400 || r.Metrics.AdvMSS != 1300 {
				t.Errorf("metrics %+v", r.Metrics)
			}
		case "2001:db8:40::/48":
			if !r.Has(rtnl.RTA_PREF) || r.Pref != rtnl.ICMPV6_ROUTER_PREF_HIGH {
				t.Errorf("pref %v", r.Pref)
			}
		case "10.41.0.0/16":
			sawOnlink = r.Header.Flags&rtnl.RouteFlags(rtnl.RTNH_F_ONLINK) != 0
		}
	}
	if !sawOnlink {
		t.Error("the onlink route came back without RTNH_F_ONLINK")
	}
}
