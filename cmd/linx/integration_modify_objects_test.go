package main

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The same command lines, run by linx in one namespace and by ip in
// another set up alike, must leave the same state, as `ip -d -j ... show`
// prints it.

// objectState is what ip -d -j shows of the objects linx writes, with what
// differs between two namespaces by nature (veth MAC addresses, lifetimes
// counting down) left out.
func objectState(t *testing.T, ns nlsock.NetNS) map[string]string {
	t.Helper()
	state := map[string]string{}
	show := func(name string, args ...string) []map[string]any {
		var v []map[string]any
		if err := json.Unmarshal([]byte(nstest.IP(t, ns, args...)), &v); err != nil {
			t.Fatalf("ip %v: %v", args, err)
		}
		return v
	}
	put := func(name string, v any) {
		b, _ := json.Marshal(v)
		state[name] = string(b)
	}
	var addrs []any
	for _, l := range show("addr", "-d", "-j", "addr", "show") {
		for _, a := range l["addr_info"].([]any) {
			m := a.(map[string]any)
			if m["valid_life_time"] != float64(0xFFFFFFFF) {
				m["valid_life_time"] = "counting"
				m["preferred_life_time"] = "counting"
			}
			m["dev"] = l["ifname"]
			addrs = append(addrs, m)
		}
	}
	put("addr", addrs)
	// The neighbour table is a hash: its order is not the entries'. The
	// kernel's own multicast entries (ff02::16 for MLD, 224.0.0.22 for
	// IGMP) come back by themselves after a flush, when they please: they
	// are left out.
	var neighs []string
	for _, n := range show("neigh", "-d", "-j", "neigh", "show", "nud", "all") {
		if d, err := netip.ParseAddr(fmt.Sprint(n["dst"])); err == nil && d.IsMulticast() {
			continue
		}
		b, _ := json.Marshal(n)
		neighs = append(neighs, string(b))
	}
	slices.Sort(neighs)
	put("neigh", neighs)
	put("neigh proxy", show("neigh", "-d", "-j", "neigh", "show", "proxy"))
	put("rule", show("rule", "-d", "-j", "rule", "show"))
	put("rule -6", show("rule", "-d", "-j", "-6", "rule", "show"))
	put("nexthop", show("nexthop", "-d", "-j", "nexthop", "show"))
	return state
}

func TestIntegrationObjectsWriteAsIP(t *testing.T) {
	script := []string{
		"addr add 10.5.0.1/24 dev " + linkA + " broadcast + label " + linkA + ":x metric 5 valid_lft 100 preferred_lft 50",
		"addr add 10.6.0.1 peer 10.6.0.2/32 dev " + linkA,
		"addr add 10.7.0.1/16 brd 10.7.0.9 dev " + linkA + " scope link",
		"addr add 2001:db8:5::1/64 dev " + linkA + " nodad noprefixroute home mngtmpaddr",
		"addr add 2001:db8:6::1/64 dev " + linkB + " nodad metric 77",
		"addr add 239.1.1.1/32 dev " + linkA + " autojoin",
		"addr replace 10.5.0.1/24 dev " + linkA + " broadcast + label " + linkA + ":x metric 5",
		"addr del 10.7.0.1/16 dev " + linkA,
		"addr add 10.8.0.1/24 dev " + linkB,
		"addr add 10.8.1.1/24 dev " + linkB + " label " + linkB + ":y",
		"addr flush dev " + linkB + " label " + linkB + ":*",

		"neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev " + linkA,
		"neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev " + linkA + " nud reachable",
		"neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev " + linkA + " nud noarp",
		"neigh add 2001:db8::5 lladdr 02:00:00:00:00:08 dev " + linkA + " router extern_learn protocol 12",
		"neigh add proxy 10.0.0.9 dev " + linkA,
		"neigh replace 10.0.0.8 lladdr 02:00:00:00:00:09 dev " + linkA + " nud stale",
		"neigh change 10.0.0.5 lladdr 02:00:00:00:00:55 dev " + linkA,
		"neigh del 10.0.0.6 dev " + linkA,
		"neigh add 10.0.1.5 lladdr 02:00:00:00:01:05 dev " + linkB + " nud stale",
		"neigh flush dev " + linkB,

		"rule add pref 100 from 10.0.0.0/8 to 10.1.0.0/16 iif lo oif lo fwmark 0x5/0xff tos 0x10 ipproto tcp sport 1-2 dport 3-4 uidrange 10-20 lookup 1000 protocol static suppress_prefixlength 0 suppress_ifgroup 5",
		"rule add pref 101 to 10.66.1.0/24 blackhole",
		"rule add pref 102 goto 300",
		"rule add pref 103 nop",
		"rule add pref 104 not to 10.0.0.0/8 unreachable",
		"rule add pref 105 l3mdev",
		"rule add pref 106 fwmark 7 table 7",
		"rule add pref 107 to 10.66.7.0/24 prohibit",
		"rule del pref 107",
		"-6 rule add pref 108 from 2001:db8::/32 to 2001:db8:66::/48 prohibit",
		"-6 rule add pref 109 lookup main",
		"rule add pref 110 tun_id 5 lookup 10",
		"rule add pref 111 lookup 11 protocol 99",
		"rule flush protocol 99",

		"nexthop add id 1 via 10.0.0.2 dev " + linkA,
		"nexthop add id 2 via 10.9.0.2 dev " + linkA + " onlink proto static",
		"nexthop add id 3 blackhole",
		"nexthop add id 4 group 1,3/2,5",
		"nexthop add id 5 group 1/2 type resilient buckets 32 idle_timer 10 unbalanced_timer 20",
		"nexthop add id 6 via 10.0.0.3 fdb",
		"nexthop add id 7 dev " + linkA,
		"-6 nexthop add id 8 dev " + linkA,
		"nexthop add id 9 via 10.0.0.4 dev " + linkA,
		"nexthop replace id 9 via 10.0.0.5 dev " + linkA,
		"nexthop add id 10 dev " + linkB,
		"nexthop del id 7",
		"nexthop flush dev " + linkB,
	}
	nsL, nsI := setupNS(t), setupNS(t)
	for _, line := range script {
		args := strings.Fields(line)
		linxOK(t, nsL, args...)
		nstest.IP(t, nsI, args...)
	}
	nstest.Settle(t, func() []string {
		ours, ips := objectState(t, nsL), objectState(t, nsI)
		var diffs []string
		for k, v := range ips {
			if ours[k] != v {
				diffs = append(diffs, k+": after linx\n"+ours[k]+"\nafter ip\n"+v)
			}
		}
		return diffs
	})

	// The flushes, compared the same way, leave both namespaces alike too.
	for _, line := range []string{"addr flush dev " + linkA, "neigh flush dev " + linkA + " nud all", "rule flush", "-6 rule flush", "nexthop flush"} {
		args := strings.Fields(line)
		linxOK(t, nsL, args...)
		nstest.IP(t, nsI, args...)
	}
	ours, ips := objectState(t, nsL), objectState(t, nsI)
	for k, v := range ips {
		if ours[k] != v {
			t.Errorf("%s after the flushes: linx left\n%s\nip left\n%s", k, ours[k], v)
		}
	}
}

func TestIntegrationObjectsWriteErrors(t *testing.T) {
	ns := setupNS(t)
	linxOK(t, ns, "addr", "add", "10.5.0.1/24", "dev", linkA)
	linxFail(t, ns, 2, "file exists", "addr", "add", "10.5.0.1/24", "dev", linkA)
	linxFail(t, ns, 2, "", "addr", "del", "10.99.0.1/24", "dev", linkA)
	linxFail(t, ns, 1, "no such interface", "addr", "add", "10.5.0.1/24", "dev", "nosuch")
	linxFail(t, ns, 1, "invalid address", "addr", "add", "10.5.0.300/24", "dev", linkA)
	linxFail(t, ns, exitError, "needs dev", "addr", "add", "10.5.0.1/24")
	linxFail(t, ns, 255, "unknown argument", "addr", "add", "10.5.0.1/24", "dev", linkA, "bogus")
	linxFail(t, ns, 1, "requires arguments", "addr", "flush")
	linxFail(t, ns, 2, "", "neigh", "change", "10.0.0.99", "lladdr", "02:00:00:00:00:01", "dev", linkA)
	linxFail(t, ns, 1, "invalid lladdr", "neigh", "add", "10.0.0.99", "lladdr", "zz", "dev", linkA)
	linxFail(t, ns, 255, "nud", "neigh", "add", "10.0.0.99", "nud", "bogus", "dev", linkA)
	linxFail(t, ns, 2, "", "rule", "del", "pref", "4242")
	linxFail(t, ns, 255, "two actions", "rule", "add", "lookup", "5", "blackhole")
	linxFail(t, ns, 255, "ipproto", "rule", "add", "ipproto", "bogus")
	linxFail(t, ns, 2, "", "nexthop", "del", "id", "77")
	linxFail(t, ns, 255, "takes id ID", "nexthop", "del", "77")
	linxFail(t, ns, 255, "group", "nexthop", "add", "id", "5", "group", "1,0")
	linxFail(t, ns, 255, "needs id", "nexthop", "add", "via", "10.0.0.2")
	// get prints what list prints for that nexthop.
	linxOK(t, ns, "nexthop", "add", "id", "5", "via", "10.0.0.2", "dev", linkA)
	linxOK(t, ns, "nexthop", "add", "id", "6", "blackhole")
	var got, list []map[string]any
	for _, x := range []struct {
		v    *[]map[string]any
		args []string
	}{{&got, []string{"-j", "nexthop", "get", "id", "5"}}, {&list, []string{"-j", "nexthop", "list"}}} {
		if err := json.Unmarshal([]byte(linxOK(t, ns, x.args...)), x.v); err != nil {
			t.Fatalf("linx %v: %v", x.args, err)
		}
	}
	g, _ := json.Marshal(got)
	l0, _ := json.Marshal(list[:1])
	if len(list) != 2 || len(got) != 1 || string(g) != string(l0) {
		t.Errorf("nexthop get id 5: %s\nlist: %v", g, list)
	}
	linxFail(t, ns, 2, "", "nexthop", "get", "id", "77")
	// The kernel's extended-ack message reaches the user.
	linxFail(t, ns, 2, "Invalid nexthop id", "nexthop", "add", "id", "7", "group", "77")
}
