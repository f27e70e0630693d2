package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// fibScenarios are route sets of the kinds the kernel's fib selftests
// build (tools/testing/selftests/net/fib_tests.sh, fib_nexthops.sh,
// fib-onlink-tests.sh, rtnetlink.sh), in ip's words, on setupNS's links
// (lnx0 10.0.0.1/24 2001:db8::1/64, lnx2 10.0.1.1/24 2001:db8:1::1/64).
// after runs once the routes are in: it changes the state of what is
// there (a link going down) without ip writing routes.
var fibScenarios = []struct {
	name  string
	ip    []string
	after []string
}{
	{name: "nexthop objects and groups", ip: []string{
		"nexthop add id 1 via 10.0.0.2 dev lnx0",
		"nexthop add id 2 via 10.0.1.2 dev lnx2",
		"nexthop add id 3 dev lnx0",
		"nexthop add id 4 blackhole",
		"nexthop add id 10 group 1/2",
		"nexthop add id 11 group 1,3/2,5",
		"nexthop add id 12 group 1/2 type resilient buckets 8 idle_timer 120 unbalanced_timer 300",
		"nexthop add id 20 via 2001:db8::2 dev lnx0",
		"nexthop add id 21 via 2001:db8:1::2 dev lnx2",
		"nexthop add id 22 group 20/21",
		"nexthop add id 30 via 10.0.0.9 fdb",
		"nexthop add id 31 via 10.0.0.10 fdb",
		"nexthop add id 32 group 30/31 fdb",
		"route add 10.10.0.0/16 nhid 1",
		"route add 10.11.0.0/16 nhid 10",
		"route add 10.12.0.0/16 nhid 11 metric 7",
		"route add 10.13.0.0/16 nhid 12 table 1000",
		"route add 10.14.0.0/16 nhid 3 proto static",
		"route add 10.15.0.0/16 nhid 4",
		"route add 2001:db8:10::/48 nhid 20",
		"route add 2001:db8:11::/48 nhid 22 metric 50",
		"route add 10.16.0.0/16 nhid 20",
	}},
	{name: "multipath with weights, linkdown and dead legs", ip: []string{
		"route add 10.20.0.0/16 nexthop via 10.0.0.2 dev lnx0 weight 3 nexthop via 10.0.1.2 dev lnx2 weight 1",
		"route add 10.21.0.0/16 proto static metric 20 nexthop via 10.0.0.2 dev lnx0 nexthop dev lnx2",
		"route add 2001:db8:20::/48 nexthop via 2001:db8::2 dev lnx0 weight 2 nexthop via 2001:db8:1::2 dev lnx2 weight 7",
		"route add 2001:db8:21::/48 via 2001:db8::2 dev lnx0 metric 9",
		"route append 2001:db8:21::/48 via 2001:db8:1::2 dev lnx2 metric 9",
		"route add 10.22.0.0/16 via 10.0.1.2 dev lnx2",
	}, after: []string{
		"link set lnx3 down", // lnx2 loses carrier: its legs and routes are linkdown
	}},
	{name: "dead legs after a link goes down", ip: []string{
		"route add 10.25.0.0/16 nexthop via 10.0.0.2 dev lnx0 weight 3 nexthop via 10.0.1.2 dev lnx2 weight 1",
		"route add 2001:db8:25::/48 nexthop via 2001:db8::2 dev lnx0 weight 3 nexthop via 2001:db8:1::2 dev lnx2",
	}, after: []string{
		"link set lnx2 down", // the leg on lnx2 is dead (and linkdown)
	}},
	{name: "onlink gateways", ip: []string{
		"route add 10.30.0.0/16 via 192.0.2.1 dev lnx0 onlink",
		"route add 10.31.0.0/16 nexthop via 192.0.2.1 dev lnx0 onlink nexthop via 198.51.100.1 dev lnx2 onlink",
		"route add 2001:db8:30::/48 via 2001:db8:ffff::1 dev lnx0 onlink",
		"route add 10.32.0.0/16 via 192.0.2.7 dev lnx2 onlink table 1001",
	}},
	{name: "IPv4 via IPv6, IPv4-mapped", ip: []string{
		"route add 10.40.0.0/16 via inet6 2001:db8::2 dev lnx0",
		"route add 10.41.0.0/16 nexthop via inet6 2001:db8::2 dev lnx0 nexthop via inet6 2001:db8:1::2 dev lnx2",
		"route add 10.42.0.0/16 via inet6 fe80::2 dev lnx0",
		"route add 10.44.0.0/16 via inet6 2001:db8:1::2",
		"route add 10.45.0.0/16 nexthop via inet6 2001:db8::2 dev lnx0 weight 2 nexthop dev lnx2",
		"route add 10.46.0.0/16 dev lnx0 nexthop via 10.0.0.2 dev lnx0",
		"route add ::ffff:10.43.0.0/120 dev lnx0",
		"route add 2001:db8:43::/48 via ::ffff:10.0.0.2 dev lnx0 onlink",
	}},
	{name: "expiring, source and tos routes", ip: []string{
		"route add 2001:db8:50::/48 via 2001:db8::2 expires 600",
		"route add 2001:db8:51::/48 from 2001:db8:52::/48 via 2001:db8::2",
		"route add 2001:db8:53::/48 from 2001:db8:54::/64 dev lnx2 metric 77",
		"route add 10.50.0.0/16 tos 0x10 via 10.0.0.2",
		"route add 10.50.0.0/16 tos 0x08 via 10.0.1.2",
		"route add 10.50.0.0/16 via 10.0.0.3",
	}},
	{name: "encapsulations", ip: []string{
		"link add vx0 type vxlan external dstport 4789",
		"link set vx0 up",
		"route add 10.45.0.0/16 encap seg6 mode encap segs 2001:db8::2,2001:db8::3 dev lnx0",
		"route add 2001:db8:47::/48 encap seg6 mode inline segs 2001:db8::2 dev lnx0",
		"route add 10.46.0.0/16 encap ip id 5 dst 192.0.2.1 src 192.0.2.2 ttl 9 tos 3 dev vx0",
		"route add 10.47.0.0/16 nexthop encap seg6 mode encap segs 2001:db8::2 dev lnx0 nexthop via 10.0.1.2 dev lnx2",
		"route add 2001:db8:40::/48 encap seg6local action End.DT6 table 100 dev lnx0",
		"route add 2001:db8:41::/48 encap seg6local action End.X nh6 2001:db8::9 dev lnx0",
		"route add 2001:db8:42::/48 encap seg6local action End dev lnx0",
		"route add 2001:db8:43::/48 encap seg6local action End.DX4 nh4 10.0.0.2 dev lnx0",
		"route add 2001:db8:44::/48 encap seg6local action End.B6 srh segs 2001:db8::7,2001:db8::8 dev lnx0",
		"route add 2001:db8:45::/48 encap ip6 id 6 dst 2001:db8::5 hoplimit 7 tc 2 dev vx0",
		"route add 2001:db8:46::/48 encap seg6 mode encap segs 2001:db8::2 dev lnx0 metric 7",
	}},
	{name: "seg6 modes, hmac and seg6local flavors", ip: []string{
		"route add 2001:db8:b1::/64 encap seg6 mode l2encap segs 2001:db8::1 dev lnx0",
		"route add 2001:db8:b2::/64 encap seg6 mode encap.red segs 2001:db8::1,2001:db8::2 dev lnx0",
		"route add 2001:db8:b3::/64 encap seg6 mode l2encap.red segs 2001:db8::1,2001:db8::2 dev lnx0",
		"route add 2001:db8:b4::/64 encap seg6 mode encap segs 2001:db8::1 hmac 7 dev lnx0",
		"route add 10.48.0.0/16 encap seg6 mode encap.red segs 2001:db8::3 dev lnx0",
		"route add 2001:db8:b5::/64 encap seg6local action End flavors psp dev lnx0",
		"route add 2001:db8:b6::/64 encap seg6local action End flavors next-csid dev lnx0",
		"route add 2001:db8:b7::/64 encap seg6local action End flavors next-csid lblen 48 nflen 8 dev lnx0",
		"route add 2001:db8:b8::/64 encap seg6local action End.X nh6 2001:db8::9 flavors next-csid lblen 40 nflen 24 dev lnx0",
	}},
	{name: "metrics", ip: []string{
		"route add 10.60.0.0/16 via 10.0.0.2 mtu lock 1400 advmss 1360 window 65535 rtt 12ms rttvar 6ms ssthresh 100 cwnd 10 initcwnd 20 initrwnd 30 quickack 1 congctl reno fastopen_no_cookie 1 hoplimit 10 features ecn reordering 5 rto_min 20ms",
		"route add 10.61.0.0/16 via 10.0.0.2 congctl lock cubic rtt 1.5s",
		"route add 2001:db8:60::/48 via 2001:db8::2 mtu 1300 hoplimit 33 initcwnd 4",
	}},
	{name: "every route type and attribute", ip: []string{
		"route add blackhole 10.70.0.0/16",
		"route add unreachable 10.71.0.0/16 metric 5",
		"route add prohibit 10.72.0.0/16 table 1002",
		"route add throw 10.73.0.0/16 table 1002",
		"route add local 10.74.0.1 dev lnx0 table 1003",
		"route add broadcast 10.74.0.255 dev lnx0 table 1003",
		"route add multicast 239.1.0.0/16 dev lnx0 table 1003",
		"route add anycast 2001:db8:74::/64 dev lnx0 table 1003",
		"route add blackhole 2001:db8:70::/48",
		"route add unreachable 2001:db8:71::/48",
		"route add prohibit 2001:db8:72::/48",
		"route add throw 2001:db8:73::/48 table 1002",
		"route add 10.75.0.0/16 dev lnx0 scope link src 10.0.0.1 proto 99 metric 100 realm 5",
		"route add 10.76.0.0/16 via 10.0.0.2 realms 3/7",
		"route add 2001:db8:75::/48 via 2001:db8::2 pref high proto bird metric 2048",
		"route add 2001:db8:76::/48 dev lnx0 pref low",
		"route add default via 10.0.0.254 table 1004",
		"route add default via 2001:db8::fe table 1004 metric 3",
		"route add 10.77.0.0/16 via 10.0.0.2 table 4000000000",
		"route add anycast 10.80.0.0/16 dev lnx0 table 1003",
		"route add local 2001:db8:81::1 dev lnx0 table 1003",
		"route add multicast ff15::/16 dev lnx0 table 1003",
		"route add 10.86.0.0/16 dev lnx0 scope host",
		"route add 10.87.0.0/16 via 10.0.0.2 src 10.0.0.1 metric 0",
		"route add throw 2001:db8:88::/48 metric 5",
		"route add 2001:db8:85::/48 via 2001:db8::2 rto_min 5ms quickack 1",
	}},
}

// ipJSONAll is `ip -d -j route show table all` with the one field that
// changes by itself, an IPv6 route's expiry countdown, masked.
func ipJSONAll(t *testing.T, ns nlsock.NetNS) string {
	t.Helper()
	out := nstest.IP(t, ns, "-d", "-j", "route", "show", "table", "all")
	return expiresRE.ReplaceAllString(out, `"expires":0`)
}

var expiresRE = regexp.MustCompile(`"expires":\d+`)

// TestIntegrationRouteWriteBack: for each scenario, in a fresh namespace,
// linx's listing (ipfmt: the text and JSON that linx route list prints)
// equals `ip -d route show table all`, and every route that is not
// proto kernel, deleted and re-added from linx's own listing, leaves the
// tables as they were: once from the listing's words through the words
// linx route add and del parse, once through the library
// (List -> Writable -> DeleteRoute -> AddRoute).
func TestIntegrationRouteWriteBack(t *testing.T) {
	total, words, lib, dead := 0, 0, 0, 0
	for _, sc := range fibScenarios {
		t.Run(sc.name, func(t *testing.T) {
			ns := setupNS(t)
			carrierUp(t, ns)
			nstest.Batch(t, ns, strings.Join(sc.ip, "\n")+"\n")
			if len(sc.after) > 0 {
				nstest.Batch(t, ns, strings.Join(sc.after, "\n")+"\n")
				time.Sleep(200 * time.Millisecond)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			c, err := route.Open(route.InNamespace(ns))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			names, index := listingNames(t, ctx, c.Conn())
			routes, err := c.ListFull(ctx, route.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			total += len(routes)
			compareListing(t, ns, routes, names)

			before := ipJSONAll(t, ns)
			wordsOpt := ipfmt.Options{Details: true, Links: names.Links}
			plainOpt := ipfmt.Options{Links: names.Links}
			for i := range routes {
				r := &routes[i]
				if r.Header.Protocol == rtnl.RTPROT_KERNEL {
					continue
				}
				text := string(must(wordsOpt.Append(nil, r)))
				ws := strings.Fields(text)
				if hasDeadLeg(r) {
					// The kernel takes no gateway it cannot reach: a leg
					// whose device is down cannot be added again (not by
					// ip either: IPv4 ENETUNREACH, IPv6 EHOSTUNREACH). Check that linx is refused as ip is,
					// in a spare table, and leave the route alone.
					spare := func(table string) []string {
						out := slices.Clone(ws)
						out[slices.Index(out, "table")+1] = table
						return out
					}
					spec, err := parseRouteWords("add", spare("3000"), 0)
					if err != nil {
						t.Fatalf("add %q: %v", text, err)
					}
					dst, gw, opts, _ := spec.options(index)
					err = c.Add(ctx, dst, gw, opts...)
					ipErr := ipTry(ns, append([]string{"route", "add"}, spare("3001")...)...)
					if !errors.Is(err, unix.ENETUNREACH) && !errors.Is(err, unix.EHOSTUNREACH) || ipErr == nil {
						t.Fatalf("re-adding a route with a dead leg: linx %v, ip %v; want both refused (ENETUNREACH, EHOSTUNREACH for IPv6)", err, ipErr)
					}
					dead++
					continue
				}
				// Twice: from ip -d's words (explicit table, type, proto,
				// scope) and from the plain listing's, which leave the
				// defaults (scope among them) to linx route add.
				for _, wo := range []ipfmt.Options{wordsOpt, plainOpt} {
					text := string(must(wo.Append(nil, r)))
					ws := strings.Fields(text)
					for _, verb := range []string{"delete", "add"} {
						spec, err := parseRouteWords(verb, ws, 0)
						if err != nil {
							t.Fatalf("%s %q: %v", verb, text, err)
						}
						dst, gw, opts, err := spec.options(index)
						if err == nil {
							if verb == "delete" {
								err = c.Delete(ctx, dst, gw, opts...)
							} else {
								err = c.Add(ctx, dst, gw, opts...)
							}
						}
						if err != nil {
							t.Fatalf("linx route %s %s: %v", verb, text, err)
						}
					}
					if after := ipJSONAll(t, ns); after != before {
						t.Fatalf("after linx route del+add %q the tables differ:\nbefore %s\nafter  %s", text, before, after)
					}
					words++
				}

				w := route.Writable(r)
				if err := c.DeleteRoute(ctx, &w); err != nil {
					t.Fatalf("DeleteRoute(Writable(%s)): %v", text, err)
				}
				if err := c.AddRoute(ctx, &w); err != nil {
					t.Fatalf("AddRoute(Writable(%s)): %v", text, err)
				}
				if after := ipJSONAll(t, ns); after != before {
					t.Fatalf("after DeleteRoute+AddRoute of %q the tables differ:\nbefore %s\nafter  %s", text, before, after)
				}
				lib++
			}
		})
	}
	t.Logf("%d scenarios, %d routes listed and compared with ip, %d written back through linx's words, %d through the library, %d with dead legs refused by the kernel as for ip", len(fibScenarios), total, words, lib, dead)
}

// ipTry runs ip in ns and returns its error, with its output.
func ipTry(ns nlsock.NetNS, args ...string) error {
	out, err := exec.Command("ip", append([]string{"-n", ns.Name()}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// hasDeadLeg reports whether a leg of r is dead (its device down).
func hasDeadLeg(r *rtnl.Route) bool {
	for i := range r.Multipath {
		if r.Multipath[i].Header.Flags&rtnl.RTNH_F_DEAD != 0 {
			return true
		}
	}
	return false
}

// listingNames are the links and nexthop objects of the namespace, as
// linx route list resolves them, and an index for interface names.
func listingNames(t *testing.T, ctx context.Context, conn *nlsock.Conn) (ipfmt.Options, func(string) (uint32, error)) {
	t.Helper()
	ls, err := link.List(ctx, conn, link.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	lt := new(ipfmt.LinkTable)
	byName := map[string]uint32{}
	for i := range ls {
		lt.Learn(&ls[i])
		byName[ls[i].IfName.String()] = uint32(ls[i].Header.Index)
	}
	nhs, err := nexthop.List(ctx, conn, nexthop.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	nt := new(ipfmt.NexthopTable)
	for i := range nhs {
		nt.Learn(&nhs[i])
	}
	index := func(name string) (uint32, error) {
		if i, ok := byName[name]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("no interface %q", name)
	}
	return ipfmt.Options{Links: lt, Nexthops: nt}, index
}

// compareListing: the routes printed as linx prints them equal ip -d's
// text, line by line, and ip -d -j's JSON, value by value.
func compareListing(t *testing.T, ns nlsock.NetNS, routes []rtnl.Route, names ipfmt.Options) {
	t.Helper()
	for _, mode := range []struct {
		flags                  []string
		json, details, numeric bool
	}{
		{[]string{"-d"}, false, true, false},
		{[]string{"-d", "-j"}, true, true, false},
		{nil, false, false, false},
		{[]string{"-N"}, false, false, true},
		{[]string{"-j"}, true, false, false},
		{[]string{"-j", "-N"}, true, false, true},
		{[]string{"-d", "-N"}, false, true, true},
		{[]string{"-d", "-j", "-N"}, true, true, true},
	} {
		o := names
		o.Details, o.JSON, o.Numeric = mode.details, mode.json, mode.numeric
		var b strings.Builder
		l := o.NewList(&b)
		for i := range routes {
			if err := l.Add(&routes[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		ips := nstest.IP(t, ns, append(mode.flags, "route", "show", "table", "all")...)
		// What the command prints is what ipfmt prints here.
		if cli := linxOK(t, ns, append(mode.flags, "route", "list", "table", "all")...); expiresRE.ReplaceAllString(expiresTextRE.ReplaceAllString(cli, ""), "") != expiresRE.ReplaceAllString(expiresTextRE.ReplaceAllString(b.String(), ""), "") {
			t.Errorf("linx %v route list table all:\n%s\nipfmt:\n%s", mode.flags, cli, b.String())
		}
		ours := b.String()
		if mode.json {
			ours, ips = expiresRE.ReplaceAllString(ours, `"expires":0`), expiresRE.ReplaceAllString(ips, `"expires":0`)
			if d := jsonDiff(t, ours, ips); d != "" {
				t.Errorf("ip %v: JSON differs: %s\nours %s\nip   %s", mode.flags, d, ours, ips)
			}
			continue
		}
		o1, p1 := normLines(ours), normLines(ips)
		for i := 0; i < max(len(o1), len(p1)); i++ {
			var a, b string
			if i < len(o1) {
				a = o1[i]
			}
			if i < len(p1) {
				b = p1[i]
			}
			if a != b && !expiresTextRE.MatchString(b) {
				t.Errorf("ip %v line %d:\n ours %q\n   ip %q", mode.flags, i+1, a, b)
			}
		}
	}
}

var expiresTextRE = regexp.MustCompile(`expires \d+sec`)

func normLines(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// jsonDiff is the first difference between two JSON documents, by path,
// or "" when they hold the same values.
func jsonDiff(t *testing.T, a, b string) string {
	t.Helper()
	dec := func(s string) any {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("invalid JSON %v: %s", err, s)
		}
		return v
	}
	var walk func(path string, x, y any) string
	walk = func(path string, x, y any) string {
		switch yv := y.(type) {
		case map[string]any:
			xv, ok := x.(map[string]any)
			if !ok {
				return fmt.Sprintf("%s: ours %v, ip %v", path, x, y)
			}
			for k := range yv {
				if _, ok := xv[k]; !ok {
					return fmt.Sprintf("%s.%s: missing from ours (ip: %v)", path, k, yv[k])
				}
			}
			for k := range xv {
				if _, ok := yv[k]; !ok {
					return fmt.Sprintf("%s.%s: ours only (%v)", path, k, xv[k])
				}
				if d := walk(path+"."+k, xv[k], yv[k]); d != "" {
					return d
				}
			}
		case []any:
			xv, ok := x.([]any)
			if !ok || len(xv) != len(yv) {
				return fmt.Sprintf("%s: ours %v, ip %v", path, x, y)
			}
			for i := range yv {
				if d := walk(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i]); d != "" {
					return d
				}
			}
		default:
			if fmt.Sprint(x) != fmt.Sprint(y) {
				return fmt.Sprintf("%s: ours %v, ip %v", path, x, y)
			}
		}
		return ""
	}
	return walk("", dec(a), dec(b))
}

// carrierUp waits until setupNS's links have carrier: until then their
// routes are listed linkdown, and a listing taken a moment later differs.
func carrierUp(t *testing.T, ns nlsock.NetNS) {
	t.Helper()
	nstest.Settle(t, func() []string {
		var down []string
		for _, l := range []string{"lnx0", "lnx1", "lnx2", "lnx3"} {
			if !strings.Contains(nstest.IP(t, ns, "-o", "link", "show", l), "LOWER_UP") {
				down = append(down, l+" has no carrier")
			}
		}
		// The local routes of the IPv6 addresses come once the links are
		// up; a listing taken before them differs from one taken after.
		local := nstest.IP(t, ns, "-6", "route", "show", "table", "local")
		for _, a := range []string{"2001:db8::1", "2001:db8:1::1"} {
			if !strings.Contains(local, "local "+a+" ") {
				down = append(down, "no local route for "+a+" yet")
			}
		}
		return down
	})
}
