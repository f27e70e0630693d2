package link

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os/exec"
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

// testNS is a namespace with a connection in it.
type testNS struct {
	ns     nlsock.NetNS
	c      *nlsock.Conn
	ctx    context.Context
	bridge bool // br0 exists, with veth1 as its port
}

// newTestNS builds:
//
//	veth0 <-> veth1  both up; veth0 with mtu 1400, txqueuelen 500, group 7,
//	                 an alias, a fixed address and two altnames
//	veth2 <-> veth3  veth2 up, veth3 down (NO-CARRIER, M-DOWN, LOWERLAYERDOWN)
//	br0              a bridge with veth1 as its port, when the kernel has bridges
func newTestNS(t *testing.T) *testNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.IP(t, ns, "link", "set", "veth0", "mtu", "1400", "txqueuelen", "500", "group", "7",
		"alias", "linx test alias", "address", "02:11:22:33:44:55")
	nstest.IP(t, ns, "link", "property", "add", "dev", "veth0", "altname", "linx-alt-0", "altname", "linx-alt-1")
	nstest.IP(t, ns, "link", "add", "veth2", "type", "veth", "peer", "name", "veth3")
	nstest.IP(t, ns, "link", "set", "veth2", "up")
	tn := &testNS{ns: ns}
	if out, err := exec.Command("ip", "-n", ns.Name(), "link", "add", "br0", "type", "bridge").CombinedOutput(); err != nil {
		t.Logf("no bridge in this kernel, bridge checks skipped: %v: %s", err, out)
	} else {
		tn.bridge = true
		nstest.IP(t, ns, "link", "set", "veth1", "master", "br0")
		nstest.IP(t, ns, "link", "set", "br0", "up")
	}
	c, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	tn.c, tn.ctx = c, ctx
	return tn
}

// index returns the ifindex of name, as the Go standard library sees it
// inside the namespace.
func (tn *testNS) index(t *testing.T, name string) int32 {
	t.Helper()
	var idx int
	err := nlsock.Do(tn.ns, func() error {
		i, err := net.InterfaceByName(name)
		if err == nil {
			idx = i.Index
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return int32(idx)
}

// view is what both ip(8) and this package say about a link, in one form.
// Absent numbers are -1, absent strings "".
type view struct {
	Index                  int
	Name                   string
	Flags                  []string // sorted, as ip names them
	MTU, MinMTU, MaxMTU    int
	TxQLen, Group          int
	Promiscuity            int
	NumTx, NumRx           int
	LinkType               int
	Qdisc, Master, Link    string
	OperState, LinkMode    string
	Address, Broadcast     string
	Alias, Kind, SlaveKind string
	AltNames               []string
}

// ipLinks runs `ip -j -N -d link show` in the namespace.
func (tn *testNS) ipLinks(t *testing.T) map[string]view {
	t.Helper()
	var raw []struct {
		Index       int      `json:"ifindex"`
		Name        string   `json:"ifname"`
		Flags       []string `json:"flags"`
		MTU         *int     `json:"mtu"`
		MinMTU      *int     `json:"min_mtu"`
		MaxMTU      *int     `json:"max_mtu"`
		TxQLen      *int     `json:"txqlen"`
		Group       *string  `json:"group"`
		Promiscuity *int     `json:"promiscuity"`
		NumTx       *int     `json:"num_tx_queues"`
		NumRx       *int     `json:"num_rx_queues"`
		LinkType    string   `json:"link_type"`
		Qdisc       string   `json:"qdisc"`
		Master      string   `json:"master"`
		Link        string   `json:"link"`
		OperState   string   `json:"operstate"`
		LinkMode    string   `json:"linkmode"`
		Address     string   `json:"address"`
		Broadcast   string   `json:"broadcast"`
		Alias       string   `json:"ifalias"`
		AltNames    []string `json:"altnames"`
		LinkInfo    struct {
			Kind      string `json:"info_kind"`
			SlaveKind string `json:"info_slave_kind"`
		} `json:"linkinfo"`
	}
	out := nstest.IP(t, tn.ns, "-j", "-N", "-d", "link", "show")
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("ip -j link: %v\n%s", err, out)
	}
	num := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	views := map[string]view{}
	for _, r := range raw {
		v := view{Index: r.Index, Name: r.Name, MTU: num(r.MTU), MinMTU: num(r.MinMTU), MaxMTU: num(r.MaxMTU),
			TxQLen: num(r.TxQLen), Group: -1, Promiscuity: num(r.Promiscuity), NumTx: num(r.NumTx), NumRx: num(r.NumRx),
			Qdisc: r.Qdisc, Master: r.Master, Link: r.Link, OperState: r.OperState, LinkMode: r.LinkMode,
			Address: r.Address, Broadcast: r.Broadcast, Alias: r.Alias, Kind: r.LinkInfo.Kind,
			SlaveKind: r.LinkInfo.SlaveKind, AltNames: r.AltNames}
		if r.Group != nil {
			g, err := strconv.Atoi(*r.Group)
			if err != nil {
				t.Fatalf("ip -N printed group %q, not a number", *r.Group)
			}
			v.Group = g
		}
		lt, err := strconv.Atoi(strings.Trim(r.LinkType, "[]"))
		if err != nil {
			t.Fatalf("ip -N printed link_type %q, not [number]", r.LinkType)
		}
		v.LinkType = lt
		v.Flags = slices.Sorted(slices.Values(r.Flags))
		views[v.Name] = v
	}
	return views
}

// viewOf describes a decoded link the way ipLinks does; byIndex names the
// other links (for master, link and M-DOWN).
func viewOf(l *rtnl.Link, byIndex map[uint32]*rtnl.Link) view {
	v := view{Index: int(l.Header.Index), Name: l.IfName.String(), MTU: -1, MinMTU: -1, MaxMTU: -1,
		TxQLen: -1, Group: -1, Promiscuity: -1, NumTx: -1, NumRx: -1, LinkType: int(l.Header.Type)}
	u32 := func(id uint16, x uint32) int {
		if l.Has(id) {
			return int(x)
		}
		return -1
	}
	v.MTU = u32(rtnl.IFLA_MTU, l.MTU)
	v.MinMTU = u32(rtnl.IFLA_MIN_MTU, l.MinMTU)
	v.MaxMTU = u32(rtnl.IFLA_MAX_MTU, l.MaxMTU)
	v.TxQLen = u32(rtnl.IFLA_TXQLEN, l.TxQLen)
	v.Group = u32(rtnl.IFLA_GROUP, l.Group)
	v.Promiscuity = u32(rtnl.IFLA_PROMISCUITY, l.Promiscuity)
	v.NumTx = u32(rtnl.IFLA_NUM_TX_QUEUES, l.NumTxQueues)
	v.NumRx = u32(rtnl.IFLA_NUM_RX_QUEUES, l.NumRxQueues)
	if l.Has(rtnl.IFLA_QDISC) {
		v.Qdisc = l.Qdisc.String()
	}
	name := func(idx uint32) string {
		if o, ok := byIndex[idx]; ok {
			return o.IfName.String()
		}
		return "if" + strconv.Itoa(int(idx))
	}
	if l.Has(rtnl.IFLA_MASTER) {
		v.Master = name(l.Master)
	}
	mdown := false
	if l.Has(rtnl.IFLA_LINK) && l.Link != 0 && !l.Has(rtnl.IFLA_LINK_NETNSID) {
		v.Link = name(l.Link)
		if o, ok := byIndex[l.Link]; ok && o.Header.Flags&rtnl.IFF_UP == 0 {
			mdown = true
		}
	}
	if l.Has(rtnl.IFLA_OPERSTATE) {
		v.OperState = l.OperState.String()
	}
	if l.Has(rtnl.IFLA_LINKMODE) {
		// ip prints link modes upper-case; LinkMode.String is lower-case
		// (see TestIntegrationEnumNames).
		v.LinkMode = strings.ToUpper(l.LinkMode.String())
	}
	if l.Has(rtnl.IFLA_ADDRESS) {
		v.Address = net.HardwareAddr(l.Address).String()
	}
	if l.Has(rtnl.IFLA_BROADCAST) {
		v.Broadcast = net.HardwareAddr(l.Broadcast).String()
	}
	if l.Has(rtnl.IFLA_IFALIAS) {
		v.Alias = l.IfAlias.String()
	}
	if l.Has(rtnl.IFLA_LINKINFO) {
		v.Kind = l.LinkInfo.Kind.String()
		v.SlaveKind = l.LinkInfo.SlaveKind.String()
	}
	if l.Has(rtnl.IFLA_PROP_LIST) {
		for _, a := range l.PropList.AltNames {
			v.AltNames = append(v.AltNames, a.String())
		}
	}
	// ip: NO-CARRIER when up but not running, RUNNING never shown, M-DOWN
	// when the IFLA_LINK peer is down.
	f := l.Header.Flags
	if f&rtnl.IFF_UP != 0 && f&rtnl.IFF_RUNNING == 0 {
		v.Flags = append(v.Flags, "NO-CARRIER")
	}
	if f &^= rtnl.IFF_RUNNING; f != 0 {
		v.Flags = append(v.Flags, strings.Split(f.String(), "|")...)
	}
	if mdown {
		v.Flags = append(v.Flags, "M-DOWN")
	}
	slices.Sort(v.Flags)
	return v
}

func indexLinks(ls []rtnl.Link) map[uint32]*rtnl.Link {
	m := map[uint32]*rtnl.Link{}
	for i := range ls {
		m[uint32(ls[i].Header.Index)] = &ls[i]
	}
	return m
}

// compare lists every link and compares it with ip's view, field by field.
func (tn *testNS) compare(t *testing.T) []string {
	t.Helper()
	links, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := tn.ipLinks(t)
	byIndex := indexLinks(links)
	var diffs []string
	got := map[string]bool{}
	for i := range links {
		g := viewOf(&links[i], byIndex)
		got[g.Name] = true
		w, ok := want[g.Name]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("List has %s; ip does not", g.Name))
			continue
		}
		if d := diffViews(g, w); d != "" {
			diffs = append(diffs, fmt.Sprintf("link %s (List vs ip):%s", g.Name, d))
		}
	}
	for n := range want {
		if !got[n] {
			diffs = append(diffs, fmt.Sprintf("ip lists %s; List does not", n))
		}
	}
	return diffs
}

// diffViews names the fields where g and w differ.
func diffViews(g, w view) string {
	var b strings.Builder
	gf, wf := fmt.Sprintf("%+v", g), fmt.Sprintf("%+v", w)
	if gf == wf {
		return ""
	}
	for _, f := range []struct {
		name string
		g, w any
	}{
		{"ifindex", g.Index, w.Index}, {"flags", g.Flags, w.Flags}, {"mtu", g.MTU, w.MTU},
		{"min_mtu", g.MinMTU, w.MinMTU}, {"max_mtu", g.MaxMTU, w.MaxMTU}, {"txqlen", g.TxQLen, w.TxQLen},
		{"group", g.Group, w.Group}, {"promiscuity", g.Promiscuity, w.Promiscuity},
		{"num_tx_queues", g.NumTx, w.NumTx}, {"num_rx_queues", g.NumRx, w.NumRx},
		{"link_type", g.LinkType, w.LinkType}, {"qdisc", g.Qdisc, w.Qdisc}, {"master", g.Master, w.Master},
		{"link", g.Link, w.Link}, {"operstate", g.OperState, w.OperState}, {"linkmode", g.LinkMode, w.LinkMode},
		{"address", g.Address, w.Address}, {"broadcast", g.Broadcast, w.Broadcast}, {"ifalias", g.Alias, w.Alias},
		{"info_kind", g.Kind, w.Kind}, {"info_slave_kind", g.SlaveKind, w.SlaveKind}, {"altnames", g.AltNames, w.AltNames},
	} {
		if fmt.Sprint(f.g) != fmt.Sprint(f.w) {
			fmt.Fprintf(&b, " %s %v != %v;", f.name, f.g, f.w)
		}
	}
	return b.String()
}

func TestIntegrationListMatchesIP(t *testing.T) {
	tn := newTestNS(t)
	nstest.Settle(t, func() []string { return tn.compare(t) })

	// The values the setup asked for, straight from the decoded struct.
	links, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*rtnl.Link{}
	for i := range links {
		byName[links[i].IfName.String()] = &links[i]
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range byName {
			if !yield(n) {
				return
			}
		}
	})
	wantNames := []string{"lo", "veth0", "veth1", "veth2", "veth3"}
	if tn.bridge {
		wantNames = append([]string{"br0"}, wantNames...)
	}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("links %v, want %v", names, wantNames)
	}
	v0 := byName["veth0"]
	if v0.MTU != 1400 || v0.TxQLen != 500 || v0.Group != 7 || v0.IfAlias.String() != "linx test alias" ||
		net.HardwareAddr(v0.Address).String() != "02:11:22:33:44:55" || v0.LinkInfo.Kind.String() != "veth" ||
		v0.Header.Index != tn.index(t, "veth0") || v0.Link != uint32(tn.index(t, "veth1")) {
		t.Errorf("veth0 decoded as %+v", v0)
	}
	if alt := v0.PropList.AltNames; len(alt) != 2 || alt[0].String() != "linx-alt-0" || alt[1].String() != "linx-alt-1" {
		t.Errorf("veth0 altnames %q", alt)
	}
	if v2 := byName["veth2"]; v2.OperState != rtnl.IF_OPER_LOWERLAYERDOWN || v2.Header.Flags&rtnl.IFF_UP == 0 ||
		v2.Header.Flags&rtnl.IFF_RUNNING != 0 {
		t.Errorf("veth2 (up, peer down): operstate %v flags %v", v2.OperState, v2.Header.Flags)
	}
	if v3 := byName["veth3"]; v3.OperState != rtnl.IF_OPER_DOWN || v3.Header.Flags&rtnl.IFF_UP != 0 {
		t.Errorf("veth3 (down): operstate %v flags %v", v3.OperState, v3.Header.Flags)
	}
	if lo := byName["lo"]; lo.Header.Type != unix.ARPHRD_LOOPBACK || lo.Header.Flags&rtnl.IFF_LOOPBACK == 0 || lo.Has(rtnl.IFLA_LINKINFO) && len(lo.LinkInfo.Kind) != 0 {
		t.Errorf("lo decoded as type %d flags %v kind %q", lo.Header.Type, lo.Header.Flags, lo.LinkInfo.Kind)
	}
	if tn.bridge {
		br, v1 := byName["br0"], byName["veth1"]
		if br.LinkInfo.Kind.String() != "bridge" || !v1.Has(rtnl.IFLA_MASTER) || v1.Master != uint32(br.Header.Index) ||
			v1.LinkInfo.SlaveKind.String() != "bridge" {
			t.Errorf("bridge port: br0 kind %q, veth1 master %d slave kind %q", br.LinkInfo.Kind, v1.Master, v1.LinkInfo.SlaveKind)
		}
	}
	if byName["veth3"].Has(rtnl.IFLA_MASTER) {
		t.Errorf("veth3 has IFLA_MASTER %d", byName["veth3"].Master)
	}
}

// dumpFlags sends f's request as a raw dump and returns the names of the
// links and whether every reply carried NLM_F_DUMP_FILTERED.
func (tn *testNS) dumpFlags(t *testing.T, f Filter) (names []string, filtered bool) {
	t.Helper()
	filtered = true
	for m, err := range tn.c.Dump(tn.ctx, "RTM_GETLINK", uint16(rtnl.RTM_GETLINK), 0, f.request()) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != uint16(rtnl.RTM_NEWLINK) {
			continue
		}
		var l rtnl.Link
		if err := l.Decode(m.Payload); err != nil {
			t.Fatal(err)
		}
		names = append(names, l.IfName.String())
		filtered = filtered && m.Header.Flags&nlsock.FlagDumpFiltered != 0
	}
	slices.Sort(names)
	return names, filtered
}

func (tn *testNS) names(t *testing.T, f Filter) []string {
	t.Helper()
	var names []string
	for l, err := range All(tn.ctx, tn.c, f) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, l.IfName.String())
	}
	slices.Sort(names)
	return names
}

func TestIntegrationFilters(t *testing.T) {
	tn := newTestNS(t)
	veths := []string{"veth0", "veth1", "veth2", "veth3"}

	if got := tn.names(t, Filter{Kind: "veth"}); !slices.Equal(got, veths) {
		t.Errorf("Kind veth: %v, want %v", got, veths)
	}
	if names, filtered := tn.dumpFlags(t, Filter{Kind: "veth"}); !filtered || !slices.Equal(names, veths) {
		t.Errorf("raw dump with kind veth: %v, every reply NLM_F_DUMP_FILTERED: %v", names, filtered)
	}

	// A kind the kernel does not know (no such driver loaded; here the
	// dummy driver is missing) is silently ignored by the kernel: the dump
	// is the whole table, without NLM_F_DUMP_FILTERED.
	for _, kind := range []string{"dummy", "linx-no-such-kind"} {
		names, filtered := tn.dumpFlags(t, Filter{Kind: kind})
		if filtered {
			t.Logf("the kernel filtered by kind %q itself: %v", kind, names)
		}
		if got := tn.names(t, Filter{Kind: kind}); len(got) != 0 {
			t.Errorf("regression: List(Filter{Kind: %q}) = %v: the kernel ignored the unknown kind (replies without NLM_F_DUMP_FILTERED: %v) and link passes the whole table on", kind, got, !filtered)
		}
	}

	if !tn.bridge {
		t.Log("no bridge: Master filter not checked")
		return
	}
	br := uint32(tn.index(t, "br0"))
	if got := tn.names(t, Filter{Master: br}); !slices.Equal(got, []string{"veth1"}) {
		t.Errorf("Master br0: %v, want [veth1]", got)
	}
	if names, filtered := tn.dumpFlags(t, Filter{Master: br}); !filtered || !slices.Equal(names, []string{"veth1"}) {
		t.Errorf("raw dump with master br0: %v, every reply NLM_F_DUMP_FILTERED: %v", names, filtered)
	}
	if got := tn.names(t, Filter{Kind: "bridge"}); !slices.Equal(got, []string{"br0"}) {
		t.Errorf("Kind bridge: %v, want [br0]", got)
	}
	if got := tn.names(t, Filter{Master: br, Kind: "veth"}); !slices.Equal(got, []string{"veth1"}) {
		t.Errorf("Master br0 + Kind veth: %v, want [veth1]", got)
	}
	if got := tn.names(t, Filter{Master: br, Kind: "bridge"}); len(got) != 0 {
		t.Errorf("Master br0 + Kind bridge: %v, want none", got)
	}
	// A master that is not a master (or does not exist) has no ports.
	if got := tn.names(t, Filter{Master: uint32(tn.index(t, "veth0"))}); len(got) != 0 {
		t.Errorf("Master veth0: %v, want none", got)
	}
	if got := tn.names(t, Filter{Master: 999999}); len(got) != 0 {
		t.Errorf("Master 999999: %v, want none", got)
	}
}

func TestIntegrationGet(t *testing.T) {
	tn := newTestNS(t)
	links, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byIndex := indexLinks(links)
	idx := tn.index(t, "veth0")
	listed := viewOf(byIndex[uint32(idx)], byIndex)

	for _, tc := range []struct {
		name  string
		index int32
		ifn   string
	}{
		{"by name", 0, "veth0"},
		{"by index", idx, ""},
		{"by altname", 0, "linx-alt-1"},
		{"index wins over name", idx, "veth2"},
	} {
		l, err := Get(tn.ctx, tn.c, tc.index, tc.ifn)
		if err != nil {
			t.Errorf("Get %s: %v", tc.name, err)
			continue
		}
		if l.Header.Index != idx || l.IfName.String() != "veth0" {
			t.Errorf("Get %s: link %d %q, want %d veth0", tc.name, l.Header.Index, l.IfName, idx)
			continue
		}
		if d := diffViews(viewOf(l, byIndex), listed); d != "" {
			t.Errorf("Get %s differs from List:%s", tc.name, d)
		}
	}

	for _, tc := range []struct {
		index int32
		ifn   string
	}{{0, "linx-nope"}, {999999, ""}} {
		_, err := Get(tn.ctx, tn.c, tc.index, tc.ifn)
		var ne *nlsock.Error
		if !errors.Is(err, unix.ENODEV) || !errors.As(err, &ne) {
			t.Errorf("Get(%d, %q) = %v, want the kernel's ENODEV", tc.index, tc.ifn, err)
		}
	}
	if _, err := Get(tn.ctx, tn.c, 0, ""); err == nil {
		t.Error("Get without index or name succeeded")
	}
}

func TestIntegrationAllEarlyBreak(t *testing.T) {
	tn := newTestNS(t)
	for range 3 {
		for l, err := range All(tn.ctx, tn.c, Filter{}) {
			if err != nil {
				t.Fatal(err)
			}
			_ = l
			break
		}
	}
	// The value All yields is reused: List must hand out distinct copies.
	links, err := List(tn.ctx, tn.c, Filter{Kind: "veth"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range links {
		names = append(names, l.IfName.String())
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"veth0", "veth1", "veth2", "veth3"}) {
		t.Fatalf("after early breaks, List(veth) = %v", names)
	}
}

// TestIntegrationEnumNames checks the generated enum names against what ip
// prints for the same links, and that the parsers take them back.
func TestIntegrationEnumNames(t *testing.T) {
	tn := newTestNS(t)
	links, err := List(tn.ctx, tn.c, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := tn.ipLinks(t)
	modeReported := false
	for i := range links {
		l := &links[i]
		w := want[l.IfName.String()]
		if got := l.OperState.String(); got != w.OperState {
			t.Errorf("%s: OperState %q, ip %q", l.IfName, got, w.OperState)
		}
		if p, err := rtnl.ParseOperState(w.OperState); err != nil || p != l.OperState {
			t.Errorf("regression: ParseOperState(%q) = %v, %v: the parser lower-cases its input but matches the upper-case names", w.OperState, p, err)
		}
		if got := l.LinkMode.String(); got != w.LinkMode && !modeReported {
			modeReported = true
			t.Errorf("regression: %s: LinkMode.String() = %q, ip prints %q", l.IfName, got, w.LinkMode)
		}
		if p, err := rtnl.ParseLinkFlags(l.Header.Flags.String()); err != nil || p != l.Header.Flags {
			t.Errorf("ParseLinkFlags(%q) = %v, %v", l.Header.Flags, p, err)
		}
	}
}
