package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// decodeObjects decodes a JSON array of objects, keeping numbers as
// written (json.Number), so that 4294967295 compares as such.
func decodeObjects(t *testing.T, what, s string) []map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v []map[string]any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: invalid JSON array: %v\n%s", what, err, s)
	}
	return v
}

// ipObjects runs `ip -n NS -j ARGS...` and decodes its array.
func ipObjects(t *testing.T, ns nlsock.NetNS, args ...string) []map[string]any {
	t.Helper()
	return decodeObjects(t, "ip "+strings.Join(args, " "), nstest.IP(t, ns, append([]string{"-j"}, args...)...))
}

// linxObjects runs `linx -n NS -json ARGS...` and decodes its array.
func linxObjects(t *testing.T, ns nlsock.NetNS, args ...string) []map[string]any {
	t.Helper()
	return decodeObjects(t, "linx "+strings.Join(args, " "), linxOK(t, ns, append([]string{"-json"}, args...)...))
}

// jsonText is a JSON value as one comparable string: strings as they are,
// numbers as written, null as "null", arrays and objects as compact JSON.
// ip -N prints some numbers as strings ("table": "254"); linx prints
// them as numbers: both give "254".
func jsonText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// compareKeys checks that linx's objects and ip's agree, in order, on the
// given keys: present in both with the same value, or absent from both.
// fix, when not nil, rewrites linx's value of a key to ip's spelling.
func compareKeys(t *testing.T, what string, ours, ips []map[string]any, keys []string, fix func(key, v string) string) {
	t.Helper()
	if len(ours) != len(ips) {
		t.Errorf("%s: linx lists %d objects, ip %d\nlinx: %v\nip:   %v", what, len(ours), len(ips), ours, ips)
		return
	}
	for i := range ours {
		for _, k := range keys {
			o, okO := ours[i][k]
			p, okP := ips[i][k]
			ov, pv := jsonText(o), jsonText(p)
			if okO && fix != nil {
				ov = fix(k, ov)
			}
			if okO != okP || ov != pv {
				t.Errorf("%s: object %d key %q: linx %q (present %v), ip %q (present %v)\nlinx: %v\nip:   %v", what, i, k, ov, okO, pv, okP, ours[i], ips[i])
			}
		}
	}
}

// sub returns the object under key k of each object ({} when absent).
func sub(objs []map[string]any, k string) []map[string]any {
	var out []map[string]any
	for _, o := range objs {
		m, _ := o[k].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		out = append(out, m)
	}
	return out
}

// compareText checks that linx's text output equals ip's, trailing spaces
// aside. ip before 6.3 does not print IFA_PROTO ("proto kernel_lo"); when
// ip's output has no such word, linx's is compared without it.
func compareText(t *testing.T, ns nlsock.NetNS, linxArgs, ipArgs []string) {
	t.Helper()
	got := linxOK(t, ns, linxArgs...)
	want := trimLines(nstest.IP(t, ns, ipArgs...))
	if !strings.Contains(want, " proto kernel_") {
		got = addrProtoWord.ReplaceAllString(got, "")
	}
	if got != want {
		t.Errorf("linx %q differs from ip %q\nlinx:\n%s\nip:\n%s", linxArgs, ipArgs, got, want)
	}
}

var addrProtoWord = regexp.MustCompile(` proto kernel_(lo|ll|ra)`)

func TestIntegrationLinkList(t *testing.T) {
	ns := setupNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"link add lnxbr type bridge",
		"link set lnx1 master lnxbr",
		"link set " + linkA + " alias uplink",
		"link property add dev " + linkA + " altname lnxalt",
		"link set " + linkB + " group 7 txqueuelen 500 mtu 1400",
		"link set lnx3 down", // linkB: NO-CARRIER, M-DOWN
	}, "\n")+"\n")

	for _, c := range []struct{ linx, ip []string }{
		{[]string{"link"}, []string{"link", "show"}},
		{[]string{"link", "list", "master", "lnxbr"}, []string{"link", "show", "master", "lnxbr"}},
		{[]string{"l", "show", "type", "bridge"}, []string{"link", "show", "type", "bridge"}},
		{[]string{"link", "show", linkB}, []string{"link", "show", linkB}},
		{[]string{"link", "list", "dev", "lnxalt"}, []string{"link", "show", "dev", "lnxalt"}}, // an alternative name
	} {
		compareText(t, ns, c.linx, c.ip)
	}

	ours := linxObjects(t, ns, "link", "list")
	compareKeys(t, "link (ip -N -d)", ours, ipObjects(t, ns, "-N", "-d", "link", "show"),
		[]string{"ifindex", "ifname", "link", "flags", "mtu", "qdisc", "master", "operstate", "linkmode", "group", "txqlen",
			"address", "broadcast", "ifalias", "altnames", "promiscuity", "min_mtu", "max_mtu", "num_tx_queues", "num_rx_queues"}, nil)
	compareKeys(t, "link linkinfo", sub(ours, "linkinfo"), sub(ipObjects(t, ns, "-N", "-d", "link", "show"), "linkinfo"),
		[]string{"info_kind", "info_slave_kind"}, nil)
	compareKeys(t, "link (ip, names)", ours, ipObjects(t, ns, "link", "show"), []string{"link_type"}, nil)

	byName := map[string]map[string]any{}
	for _, o := range ours {
		byName[jsonText(o["ifname"])] = o
	}
	if o := byName[linkB]; jsonText(o["flags"]) != `["NO-CARRIER","BROADCAST","MULTICAST","UP","M-DOWN"]` || jsonText(o["group"]) != "7" || jsonText(o["link_index"]) != jsonText(byName["lnx3"]["ifindex"]) {
		t.Errorf("%s: %v", linkB, o)
	}
	var veths []string
	for _, o := range linxObjects(t, ns, "link", "list", "type", "veth") {
		veths = append(veths, jsonText(o["ifname"]))
	}
	if want := []string{"lnx1", linkA, "lnx3", linkB}; !slices.Equal(veths, want) {
		t.Errorf("type veth: %v, want %v", veths, want)
	}
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface`, "link", "show", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface`, "link", "list", "master", "nosuch0")
}

func TestIntegrationAddrList(t *testing.T) {
	ns := setupNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.0.5/24 dev " + linkA, // secondary
		"addr add 10.0.2.1/24 broadcast 10.0.2.255 label " + linkA + ":1 dev " + linkA,
		"addr add 10.0.3.1 peer 10.0.3.2 dev " + linkB + " metric 50",
		"addr add 2001:db8:2::1/64 dev " + linkB + " nodad noprefixroute",
	}, "\n")+"\n")

	for _, c := range []struct{ linx, ip []string }{
		{[]string{"addr"}, []string{"addr", "show"}},
		{[]string{"-4", "addr", "list"}, []string{"-4", "addr", "show"}},
		{[]string{"addr", "show", "dev", linkA}, []string{"addr", "show", "dev", linkA}},
		{[]string{"a", linkB}, []string{"addr", "show", linkB}},
	} {
		compareText(t, ns, c.linx, c.ip)
	}
	// ip -6 reads the links with an AF_INET6 dump, whose replies carry no
	// qdisc or group: compare the address lines only.
	addrLines := func(s string) string {
		var b strings.Builder
		for l := range strings.Lines(s) {
			if strings.HasPrefix(l, " ") {
				b.WriteString(l)
			}
		}
		return b.String()
	}
	got := addrProtoWord.ReplaceAllString(addrLines(linxOK(t, ns, "addr", "show", "-6")), "")
	if want := addrLines(trimLines(nstest.IP(t, ns, "-6", "addr", "show"))); got != want {
		t.Errorf("addr show -6:\n%s\nip -6 addr show:\n%s", got, want)
	}

	ours := linxObjects(t, ns, "addr")
	ips := ipObjects(t, ns, "-N", "addr", "show")
	compareKeys(t, "addr links", ours, ips, []string{"ifindex", "ifname", "flags", "mtu", "operstate", "txqlen", "address"}, nil)
	if len(ours) != len(ips) {
		return
	}
	for i := range ours {
		oa, _ := ours[i]["addr_info"].([]any)
		ia, _ := ips[i]["addr_info"].([]any)
		var om, im []map[string]any
		for _, a := range oa {
			om = append(om, a.(map[string]any))
		}
		for _, a := range ia {
			im = append(im, a.(map[string]any))
		}
		compareKeys(t, "addr_info of "+jsonText(ours[i]["ifname"]), om, im,
			[]string{"family", "local", "address", "prefixlen", "metric", "broadcast", "scope", "secondary", "nodad", "noprefixroute",
				"dynamic", "label", "valid_life_time", "preferred_life_time"}, nil)
	}
	// -4: only links with IPv4 addresses, only IPv4 addresses.
	for _, l := range linxObjects(t, ns, "-4", "addr") {
		for _, a := range l["addr_info"].([]any) {
			if f := a.(map[string]any)["family"]; f != "inet" {
				t.Errorf("-4 addr lists a %v address on %v", f, l["ifname"])
			}
		}
	}
}

func TestIntegrationNeighList(t *testing.T) {
	ns := setupNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"neigh add 10.0.0.2 lladdr 02:00:00:00:00:0a dev " + linkA + " nud permanent",
		"neigh add 2001:db8::2 lladdr 02:00:00:00:00:0b dev " + linkA + " router nud permanent",
		"neigh add 10.0.1.3 lladdr 02:00:00:00:00:0c dev " + linkB + " nud noarp",
		"neigh add 10.0.1.4 lladdr 02:00:00:00:00:0d dev " + linkB + " nud stale",
		"neigh add proxy 10.0.0.99 dev " + linkA,
	}, "\n")+"\n")

	for _, c := range []struct{ linx, ip []string }{
		{[]string{"neigh"}, []string{"neigh", "show"}},
		{[]string{"neigh", "list", "dev", linkA}, []string{"neigh", "show", "dev", linkA}},
		{[]string{"-6", "neigh", "list"}, []string{"-6", "neigh", "show"}},
		{[]string{"neigh", "show", "proxy"}, []string{"neigh", "show", "proxy"}},
		{[]string{"neigh", "list", "nud", "all", "-4"}, []string{"-4", "neigh", "show", "nud", "all"}},
	} {
		compareText(t, ns, c.linx, c.ip)
	}
	keys := []string{"dst", "dev", "lladdr", "router", "proxy", "state"}
	compareKeys(t, "neigh", linxObjects(t, ns, "neigh"), ipObjects(t, ns, "-N", "neigh", "show"), keys, nil)
	compareKeys(t, "neigh proxy", linxObjects(t, ns, "neigh", "proxy"), ipObjects(t, ns, "-N", "neigh", "show", "proxy"), keys, nil)
	if out := linxOK(t, ns, "neigh"); strings.Contains(out, "10.0.1.3") {
		t.Errorf("NOARP entry listed without nud all:\n%s", out)
	}
}

func TestIntegrationRuleList(t *testing.T) {
	ns := setupNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"rule add from 10.0.0.0/8 table 100 priority 100",
		"rule add fwmark 0x10/0xff table 200 priority 200",
		"rule add ipproto tcp dport 80-90 sport 1000 table 300 priority 300",
		"rule add uidrange 1000-2000 table 400 priority 400",
		"rule add iif " + linkA + " oif " + linkB + " lookup 500 priority 500",
		"rule add not to 192.168.0.0/16 tos 0x10 goto 32766 priority 550",
		"rule add nop priority 560",
		"rule add table main suppress_prefixlength 0 priority 800 proto static",
		"rule add realms 3/4 table 900 priority 900",
		"rule add fwmark 7 prohibit priority 950",
	}, "\n")+"\n")
	nstest.IP(t, ns, "-6", "rule", "add", "to", "2001:db8::/32", "table", "600", "priority", "600", "proto", "static")
	nstest.IP(t, ns, "-6", "rule", "add", "from", "2001:db8:1::/48", "unreachable", "priority", "610")

	compareText(t, ns, []string{"-4", "rule"}, []string{"-4", "rule", "show"})
	compareText(t, ns, []string{"rule", "list", "-6"}, []string{"-6", "rule", "show"})
	both := linxOK(t, ns, "rule", "list")
	if want := trimLines(nstest.IP(t, ns, "-4", "rule", "show")) + trimLines(nstest.IP(t, ns, "-6", "rule", "show")); both != want {
		t.Errorf("rule list (both families):\n%s\nwant IPv4 then IPv6 rules:\n%s", both, want)
	}

	keys := []string{"priority", "not", "src", "srclen", "dst", "dstlen", "tos", "fwmark", "fwmask", "iif", "oif",
		"uid_start", "uid_end", "ipproto", "sport", "sport_start", "sport_end", "dport", "dport_start", "dport_end",
		"table", "suppress_prefixlen", "flow_from", "flow_to", "goto", "nop", "action", "protocol"}
	fix := func(k, v string) string {
		if k == "ipproto" {
			return "ipproto-" + v // ip -N's spelling of a protocol number
		}
		return v
	}
	for _, fam := range []string{"-4", "-6"} {
		ours := linxObjects(t, ns, fam, "rule")
		compareKeys(t, fam+" rule", ours, ipObjects(t, ns, "-N", fam, "rule", "show"), keys, fix)
		for _, r := range ours {
			if want := map[string]string{"-4": "inet", "-6": "inet6"}[fam]; r["family"] != want {
				t.Errorf("%s rule: family %v", fam, r["family"])
			}
		}
	}
}

func TestIntegrationNexthopList(t *testing.T) {
	ns := setupNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"nexthop add id 1 via 10.0.0.2 dev " + linkA,
		"nexthop add id 2 via 10.0.1.2 dev " + linkB,
		"nexthop add id 3 blackhole",
		"nexthop add id 4 via 2001:db8::2 dev " + linkA,
		"nexthop add id 5 dev " + linkB + " proto static",
		"nexthop add id 6 via 10.0.0.3 dev " + linkA + " onlink",
		"nexthop add id 10 group 1/2,3",
		"nexthop add id 11 group 1,5/2",
		"nexthop add id 20 via 10.0.0.9 fdb",
		"nexthop add id 21 group 20 fdb",
	}, "\n")+"\n")

	for _, c := range []struct{ linx, ip []string }{
		{[]string{"nexthop"}, []string{"nexthop", "show"}},
		{[]string{"nexthop", "list", "dev", linkA}, []string{"nexthop", "show", "dev", linkA}},
		{[]string{"nh", "show", "groups"}, []string{"nexthop", "show", "groups"}},
		{[]string{"-6", "nexthop"}, []string{"-6", "nexthop", "show"}},
	} {
		compareText(t, ns, c.linx, c.ip)
	}
	compareKeys(t, "nexthop", linxObjects(t, ns, "nexthop"), ipObjects(t, ns, "-N", "nexthop", "show"),
		[]string{"id", "group", "gateway", "dev", "scope", "blackhole", "protocol", "flags", "fdb"}, nil)

	var fdb []string
	for _, n := range linxObjects(t, ns, "nexthop", "list", "fdb") {
		fdb = append(fdb, jsonText(n["id"]))
	}
	if want := []string{"20", "21"}; !slices.Equal(fdb, want) {
		t.Errorf("nexthop list fdb: ids %v, want %v", fdb, want)
	}
}

// TestIntegrationObjectErrors checks usage and runtime failures of the
// listing commands.
func TestIntegrationObjectErrors(t *testing.T) {
	ns := setupNS(t)
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface in netns "`+ns.Name()+`"`, "-json", "addr", "show", "dev", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0"`, "neigh", "list", "dev", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0"`, "nexthop", "list", "dev", "nosuch0")
	linxFail(t, ns, exitUsage, `unknown rule list argument "frob"`, "rule", "list", "frob")
	r := linx(t, "-n", "linx-test-absent", "link")
	if r.code != exitUsage || !strings.Contains(r.stderr, `"linx-test-absent"`) || r.stdout != "" {
		t.Errorf("absent netns: %+v", r)
	}
	// An empty listing is an empty JSON array.
	if out := linxOK(t, ns, "-json", "nexthop"); out != "[]\n" {
		t.Errorf("no nexthops: %q", out)
	}
	if out := linxOK(t, ns, "-json", "rule"); !json.Valid([]byte(out)) {
		t.Errorf("rule JSON invalid: %s", out)
	}
}
