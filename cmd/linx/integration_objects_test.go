package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/iptest"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The CLI's listings are ipfmt's (whose own integration tests compare the
// package with ip object by object); these tests prove the command wires
// it: every object kind the tests create, listed by linx with ip's flags
// (-j, -N, -d and their combinations), compared with ip's output for the
// same flags and words, by iptest.

// objectsNS is setupNS with objects of every kind: links of several
// kinds, addresses, neighbours, rules of both families, nexthop objects
// and routes through them.
func objectsNS(t *testing.T) nlsock.NetNS {
	ns := setupNS(t)
	a, b := linkA, linkB
	nstest.Batch(t, ns, strings.Join([]string{
		"link add lnxbr type bridge",
		"link set lnx1 master lnxbr",
		"link set " + a + " alias uplink",
		"link property add dev " + a + " altname lnxalt",
		"link set " + b + " group 7 txqueuelen 500 mtu 1400",
		"link add lnxmv link " + a + " type macvlan mode bridge",
		"link add lnxvx type vxlan id 42 dstport 4789 local 10.0.0.1 dev " + a,
		"link add lnxifb type ifb",
		"addr add 10.0.0.5/24 dev " + a, // secondary
		"addr add 10.0.2.1/24 broadcast 10.0.2.255 label " + a + ":1 dev " + a,
		"addr add 10.0.3.1 peer 10.0.3.2 dev " + b + " metric 50",
		"addr add 2001:db8:2::1/64 dev " + b + " nodad noprefixroute",
		"neigh add 10.0.0.2 lladdr 02:00:00:00:00:0a dev " + a + " nud permanent",
		"neigh add 2001:db8::2 lladdr 02:00:00:00:00:0b dev " + a + " router nud permanent",
		"neigh add 10.0.1.3 lladdr 02:00:00:00:00:0c dev " + b + " nud noarp",
		"neigh add 10.0.1.4 lladdr 02:00:00:00:00:0d dev " + b + " nud stale",
		"neigh add proxy 10.0.0.99 dev " + a,
		"rule add from 10.0.0.0/8 table 100 priority 100",
		"rule add fwmark 0x10/0xff table 200 priority 200",
		"rule add ipproto tcp dport 80-90 sport 1000 table 300 priority 300",
		"rule add uidrange 1000-2000 table 400 priority 400",
		"rule add iif " + a + " oif " + b + " lookup 500 priority 500",
		"rule add not to 192.168.0.0/16 tos 0x10 goto 32766 priority 550",
		"rule add table main suppress_prefixlength 0 priority 800 proto static",
		"rule add realms 3/4 table 900 priority 900",
		"rule add fwmark 7 prohibit priority 950",
		"nexthop add id 1 via 10.0.0.2 dev " + a,
		"nexthop add id 2 via 10.0.1.2 dev " + b,
		"nexthop add id 3 blackhole",
		"nexthop add id 4 via 2001:db8::2 dev " + a,
		"nexthop add id 5 dev " + b + " proto static",
		"nexthop add id 10 group 1/2,3",
		"nexthop add id 20 via 10.0.0.9 fdb",
		"nexthop add id 21 group 20 fdb",
		"route add default via 10.0.0.254 proto static metric 100",
		"route add 10.3.0.0/16 proto static nexthop via 10.0.0.2 dev " + a + " weight 1 nexthop via 10.0.1.2 dev " + b + " weight 3",
		"route add blackhole 10.4.0.0/16 proto static",
		"route add 10.8.0.0/16 via 10.0.0.254 mtu lock 1280 window 65535 initcwnd 10 rtt 12ms features ecn congctl cubic proto bird",
		"route add 10.2.0.0/16 via 10.0.0.254 table 1000 proto static",
		"route add 10.20.0.0/16 nhid 1",
		"route add 10.21.0.0/16 nhid 10 table 1000",
		"route add 2001:db8:100::/48 via 2001:db8::254 dev " + a + " proto static pref high",
		"route add 2001:db8:400::/48 proto static nexthop via 2001:db8::2 dev " + a + " weight 2 nexthop via 2001:db8:1::2 dev " + b + " weight 5",
		"link set lnx3 down", // linkB: NO-CARRIER, M-DOWN, routes "linkdown"
	}, "\n")+"\n")
	nstest.IP(t, ns, "-6", "rule", "add", "to", "2001:db8::/32", "table", "600", "priority", "600", "proto", "static")
	nstest.IP(t, ns, "-6", "rule", "add", "from", "2001:db8:1::/48", "unreachable", "priority", "610")
	// A veth whose peer is in another named namespace: ip prints
	// "link-netns NAME" (its nsid read by RTM_GETNSID).
	peer := nstest.New(t)
	nstest.IP(t, ns, "link", "add", "lnxns0", "type", "veth", "peer", "name", "lnxns1", "netns", peer.Name())
	return ns
}

// TestIntegrationListingsAsIP: `linx FLAGS OBJECT show ...` prints what
// `ip FLAGS OBJECT show ...` prints, for every object and every flag
// combination of iptest.Modes.
func TestIntegrationListingsAsIP(t *testing.T) {
	ns := objectsNS(t)
	for _, c := range []struct {
		linx, ip  []string // linx's words; nil: the same as ip's
		skip      map[string]bool
		oneFamily bool // not compared with -4/-6 (the other family fails)
	}{
		{ip: []string{"-4", "route", "show"}},
		{ip: []string{"-6", "route", "show"}},
		{ip: []string{"route", "show"}},                                   // IPv4: a table filter (main) and no family
		{ip: []string{"route", "show", "table", "1000"}, oneFamily: true}, // -6: no such table
		{ip: []string{"route", "show", "table", "all"}},                   // both families
		{ip: []string{"rule", "show"}},                                    // IPv4 unless -6
		{ip: []string{"neigh", "show", "10.0.0.2"}, oneFamily: true},      // -6: not an inet6 prefix
		{ip: []string{"neigh", "show", "to", "10.0.1.0/24", "dev", linkB}, oneFamily: true},
		{ip: []string{"nexthop", "show", "id", "10"}},
		{ip: []string{"-4", "route", "show", "table", "all"}},
		{ip: []string{"-4", "route", "show", "table", "1000"}},
		{ip: []string{"-4", "route", "show", "proto", "static"}},
		{ip: []string{"-4", "route", "get", "10.3.1.1"}},
		{linx: []string{"link"}, ip: []string{"link", "show"}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"link", "list", "master", "lnxbr"}, ip: []string{"link", "show", "master", "lnxbr"}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"l", "show", "type", "bridge"}, ip: []string{"link", "show", "type", "bridge"}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"link", "list", "dev", "lnxalt"}, ip: []string{"link", "show", "dev", "lnxalt"}, skip: iptest.LinkDetailsSkip}, // an alternative name
		{linx: []string{"a"}, ip: []string{"addr", "show"}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"-4", "address", "list"}, ip: []string{"-4", "addr", "show"}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"addr", "show", linkB}, ip: []string{"addr", "show", "dev", linkB}, skip: iptest.LinkDetailsSkip},
		{linx: []string{"neigh"}, ip: []string{"neigh", "show"}},
		{linx: []string{"neighbour", "list", "dev", linkA}, ip: []string{"neigh", "show", "dev", linkA}},
		{ip: []string{"-6", "neigh", "show"}},
		{ip: []string{"neigh", "show", "proxy"}},
		{linx: []string{"neigh", "list", "nud", "all", "-4"}, ip: []string{"-4", "neigh", "show", "nud", "all"}},
		{linx: []string{"-4", "ru"}, ip: []string{"-4", "rule", "show"}},
		{linx: []string{"rule", "list", "-6"}, ip: []string{"-6", "rule", "show"}},
		{ip: []string{"nexthop", "show"}},
		{linx: []string{"nh", "show", "groups"}, ip: []string{"nexthop", "show", "groups"}},
		{linx: []string{"nexthop", "list", "dev", linkA}, ip: []string{"nexthop", "show", "dev", linkA}},
		{ip: []string{"-6", "nexthop", "show"}},
		{ip: []string{"netconf", "show"}},
		{ip: []string{"-4", "netconf", "show"}},
		// ip -j -6 netconf show dev X prints text (its get path opens no
		// JSON); without a family it dumps and filters.
		{linx: []string{"netconf", "list", "dev", linkA}, ip: []string{"netconf", "show", "dev", linkA}},
	} {
		words := c.linx
		if words == nil {
			words = c.ip
		}
		modes := iptest.Modes
		if !iptest.HasFamily(c.ip) && !c.oneFamily && !slices.Contains(c.ip, "netconf") {
			// -4/-6 change what every object lists (netconf's show dev
			// path prints text even with -j: compared without a family).
			modes = append(modes[:len(modes):len(modes)], iptest.FamilyModes...)
		}
		iptest.CompareIn(t, ns, modes, c.ip, c.skip, func(m iptest.Mode) []byte {
			return []byte(linxOK(t, ns, append(append([]string{}, m.Flags...), words...)...))
		})
	}
}

// TestIntegrationLinkSlaveKind: "type K_slave" lists the ports of masters
// of kind K, as ip does. ip -j leaves an empty object for every link it
// filters out in user space (print_linkinfo returns after the object is
// open); linx leaves them out, so JSON is compared with those dropped.
func TestIntegrationLinkSlaveKind(t *testing.T) {
	ns := objectsNS(t)
	args := []string{"link", "show", "type", "bridge_slave"}
	iptest.CompareIn(t, ns, iptest.Modes[:3], args, iptest.LinkDetailsSkip, func(m iptest.Mode) []byte {
		return []byte(linxOK(t, ns, append(append([]string{}, m.Flags...), args...)...))
	})
	ips, _ := iptest.DecodeJSON(t, "ip -j", []byte(nstest.IP(t, ns, append([]string{"-j"}, args...)...))).([]any)
	var want []any
	for _, l := range ips {
		if m, ok := l.(map[string]any); !ok || len(m) != 0 {
			want = append(want, l)
		}
	}
	if len(want) == 0 {
		t.Fatal("ip lists no bridge port")
	}
	ours := iptest.DecodeJSON(t, "linx -j", []byte(linxOK(t, ns, append([]string{"-j"}, args...)...)))
	iptest.Report(t, "ip -j "+strings.Join(args, " "), iptest.JSONDiffs(ours, want, nil))
}

// TestIntegrationListings checks what the comparison with ip cannot: the
// lists linx gives where ip has none, or differs on purpose.
func TestIntegrationListings(t *testing.T) {
	ns := objectsNS(t)
	// rule lists IPv4 rules only unless -6, as ip does.
	if got, want := linxOK(t, ns, "rule", "list"), trimLines(nstest.IP(t, ns, "-4", "rule", "show")); got != want {
		t.Errorf("rule list:\n%s\nwant the IPv4 rules:\n%s", got, want)
	}
	ids := func(args ...string) []string {
		var out []string
		var objs []map[string]any
		if err := json.Unmarshal([]byte(linxOK(t, ns, append([]string{"-json"}, args...)...)), &objs); err != nil {
			t.Fatal(err)
		}
		for _, o := range objs {
			for _, k := range []string{"id", "ifname"} {
				if v, ok := o[k]; ok {
					out = append(out, strings.TrimSuffix(strings.TrimPrefix(string(mustJSON(v)), `"`), `"`))
				}
			}
		}
		return out
	}
	if got, want := ids("nexthop", "list", "fdb"), []string{"20", "21"}; !slices.Equal(got, want) {
		t.Errorf("nexthop list fdb: ids %v, want %v", got, want)
	}
	if got, want := ids("link", "list", "type", "veth"), []string{"lnx1", linkA, "lnx3", linkB, "lnxns0"}; !slices.Equal(got, want) {
		t.Errorf("link list type veth: %v, want %v", got, want)
	}
	// -pretty lays ip's JSON out as ip -p does.
	for _, args := range [][]string{{"-4", "route", "show"}, {"nexthop", "show"}, {"-4", "netconf", "show"}} {
		got := linxOK(t, ns, append([]string{"-j", "-p"}, args...)...)
		if want := nstest.IP(t, ns, append([]string{"-j", "-p"}, args...)...); got != want {
			t.Errorf("-j -p %v:\n%s\nip:\n%s", args, got, want)
		}
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestIntegrationObjectErrors checks usage and runtime failures of the
// listing commands.
func TestIntegrationObjectErrors(t *testing.T) {
	ns := setupNS(t)
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface in netns "`+ns.Name()+`"`, "-json", "addr", "show", "dev", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface`, "link", "show", "nosuch0")
	linxFail(t, ns, exitUsage, `dev "nosuch0": no such interface`, "link", "list", "master", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0"`, "neigh", "list", "dev", "nosuch0")
	linxFail(t, ns, exitUsage, `dev "nosuch0"`, "nexthop", "list", "dev", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0"`, "netconf", "show", "dev", "nosuch0")
	linxFail(t, ns, exitError, `any valid prefix is expected rather than "frob"`, "rule", "list", "frob")
	// Exit statuses as ip's: an unknown command 255, a bad prefix 1, a
	// table the kernel does not have 2 (with ip's words).
	linxFail(t, ns, exitUsage, `command "foo" is unknown`, "link", "foo")
	linxFail(t, ns, exitUsage, `command "foo" is unknown`, "addr", "foo")
	linxFail(t, ns, exitUsage, `command "foo" is unknown`, "neigh", "foo")
	linxFail(t, ns, exitError, `any valid prefix is expected rather than "foo"`, "neigh", "show", "foo")
	linxFail(t, ns, exitError, `inet6 prefix is expected rather than "10.0.0.2/32"`, "-6", "neigh", "show", "10.0.0.2")
	linxFail(t, ns, exitUsage, `invalid nexthop id "foo"`, "nexthop", "get", "id", "foo")
	linxFail(t, ns, exitKernel, "no such file or directory", "nexthop", "show", "id", "99")
	linxFail(t, ns, exitKernel, "Error: ipv4: FIB table does not exist.", "route", "show", "table", "99999")
	linxFail(t, ns, exitError, `dev "": an interface name is never empty`, "route", "show", "dev", "")
	linxFail(t, ns, exitError, `dev "": an interface name is never empty`, "link", "show", "dev", "")
	r := linx(t, "-n", "linx-test-absent", "link")
	if r.code != exitUsage || !strings.Contains(r.stderr, `"linx-test-absent"`) || r.stdout != "" {
		t.Errorf("absent netns: %+v", r)
	}
	// An empty listing is an empty JSON array.
	if out := linxOK(t, ns, "-json", "nexthop"); out != "[]\n" {
		t.Errorf("no nexthops: %q", out)
	}
	if out := linxOK(t, ns, "-json", "-pretty", "nexthop"); out != "[ ]\n" {
		t.Errorf("no nexthops, -pretty: %q", out)
	}
}
