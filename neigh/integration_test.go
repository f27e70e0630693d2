package neigh

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

type testNS struct {
	ns      nlsock.NetNS
	c       *nlsock.Conn
	ctx     context.Context
	bridge  bool // br0 exists with veth3 as its port
	byName  map[string]int32
	byIndex map[int32]string
}

// newTestNS builds veth0 <-> veth1 and veth2 <-> veth3 (up), and br0 with
// veth3 as its port when the kernel has bridges, with these entries:
//
//	veth0  10.0.0.5 permanent, 2001:db8::5 permanent, 10.0.0.6 noarp,
//	       10.0.0.7 stale router, 2001:db8::7 stale router,
//	       10.0.0.8 extern_learn, 10.0.0.11 protocol 99
//	       proxy 10.0.0.9, proxy 2001:db8::9
//	veth2  10.0.2.5 permanent, proxy 10.0.2.9
//	veth3  10.0.3.5 permanent (a bridge port)
func newTestNS(t *testing.T) *testNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.Veth(t, ns, "veth2", "veth3")
	tn := &testNS{ns: ns, byName: map[string]int32{}, byIndex: map[int32]string{}}
	if out, err := exec.Command("ip", "-n", ns.Name(), "link", "add", "br0", "type", "bridge").CombinedOutput(); err != nil {
		t.Logf("no bridge in this kernel, bridge checks skipped: %v: %s", err, out)
	} else {
		tn.bridge = true
		nstest.IP(t, ns, "link", "set", "veth3", "master", "br0")
		nstest.IP(t, ns, "link", "set", "br0", "up")
	}
	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.0.1/24 dev veth0",
		"addr add 2001:db8::1/64 dev veth0 nodad",
		"addr add 10.0.2.1/24 dev veth2",
		"neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0 nud permanent",
		"neigh add 2001:db8::5 lladdr 02:00:00:00:00:06 dev veth0 nud permanent",
		"neigh add 10.0.0.6 lladdr 02:00:00:00:00:07 dev veth0 nud noarp",
		"neigh add 10.0.0.7 lladdr 02:00:00:00:00:08 dev veth0 nud stale router",
		"neigh add 2001:db8::7 lladdr 02:00:00:00:00:09 dev veth0 nud stale router",
		"neigh add 10.0.0.8 lladdr 02:00:00:00:00:0a dev veth0 extern_learn",
		"neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev veth0 protocol 99 nud permanent",
		"neigh add proxy 10.0.0.9 dev veth0",
		"neigh add proxy 2001:db8::9 dev veth0",
		"neigh add 10.0.2.5 lladdr 02:00:00:00:02:05 dev veth2 nud permanent",
		"neigh add proxy 10.0.2.9 dev veth2",
		"neigh add 10.0.3.5 lladdr 02:00:00:00:03:05 dev veth3 nud permanent",
	}, "\n")+"\n")
	c, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	tn.c, tn.ctx = c, ctx
	err = nlsock.Do(ns, func() error {
		ifs, err := net.Interfaces()
		for _, i := range ifs {
			tn.byName[i.Name] = int32(i.Index)
			tn.byIndex[int32(i.Index)] = i.Name
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// view is what both ip(8) and this package say about a neighbour entry.
type view struct {
	Dst, Dev, LLAddr string
	State            []string // ip's names; none for NUD_NONE
	Flags            []string // router, proxy, extern_learn, offload: sorted
	Protocol         string
	Probes           int      // -1 when absent (ip shows it with -s)
	Times            [3]int64 // used, confirmed, updated in seconds; checked apart
	timesSet         bool
}

func (v view) key() string { return v.Dev + " " + v.Dst }

func (v view) same(o view) bool {
	a, b := v, o
	a.Times, b.Times = [3]int64{}, [3]int64{}
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

// ipFlags are the ndm_flags ip prints as JSON null keys.
var ipFlags = []struct {
	f    rtnl.NeighFlags
	name string
}{{rtnl.NTF_ROUTER, "router"}, {rtnl.NTF_PROXY, "proxy"}, {rtnl.NTF_EXT_LEARNED, "extern_learn"}, {rtnl.NTF_OFFLOADED, "offload"}}

// ipNeigh runs `ip -j -N -s neigh show ARGS` in the namespace.
func (tn *testNS) ipNeigh(t *testing.T, pre []string, args ...string) map[string]view {
	t.Helper()
	var raw []map[string]json.RawMessage
	cmd := append(append(append([]string{"-j", "-N", "-s"}, pre...), "neigh", "show"), args...)
	out := nstest.IP(t, tn.ns, cmd...)
	if strings.TrimSpace(out) == "" {
		out = "[]"
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip %v: %v\n%s", cmd, err, out)
	}
	views := map[string]view{}
	for _, r := range raw {
		str := func(k string) string {
			var s string
			if m, ok := r[k]; ok {
				if err := json.Unmarshal(m, &s); err != nil {
					t.Fatalf("ip neigh: %s = %s: %v", k, m, err)
				}
			}
			return s
		}
		num := func(k string) (int64, bool) {
			var n int64
			m, ok := r[k]
			if ok {
				if err := json.Unmarshal(m, &n); err != nil {
					t.Fatalf("ip neigh: %s = %s: %v", k, m, err)
				}
			}
			return n, ok
		}
		v := view{Dst: str("dst"), Dev: str("dev"), LLAddr: str("lladdr"), Protocol: str("protocol"), Probes: -1}
		if m, ok := r["state"]; ok {
			if err := json.Unmarshal(m, &v.State); err != nil {
				t.Fatalf("ip neigh: state = %s: %v", m, err)
			}
		}
		for _, f := range ipFlags {
			if _, ok := r[f.name]; ok {
				v.Flags = append(v.Flags, f.name)
			}
		}
		slices.Sort(v.Flags)
		if p, ok := num("probes"); ok {
			v.Probes = int(p)
		}
		u, ok1 := num("used")
		c, ok2 := num("confirmed")
		up, ok3 := num("updated")
		v.Times, v.timesSet = [3]int64{u, c, up}, ok1 && ok2 && ok3
		views[v.key()] = v
	}
	return views
}

// list is List(f), failing the test on an error. (Ifindex once went in the
// ndmsg header, which a strict neighbour dump rejects with EINVAL; the
// kernel filters by NDA_IFINDEX.)
func (tn *testNS) list(t *testing.T, f Filter) []rtnl.Neigh {
	t.Helper()
	entries, err := List(tn.ctx, tn.c, f)
	if err != nil {
		t.Fatalf("List(%+v): %v", f, err)
	}
	return entries
}

// userHZ is USER_HZ, the unit of struct nda_cacheinfo; ip divides by it.
const userHZ = 100

// viewOf describes a decoded entry the way ipNeigh does.
func (tn *testNS) viewOf(n *rtnl.Neigh) view {
	v := view{Dev: tn.byIndex[n.Header.Ifindex], Probes: -1}
	if n.Has(rtnl.NDA_DST) {
		v.Dst = n.Dst.String()
	}
	if n.Has(rtnl.NDA_LLADDR) {
		v.LLAddr = net.HardwareAddr(n.LLAddr).String()
	}
	if s := n.Header.State; s != 0 {
		v.State = strings.Split(s.String(), "|")
	}
	for _, f := range ipFlags {
		if n.Header.Flags&f.f != 0 {
			v.Flags = append(v.Flags, f.name)
		}
	}
	slices.Sort(v.Flags)
	if n.Has(rtnl.NDA_PROTOCOL) {
		v.Protocol = strconv.Itoa(int(n.Protocol))
	}
	if n.Has(rtnl.NDA_PROBES) {
		v.Probes = int(n.Probes)
	}
	if n.Has(rtnl.NDA_CACHEINFO) {
		ci := n.CacheInfo
		v.Times = [3]int64{int64(ci.Used / userHZ), int64(ci.Confirmed / userHZ), int64(ci.Updated / userHZ)}
		v.timesSet = true
	}
	return v
}

// compare lists the entries f selects and compares them with what ip shows
// for the same selection.
func (tn *testNS) compare(t *testing.T, f Filter, ipPre []string, ipArgs ...string) []string {
	t.Helper()
	entries := tn.list(t, f)
	want := tn.ipNeigh(t, ipPre, ipArgs...)
	var diffs []string
	got := map[string]bool{}
	for i := range entries {
		g := tn.viewOf(&entries[i])
		got[g.key()] = true
		w, ok := want[g.key()]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("Filter %+v: List has %+v; ip does not", f, g))
			continue
		}
		if !g.same(w) {
			diffs = append(diffs, fmt.Sprintf("Filter %+v, entry %s:\n List %+v\n   ip %+v", f, g.key(), g, w))
		}
		if g.timesSet != w.timesSet {
			diffs = append(diffs, fmt.Sprintf("entry %s: cache info present: List %v, ip %v", g.key(), g.timesSet, w.timesSet))
		}
		for i := range g.Times {
			if d := w.Times[i] - g.Times[i]; d < 0 || d > 2 {
				diffs = append(diffs, fmt.Sprintf("entry %s: cache times List %v, ip %v", g.key(), g.Times, w.Times))
				break
			}
		}
	}
	for k, w := range want {
		if !got[k] {
			diffs = append(diffs, fmt.Sprintf("Filter %+v: ip lists %+v; List does not", f, w))
		}
	}
	if len(entries) == 0 {
		diffs = append(diffs, fmt.Sprintf("Filter %+v: no entries", f))
	}
	return diffs
}

func TestIntegrationListMatchesIP(t *testing.T) {
	tn := newTestNS(t)
	nstest.Settle(t, func() []string { return tn.compare(t, Filter{}, nil, "nud", "all") })
	nstest.Settle(t, func() []string { return tn.compare(t, Filter{Proxy: true}, nil, "proxy") })

	entries, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byDst := map[string]*rtnl.Neigh{}
	for i := range entries {
		n := &entries[i]
		if n.Header.Flags&rtnl.NTF_PROXY != 0 {
			t.Errorf("a proxy entry in the plain dump: %+v", n)
		}
		if n.Has(rtnl.NDA_DST) {
			byDst[n.Dst.String()] = n
		}
	}
	for _, tc := range []struct {
		dst, ll, dev string
		state        rtnl.NeighState
		flags        rtnl.NeighFlags
		fam          rtnl.Family
	}{
		{"10.0.0.5", "02:00:00:00:00:05", "veth0", rtnl.NUD_PERMANENT, 0, rtnl.AF_INET},
		{"2001:db8::5", "02:00:00:00:00:06", "veth0", rtnl.NUD_PERMANENT, 0, rtnl.AF_INET6},
		{"10.0.0.6", "02:00:00:00:00:07", "veth0", rtnl.NUD_NOARP, 0, rtnl.AF_INET},
		{"10.0.0.7", "02:00:00:00:00:08", "veth0", rtnl.NUD_STALE, rtnl.NTF_ROUTER, rtnl.AF_INET},
		{"2001:db8::7", "02:00:00:00:00:09", "veth0", rtnl.NUD_STALE, rtnl.NTF_ROUTER, rtnl.AF_INET6},
		{"10.0.0.8", "02:00:00:00:00:0a", "veth0", rtnl.NUD_PERMANENT, rtnl.NTF_EXT_LEARNED, rtnl.AF_INET},
		{"10.0.2.5", "02:00:00:00:02:05", "veth2", rtnl.NUD_PERMANENT, 0, rtnl.AF_INET},
		{"10.0.3.5", "02:00:00:00:03:05", "veth3", rtnl.NUD_PERMANENT, 0, rtnl.AF_INET},
	} {
		n, ok := byDst[tc.dst]
		if !ok {
			t.Errorf("no entry for %s", tc.dst)
			continue
		}
		if net.HardwareAddr(n.LLAddr).String() != tc.ll || tn.byIndex[n.Header.Ifindex] != tc.dev ||
			n.Header.State != tc.state || n.Header.Flags&^rtnl.NTF_SELF != tc.flags || n.Header.Family != tc.fam {
			t.Errorf("%s: lladdr %v dev %s state %v flags %v family %v", tc.dst, net.HardwareAddr(n.LLAddr),
				tn.byIndex[n.Header.Ifindex], n.Header.State, n.Header.Flags, n.Header.Family)
		}
	}
	if n := byDst["10.0.0.8"]; n != nil && !strings.Contains(n.Header.Flags.String(), "extern_learn") {
		t.Errorf("regression: NeighFlags.String() = %q for NTF_EXT_LEARNED; ip names it extern_learn (and NTF_OFFLOADED offload)", n.Header.Flags)
	}
	if n := byDst["10.0.0.11"]; n == nil || !n.Has(rtnl.NDA_PROTOCOL) || n.Protocol != 99 {
		t.Errorf("10.0.0.11 protocol 99: %+v", n)
	}
	if n := byDst["10.0.0.5"]; n != nil && n.Has(rtnl.NDA_PROTOCOL) {
		t.Errorf("10.0.0.5 without protocol has NDA_PROTOCOL %v", n.Protocol)
	}

	proxies, err := List(tn.ctx, tn.c, Filter{Proxy: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range proxies {
		if p.Header.Flags&rtnl.NTF_PROXY == 0 || p.Has(rtnl.NDA_LLADDR) {
			t.Errorf("proxy entry %v: flags %v, lladdr %v", p.Dst, p.Header.Flags, p.LLAddr)
		}
		got = append(got, tn.byIndex[p.Header.Ifindex]+" "+p.Dst.String())
	}
	slices.Sort(got)
	if want := []string{"veth0 10.0.0.9", "veth0 2001:db8::9", "veth2 10.0.2.9"}; !slices.Equal(got, want) {
		t.Errorf("proxies %v, want %v", got, want)
	}
}

// filtered reports whether every reply to the raw dump req carried
// NLM_F_DUMP_FILTERED, and how many replies there were.
func (tn *testNS) filtered(t *testing.T, req []byte) (bool, int) {
	t.Helper()
	all, n := true, 0
	for m, err := range tn.c.Dump(tn.ctx, "RTM_GETNEIGH", uint16(rtnl.RTM_GETNEIGH), 0, req) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type == uint16(rtnl.RTM_NEWNEIGH) {
			n++
			all = all && m.Header.Flags&nlsock.FlagDumpFiltered != 0
		}
	}
	return all, n
}

func TestIntegrationFilters(t *testing.T) {
	tn := newTestNS(t)
	veth2 := tn.byName["veth2"]
	for _, tc := range []struct {
		f    Filter
		pre  []string
		args []string
	}{
		{Filter{Ifindex: uint32(veth2)}, nil, []string{"nud", "all", "dev", "veth2"}},
		{Filter{Family: rtnl.AF_INET6}, []string{"-6"}, []string{"nud", "all"}},
		{Filter{Family: rtnl.AF_INET, Ifindex: uint32(tn.byName["veth0"])}, []string{"-4"}, []string{"nud", "all", "dev", "veth0"}},
		{Filter{Proxy: true, Ifindex: uint32(veth2)}, nil, []string{"proxy", "dev", "veth2"}},
		{Filter{Proxy: true, Family: rtnl.AF_INET6}, []string{"-6"}, []string{"proxy"}},
	} {
		nstest.Settle(t, func() []string {
			if tc.f.Ifindex != 0 {
				// ip leaves "dev" out when it selects by device.
				return tn.compareDev(t, tc.f, tc.pre, tc.args...)
			}
			return tn.compare(t, tc.f, tc.pre, tc.args...)
		})
	}
	for _, f := range []Filter{{Ifindex: uint32(veth2)}, {Proxy: true, Ifindex: uint32(veth2)}} {
		if all, n := tn.filtered(t, f.request()); !all || n == 0 {
			t.Errorf("dump %+v: %d replies, all NLM_F_DUMP_FILTERED: %v", f, n, all)
		}
	}

	if !tn.bridge {
		t.Log("no bridge: Master filter and FDB not checked")
		return
	}
	br := uint32(tn.byName["br0"])
	nstest.Settle(t, func() []string { return tn.compare(t, Filter{Master: br}, nil, "nud", "all", "master", "br0") })
	for _, n := range tn.list(t, Filter{Master: br}) {
		if tn.byIndex[n.Header.Ifindex] != "veth3" {
			t.Errorf("Master br0 yields an entry on %s", tn.byIndex[n.Header.Ifindex])
		}
	}
	if all, n := tn.filtered(t, Filter{Master: br}.request()); !all || n == 0 {
		t.Errorf("dump by master: %d replies, all NLM_F_DUMP_FILTERED: %v", n, all)
	}
	tn.checkFDB(t, br)
}

// compareDev is compare for a selection by device: ip leaves "dev" out.
func (tn *testNS) compareDev(t *testing.T, f Filter, ipPre []string, ipArgs ...string) []string {
	t.Helper()
	entries := tn.list(t, f)
	want := tn.ipNeigh(t, ipPre, ipArgs...)
	dev := tn.byIndex[int32(f.Ifindex)]
	var diffs []string
	got := map[string]bool{}
	for i := range entries {
		g := tn.viewOf(&entries[i])
		if g.Dev != dev {
			diffs = append(diffs, fmt.Sprintf("Filter %+v yields an entry on %s", f, g.Dev))
		}
		g.Dev = ""
		got[g.key()] = true
		w, ok := want[g.key()]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("Filter %+v: List has %+v; ip does not", f, g))
			continue
		}
		if !g.same(w) {
			diffs = append(diffs, fmt.Sprintf("Filter %+v, entry %s:\n List %+v\n   ip %+v", f, g.key(), g, w))
		}
	}
	for k, w := range want {
		if !got[k] {
			diffs = append(diffs, fmt.Sprintf("Filter %+v: ip lists %+v; List does not", f, w))
		}
	}
	if len(entries) == 0 {
		diffs = append(diffs, fmt.Sprintf("Filter %+v: no entries", f))
	}
	return diffs
}

// checkFDB compares the bridge forwarding database (Family AF_BRIDGE) with
// `bridge -j fdb show`, when the bridge tool is installed.
func (tn *testNS) checkFDB(t *testing.T, br uint32) {
	t.Helper()
	if _, err := exec.LookPath("bridge"); err != nil {
		t.Log("no bridge tool: FDB not compared")
		return
	}
	fdb := func(f Filter, args ...string) ([]string, []string) {
		entries := tn.list(t, f)
		var got []string
		for _, n := range entries {
			if n.Header.Family != rtnl.AF_BRIDGE {
				t.Errorf("FDB entry of family %v", n.Header.Family)
			}
			e := net.HardwareAddr(n.LLAddr).String() + " " + tn.byIndex[n.Header.Ifindex]
			if n.Has(rtnl.NDA_MASTER) {
				e += " master " + tn.byIndex[int32(n.Master)]
			}
			if n.Header.Flags&rtnl.NTF_SELF != 0 {
				e += " self"
			}
			got = append(got, e)
		}
		var raw []struct {
			Mac    string   `json:"mac"`
			IfName string   `json:"ifname"`
			Master string   `json:"master"`
			Flags  []string `json:"flags"`
		}
		cmd := exec.Command("bridge", append([]string{"-n", tn.ns.Name(), "-j", "fdb", "show"}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v", cmd.Args, err)
		}
		if err := json.Unmarshal(out, &raw); err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
		}
		var want []string
		for _, r := range raw {
			e := r.Mac + " " + r.IfName
			if r.Master != "" {
				e += " master " + r.Master
			}
			if slices.Contains(r.Flags, "self") {
				e += " self"
			}
			want = append(want, e)
		}
		slices.Sort(got)
		slices.Sort(want)
		return got, want
	}
	// By bridge port, with the NDA_IFINDEX that Filter.request sends.
	veth3 := tn.byName["veth3"]
	port := func(req []byte) []string {
		var got []string
		entries, err := dump.List[rtnl.Neigh](tn.ctx, tn.c, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range entries {
			if n.Header.Ifindex != veth3 {
				t.Errorf("FDB of veth3 yields an entry on %s", tn.byIndex[n.Header.Ifindex])
			}
			got = append(got, net.HardwareAddr(n.LLAddr).String())
		}
		slices.Sort(got)
		return got
	}
	nstest.Settle(t, func() []string {
		var diffs []string
		f := Filter{Family: rtnl.AF_BRIDGE, Ifindex: uint32(veth3)}
		a, b := port(f.request()), port(f.request())
		_, want := fdb(Filter{Family: rtnl.AF_BRIDGE, Master: br}, "br", "br0")
		var w []string
		for _, e := range want {
			if fs := strings.Fields(e); fs[1] == "veth3" {
				w = append(w, fs[0])
			}
		}
		slices.Sort(w)
		if len(a) == 0 || !slices.Equal(a, w) || !slices.Equal(b, w) {
			diffs = append(diffs, fmt.Sprintf("FDB of veth3: header ifindex %v, NDA_IFINDEX %v, bridge %v", a, b, w))
		}
		return diffs
	})
	nstest.Settle(t, func() []string {
		var diffs []string
		got, want := fdb(Filter{Family: rtnl.AF_BRIDGE})
		if len(got) == 0 || !slices.Equal(got, want) {
			diffs = append(diffs, fmt.Sprintf("FDB:\n List %q\n   bridge %q", got, want))
		}
		got, want = fdb(Filter{Family: rtnl.AF_BRIDGE, Master: br}, "br", "br0")
		if len(got) == 0 || !slices.Equal(got, want) {
			diffs = append(diffs, fmt.Sprintf("FDB of br0:\n List %q\n   bridge %q", got, want))
		}
		return diffs
	})
}
