package ipfmt

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/internal/iptest"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/neigh"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/rule"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The integration tests build objects of every kind in a fresh namespace,
// print them with this package and compare with ip (iproute2 6.1) on this
// machine: text line by line (ip's trailing spaces removed), JSON as
// parsed values, key by key.

// testNS is a namespace with two veth pairs (veth0-veth1, veth2-veth3,
// all up) and the usual addresses.
func testNS(t *testing.T) nlsock.NetNS {
	t.Helper()
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.Veth(t, ns, "veth2", "veth3")
	nstest.Batch(t, ns, strings.Join([]string{
		"link set lo up",
		"addr add 10.0.0.1/24 dev veth0",
		"addr add 10.0.1.1/24 dev veth2",
		"addr add 2001:db8::1/64 dev veth0 nodad",
		"addr add 2001:db8:1::1/64 dev veth2 nodad",
	}, "\n")+"\n")
	return ns
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// links dumps ns's links into a LinkTable, and returns the list.
func links(t *testing.T, ns nlsock.NetNS) (*LinkTable, []rtnl.Link) {
	t.Helper()
	conn := nstest.Dial(t, ns)
	ls, err := link.List(ctxFor(t), conn, link.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var lt LinkTable
	for i := range ls {
		lt.Learn(&ls[i])
	}
	return &lt, ls
}

// compareText compares our text with ip's, line by line.
func compareText(t *testing.T, what, ours, ips string) {
	t.Helper()
	iptest.Report(t, what, iptest.TextDiffs(ours, ips))
}

// decodeJSON parses a JSON document keeping numbers as written.
func decodeJSON(t *testing.T, what string, b []byte) any {
	t.Helper()
	return iptest.DecodeJSON(t, what, b)
}

// compareJSON compares two parsed values field by field (see
// iptest.JSONDiffs for skip).
func compareJSON(t *testing.T, what string, ours, ips any, skip map[string]bool) {
	t.Helper()
	iptest.Report(t, what, iptest.JSONDiffs(ours, ips, skip))
}

// compareList prints objects as a List in every mode of iptest.Modes, with
// the Options that mean the same as ip's flags, and compares with
// `ip MODE args...` (see iptest.CompareModes).
func compareList(t *testing.T, ns nlsock.NetNS, args []string, base Options, skip map[string]bool, print func(o Options) []byte) {
	t.Helper()
	iptest.CompareModes(t, ns, args, skip, func(m iptest.Mode) []byte {
		o := base
		o.JSON, o.Details, o.Numeric = m.JSON, m.Details, m.Numeric
		return print(o)
	})
}

// listOf prints msgs as a List.
func listOf[T any](o Options, msgs []T) []byte {
	var b bytes.Buffer
	l := o.NewList(&b)
	for i := range msgs {
		if err := l.Add(&msgs[i]); err != nil {
			panic(err)
		}
	}
	l.Close()
	return b.Bytes()
}

func TestIntegrationRoutes(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"route add default via 10.0.0.2 dev veth0",
		"route add 10.1.0.0/16 via 10.0.0.2 dev veth0 proto static metric 5",
		"route add 10.2.0.0/16 via 10.0.1.2 table 1000 proto static",
		"route add blackhole 10.3.0.0/16",
		"route add unreachable 10.4.0.0/16 proto static",
		"route add prohibit 10.5.0.0/16 metric 7",
		"route add throw 10.6.0.0/16 table 1000",
		"route add 10.7.0.0/16 nexthop via 10.0.0.2 dev veth0 weight 2 nexthop via 10.0.1.2 dev veth2",
		"route add 10.8.0.0/16 via 10.0.0.2 mtu lock 1280 advmss 1400 rtt 12ms rttvar 8ms hoplimit 10 initcwnd 10 features ecn congctl cubic",
		"route add 10.9.0.0/24 dev veth2 scope link src 10.0.1.1 realm 7",
		"route add 10.10.0.0/24 via 10.0.0.2 tos 0x10",
		"route add 10.11.0.0/24 via 10.0.0.2 tos 0x28",
		"route add 10.12.0.0/24 via 10.0.0.2 realms 5/0",
		"route add 192.0.2.1 via 10.0.0.2 onlink dev veth0",
		"route add 10.30.0.0/16 via inet6 2001:db8::2 dev veth0",
		"route add 10.31.0.0/16 nexthop via inet6 2001:db8::2 dev veth0 nexthop via 10.0.1.2 dev veth2",
		"route add 2001:db8:100::/48 via 2001:db8::2 proto static metric 100",
		"route add 2001:db8:200::/48 via 2001:db8::2 pref low",
		"route add 2001:db8:300::/48 nexthop via 2001:db8::2 dev veth0 weight 2 nexthop via 2001:db8:1::2 dev veth2 weight 5",
		"route add blackhole 2001:db8:400::/48",
		"route add 2001:db8:500::/48 via 2001:db8::2 table 1000 mtu 1400",
		"route add 10.26.0.0/16 via 10.0.0.2 table 100000 src 10.0.0.1",
		"route add 10.13.0.0/16 via 10.0.1.2 proto bird window 65535 rtt 1500ms rttvar 1500ms",
		"route add 2001:db8:210::/48 via fe80::1 dev veth0",
		"route add 2001:db8:25::/48 via 2001:db8::2 pref high metric 77 hoplimit 32",
		"route add unreachable 2001:db8:23::/48",
		"nexthop add id 1 via 10.0.0.2 dev veth0",
		"nexthop add id 2 via 10.0.1.2 dev veth2",
		"nexthop add id 10 group 1/2",
		"route add 10.20.0.0/16 nhid 1",
		"route add 10.21.0.0/16 nhid 10 table 1000",
	}, "\n")+"\n")
	lt, _ := links(t, ns)
	var nt NexthopTable
	nhs, err := nexthop.List(ctxFor(t), nstest.Dial(t, ns), nexthop.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range nhs {
		nt.Learn(&nhs[i])
	}
	c, err := route.Open(route.InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := ctxFor(t)
	// route get: a cached IPv4 route ("cache"), an IPv6 one ("from ::").
	for _, dst := range []string{"10.0.0.2", "10.1.2.3", "2001:db8::5", "2001:db8:100::1"} {
		r, err := c.Get(ctx, netip.MustParseAddr(dst))
		if err != nil {
			t.Fatal(err)
		}
		compareList(t, ns, []string{"route", "get", dst}, Options{Links: lt, Nexthops: &nt}, nil, func(o Options) []byte {
			return listOf(o, []rtnl.Route{*r})
		})
	}
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		flag := "-4"
		if fam == rtnl.AF_INET6 {
			flag = "-6"
		}
		for _, tc := range []struct {
			args   []string
			filter route.Filter
			hide   bool
		}{
			{[]string{"route", "show", "table", "all"}, route.Filter{Family: fam}, false},
			{[]string{"route", "show", "table", "1000"}, route.Filter{Family: fam, Table: 1000}, true},
		} {
			// Read again for every comparison: the kernel adds IPv6
			// multicast and link-local routes on its own time.
			compareList(t, ns, append([]string{flag}, tc.args...), Options{Links: lt, Nexthops: &nt, HideTable: tc.hide}, nil, func(o Options) []byte {
				rs, err := c.List(ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				if len(rs) == 0 {
					t.Fatalf("%v: no routes", tc.filter)
				}
				return listOf(o, rs)
			})
		}
	}
}

func TestIntegrationLinks(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"link add br0 type bridge",
		"link set veth1 master br0",
		"link set veth0 alias uplink",
		"link property add dev veth0 altname up0",
		"link set veth2 group 7 txqueuelen 500 mtu 1400",
		"link set veth3 down", // veth2: NO-CARRIER, M-DOWN
		"link add mv0 link veth0 type macvlan mode bridge",
		"link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 dev veth0",
		"link add ifb0 type ifb",
	}, "\n")+"\n")
	// A veth whose peer is in another namespace: "vp0@if2", link-netns.
	peerNS := nstest.New(t)
	nstest.IP(t, ns, "link", "add", "vp0", "type", "veth", "peer", "name", "vp1", "netns", peerNS.Name())
	nsNames := netnsNames{}
	for _, line := range strings.Split(nstest.IP(t, ns, "netns", "list-id"), "\n") {
		var id int32
		var name string
		if _, err := fmt.Sscanf(line, "nsid %d (iproute2 netns name: %s", &id, &name); err == nil {
			nsNames[id] = strings.TrimSuffix(name, ")")
		}
	}
	if len(nsNames) == 0 {
		t.Fatal("ip netns list-id names no namespace")
	}
	// ip -d's text holds the fields of ip -j -d and the undecoded ones
	// (see iptest.LinkDetailsSkip) in the same lines: links are compared with -d
	// through JSON only. The links are read again for every comparison
	// (carrier and operstate settle on the kernel's time).
	compareList(t, ns, []string{"link", "show"}, Options{}, iptest.LinkDetailsSkip, func(o Options) []byte {
		lt, ls := links(t, ns)
		o.Links, o.NetNS = lt, nsNames
		return listOf(o, ls)
	})
}

func TestIntegrationAddrs(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.0.5/24 dev veth0", // secondary
		"addr add 10.0.2.1/24 broadcast 10.0.2.255 label veth0:1 dev veth0",
		"addr add 10.0.3.1 peer 10.0.3.2 dev veth2 metric 50",
		"addr add 2001:db8:2::1/64 dev veth2 nodad noprefixroute",
		"addr add 2001:db8:3::1/64 dev veth2 valid_lft 3600 preferred_lft 1800 nodad",
		"addr add 2001:db8:4::1/64 dev veth0 preferred_lft 0 valid_lft 100 nodad",
	}, "\n")+"\n")
	lt, ls := links(t, ns)
	conn := nstest.Dial(t, ns)
	// The lifetimes count down: the addresses are read again for every
	// comparison.
	addrs := func() []rtnl.Addr {
		as, err := ifaddr.List(ctxFor(t), conn, ifaddr.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return as
	}
	if as := addrs(); len(as) < 8 {
		t.Fatalf("only %d addresses", len(as))
	}
	skip := map[string]bool{}
	for k := range iptest.LinkDetailsSkip {
		skip[k] = true
	}
	compareList(t, ns, []string{"addr", "show"}, Options{Links: lt}, skip, func(o Options) []byte {
		return addrList(o, ls, addrs())
	})
	// ip -4 addr: the links with IPv4 addresses, without link/ether lines.
	// (ip -6 reads the links with an AF_INET6 dump, whose replies carry no
	// qdisc or group: that is the caller's dump, not printing.)
	compareList(t, ns, []string{"-4", "addr", "show"}, Options{Links: lt, Family: rtnl.AF_INET}, skip, func(o Options) []byte {
		var v4 []rtnl.Addr
		for _, a := range addrs() {
			if a.Header.Family == rtnl.AF_INET {
				v4 = append(v4, a)
			}
		}
		var withV4 []rtnl.Link
		for _, l := range ls {
			for _, a := range v4 {
				if a.Header.Index == uint32(l.Header.Index) {
					withV4 = append(withV4, l)
					break
				}
			}
		}
		return addrList(o, withV4, v4)
	})
}

// addrList is `ip addr show`: every link with its addresses.
func addrList(o Options, ls []rtnl.Link, as []rtnl.Addr) []byte {
	var b bytes.Buffer
	l := o.NewList(&b)
	for i := range ls {
		if err := l.AddAddrs(&ls[i], as); err != nil {
			panic(err)
		}
	}
	l.Close()
	return b.Bytes()
}

// ipNeighShown is ip neigh show's default filter (nud all not given):
// entries in a state other than NOARP, proxies and externally learned ones.
func ipNeighShown(n *rtnl.Neigh) bool {
	const states = 0xff &^ rtnl.NUD_NOARP
	return n.Header.State&states != 0 || n.Header.Flags&(rtnl.NTF_PROXY|rtnl.NTF_EXT_LEARNED) != 0
}

func TestIntegrationNeighs(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"neigh add 10.0.0.2 lladdr 02:00:00:00:00:0a dev veth0 nud permanent",
		"neigh add 2001:db8::2 lladdr 02:00:00:00:00:0b dev veth0 router nud permanent",
		"neigh add 10.0.1.3 lladdr 02:00:00:00:00:0c dev veth2 nud noarp",
		"neigh add 10.0.1.4 lladdr 02:00:00:00:00:0d dev veth2 nud stale",
		"neigh add 10.0.1.5 lladdr 02:00:00:00:00:0e dev veth2 nud reachable extern_learn",
		"neigh add 10.0.1.6 lladdr 02:00:00:00:00:0f dev veth2 nud permanent proto static",
		"neigh add proxy 10.0.0.99 dev veth0",
		"neigh add proxy 2001:db8::99 dev veth2",
	}, "\n")+"\n")
	lt, _ := links(t, ns)
	conn := nstest.Dial(t, ns)
	byName, _ := nstest.Interfaces(t, ns)
	for _, tc := range []struct {
		args   []string
		filter neigh.Filter
		keep   func(*rtnl.Neigh) bool
		hide   bool
	}{
		{[]string{"neigh", "show"}, neigh.Filter{}, ipNeighShown, false},
		{[]string{"neigh", "show", "nud", "all"}, neigh.Filter{}, func(*rtnl.Neigh) bool { return true }, false},
		{[]string{"neigh", "show", "dev", "veth2"}, neigh.Filter{Ifindex: byName["veth2"]}, ipNeighShown, true},
		{[]string{"neigh", "show", "proxy"}, neigh.Filter{Proxy: true}, func(*rtnl.Neigh) bool { return true }, false},
		{[]string{"-6", "neigh", "show"}, neigh.Filter{Family: rtnl.AF_INET6}, ipNeighShown, false},
	} {
		// Read again for every comparison: the kernel adds multicast
		// entries (ff02::16, MLD) on its own time.
		compareList(t, ns, tc.args, Options{Links: lt, HideDev: tc.hide}, nil, func(o Options) []byte {
			all, err := neigh.List(ctxFor(t), conn, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ns2 []rtnl.Neigh
			for i := range all {
				if tc.keep(&all[i]) {
					ns2 = append(ns2, all[i])
				}
			}
			if len(ns2) == 0 {
				t.Fatalf("%v: no entries", tc.args)
			}
			return listOf(o, ns2)
		})
	}
}

func TestIntegrationRules(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"rule add from 10.0.0.0/8 table 100 priority 100",
		"rule add fwmark 0x10/0xff table 200 priority 200",
		"rule add ipproto tcp dport 80-90 sport 1000 table 300 priority 300",
		"rule add uidrange 1000-2000 table 400 priority 400",
		"rule add iif veth0 oif veth2 lookup 500 priority 500",
		"rule add not to 192.168.0.0/16 tos 0x10 goto 32766 priority 550",
		"rule add nop priority 560",
		"rule add table main suppress_prefixlength 0 priority 800 proto static",
		"rule add realms 3/4 table 900 priority 900",
		"rule add realms 3/0 table 901 priority 901",
		"rule add fwmark 7 prohibit priority 950",
		"rule add from 10.1.0.1 blackhole priority 960",
		"rule add to 10.2.0.0/16 unreachable priority 970",
		"rule add table 1000 suppress_ifgroup 7 priority 980",
	}, "\n")+"\n")
	nstest.IP(t, ns, "-6", "rule", "add", "from", "2001:db8::/32", "table", "100", "priority", "100")
	nstest.IP(t, ns, "-6", "rule", "add", "to", "2001:db8:1::1", "iif", "veth2", "table", "200", "priority", "200")
	conn := nstest.Dial(t, ns)
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		rs, err := rule.List(ctxFor(t), conn, rule.Filter{Family: fam})
		if err != nil {
			t.Fatal(err)
		}
		flag := "-4"
		if fam == rtnl.AF_INET6 {
			flag = "-6"
		}
		compareList(t, ns, []string{flag, "rule", "show"}, Options{}, nil, func(o Options) []byte {
			return listOf(o, rs)
		})
	}
}

func TestIntegrationNexthops(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"nexthop add id 1 via 10.0.0.2 dev veth0",
		"nexthop add id 2 via 10.0.1.2 dev veth2",
		"nexthop add id 3 blackhole",
		"nexthop add id 4 via 2001:db8::2 dev veth0",
		"nexthop add id 5 dev veth2 proto static",
		"nexthop add id 6 via 10.0.0.3 dev veth0 onlink",
		"nexthop add id 10 group 1/2,3",
		"nexthop add id 11 group 1,5/2",
		"nexthop add id 20 via 10.0.0.9 fdb",
		"nexthop add id 21 group 20 fdb",
	}, "\n")+"\n")
	lt, _ := links(t, ns)
	conn := nstest.Dial(t, ns)
	for _, tc := range []struct {
		args   []string
		filter nexthop.Filter
	}{
		{[]string{"nexthop", "show"}, nexthop.Filter{}},
		{[]string{"nexthop", "show", "groups"}, nexthop.Filter{Groups: true}},
		{[]string{"-6", "nexthop", "show"}, nexthop.Filter{Family: rtnl.AF_INET6}},
	} {
		nhs, err := nexthop.List(ctxFor(t), conn, tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		if len(nhs) == 0 {
			t.Fatalf("%v: no nexthops", tc.args)
		}
		compareList(t, ns, tc.args, Options{Links: lt}, nil, func(o Options) []byte {
			return listOf(o, nhs)
		})
	}
}

// netnsNames is a fixed nsid -> name table.
type netnsNames map[int32]string

func (n netnsNames) NetNSName(id int32) (string, bool) {
	s, ok := n[id]
	return s, ok
}

func TestIntegrationNetconf(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, "link add br0 type bridge\n")
	lt, _ := links(t, ns)
	conn := nstest.Dial(t, ns)
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		var req rtnl.Netconf
		req.Header.Family = fam
		flag := "-4"
		if fam == rtnl.AF_INET6 {
			flag = "-6"
		}
		compareList(t, ns, []string{flag, "netconf", "show"}, Options{Links: lt}, nil, func(o Options) []byte {
			ncs, err := dump.List[rtnl.Netconf](ctxFor(t), conn, req.Append(nil))
			if err != nil {
				t.Fatal(err)
			}
			if len(ncs) == 0 {
				t.Fatal("no netconf entries")
			}
			return listOf(o, ncs)
		})
	}
}
