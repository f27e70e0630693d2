package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// TestMain lets the test binary act as the linx command (as stringer's
// tests do): integration tests exec os.Args[0] with LINX_TEST_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("LINX_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestParseList(t *testing.T) {
	main := rtnl.RT_TABLE_MAIN
	for _, c := range []struct {
		args []string
		fam  rtnl.Family
		want listCmd
	}{
		{nil, 0, listCmd{filter: route.Filter{Table: main}}},
		{nil, rtnl.AF_INET6, listCmd{filter: route.Filter{Family: rtnl.AF_INET6, Table: main}}},
		{[]string{"table", "all"}, 0, listCmd{}},
		{[]string{"cache"}, 0, listCmd{filter: route.Filter{Table: main, Cloned: true}}},
		{[]string{"table", "1000"}, 0, listCmd{filter: route.Filter{Table: 1000}, text: textOptions{hideTable: true}}},
		{[]string{"table", "local"}, 0, listCmd{filter: route.Filter{Table: rtnl.RT_TABLE_LOCAL}, text: textOptions{hideTable: true}}},
		{[]string{"proto", "static"}, 0, listCmd{filter: route.Filter{Table: main, Protocol: rtnl.RTPROT_STATIC}, text: textOptions{hideProto: true}}},
		{[]string{"protocol", "186"}, 0, listCmd{filter: route.Filter{Table: main, Protocol: rtnl.RTPROT_BGP}, text: textOptions{hideProto: true}}},
		{[]string{"type", "blackhole"}, 0, listCmd{filter: route.Filter{Table: main, Type: rtnl.RTN_BLACKHOLE}}},
		{[]string{"dev", "veth0"}, 0, listCmd{filter: route.Filter{Table: main}, dev: "veth0", text: textOptions{hideDev: true}}},
		{
			[]string{"table", "all", "proto", "kernel", "type", "local", "dev", "lo"}, rtnl.AF_INET,
			listCmd{filter: route.Filter{Family: rtnl.AF_INET, Protocol: rtnl.RTPROT_KERNEL, Type: rtnl.RTN_LOCAL}, dev: "lo", text: textOptions{hideProto: true, hideDev: true}},
		},
	} {
		got, err := parseList(c.args, c.fam)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", c.args, got, c.want)
		}
	}
}

// TestListSelectors: a bare PREFIX and exact are the prefix itself, match
// the routes covering it, root the routes inside it, as ip's.
func TestListSelectors(t *testing.T) {
	routeTo := func(p string) *rtnl.Route {
		var r rtnl.Route
		pp := netip.MustParsePrefix(p)
		r.Header.Family = famOfAddr(pp.Addr())
		r.Header.DstLen = uint8(pp.Bits())
		if pp.Bits() > 0 {
			r.SetDst(pp.Addr())
		}
		return &r
	}
	all := []string{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.2.0.0/16", "::/0", "2001:db8::/32"}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"10.1.0.0/16"}, []string{"10.1.0.0/16"}},
		{[]string{"exact", "10.1.0.0/16"}, []string{"10.1.0.0/16"}},
		{[]string{"match", "10.1.0.0/16"}, []string{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16"}},
		{[]string{"match", "10.1.2.3"}, []string{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"}},
		{[]string{"root", "10.1.0.0/16"}, []string{"10.1.0.0/16", "10.1.2.0/24"}},
		{[]string{"root", "10.0.0.0/8"}, []string{"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.2.0.0/16"}},
		{[]string{"match", "2001:db8::1"}, []string{"::/0", "2001:db8::/32"}},
	} {
		l, err := parseList(c.args, 0)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		var got []string
		for _, p := range all {
			if l.keep(routeTo(p)) {
				got = append(got, p)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: kept %v, want %v", c.args, got, c.want)
		}
	}
}

func TestParseListErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // in the message
	}{
		{[]string{"table"}, "table needs a value"},
		{[]string{"table", "0"}, "table 0"},
		{[]string{"table", "unspec"}, "not a routing table"},
		{[]string{"table", "x"}, `invalid table "x"`},
		{[]string{"table", "4294967296"}, `invalid table`},
		{[]string{"proto", "nosuch"}, `invalid protocol "nosuch"`},
		{[]string{"proto", "256"}, `invalid protocol "256"`},
		{[]string{"type", "frob"}, `invalid route_type "frob"`},
		{[]string{"table", "1", "table", "2"}, "given twice"},
		{[]string{"dev", "a", "oif", "b"}, "given twice"},
		{[]string{"frob"}, `unknown list argument "frob"`},
		{[]string{"frob", "x"}, `unknown list argument "frob"`},
		{[]string{"10.0.0.0/33"}, `unknown list argument "10.0.0.0/33"`},
		{[]string{"match", "10.0.0.0/8", "root", "10.0.0.0/8"}, "one of PREFIX, match, root and exact"},
		{[]string{"10.0.0.0/8", "10.0.0.0/8"}, `unknown list argument "10.0.0.0/8"`},
	} {
		_, err := parseList(c.args, 0)
		checkUsageError(t, c.args, err, c.want, usageOf("route"))
	}
}

// checkUsageError checks that err is a usage error (exit 255) mentioning
// want, with usage to print.
func checkUsageError(t *testing.T, args []string, err error, want, usage string) {
	t.Helper()
	ce, ok := err.(*cliError)
	switch {
	case err == nil:
		t.Errorf("%q: no error, want %q", args, want)
	case !ok:
		t.Errorf("%q: %T %v, want a usage error", args, err, err)
	case ce.code != exitUsage:
		t.Errorf("%q: %v: exit %d, want %d", args, err, ce.code, exitUsage)
	case !strings.Contains(ce.msg, want):
		t.Errorf("%q: error %q does not mention %q", args, ce.msg, want)
	case ce.usage != usage:
		t.Errorf("%q: usage %q, want %q", args, ce.usage, usage)
	}
}

// checkArgError checks that err is a bad-argument error (exit 1, no
// usage) mentioning want.
func checkArgError(t *testing.T, args []string, err error, want string) {
	t.Helper()
	ce, ok := err.(*cliError)
	switch {
	case err == nil:
		t.Errorf("%q: no error, want %q", args, want)
	case !ok:
		t.Errorf("%q: %T %v, want an argument error", args, err, err)
	case ce.code != exitError || ce.usage != "":
		t.Errorf("%q: %v: exit %d, usage %q; want exit %d without usage", args, err, ce.code, ce.usage, exitError)
	case !strings.Contains(ce.msg, want):
		t.Errorf("%q: error %q does not mention %q", args, ce.msg, want)
	}
}

func TestParseGet(t *testing.T) {
	for _, c := range []struct {
		args []string
		fam  rtnl.Family
		want string
	}{
		{[]string{"10.1.2.5"}, 0, "10.1.2.5"},
		{[]string{"to", "2001:db8::5"}, 0, "2001:db8::5"},
		{[]string{"2001:db8::5"}, rtnl.AF_INET6, "2001:db8::5"},
	} {
		got, err := parseGet(c.args, c.fam)
		if err != nil || got.addr != netip.MustParseAddr(c.want) {
			t.Errorf("%q: got %v, %v; want %s", c.args, got.addr, err, c.want)
		}
	}
	for _, c := range []struct {
		args  []string
		fam   rtnl.Family
		want  string
		usage bool // a usage error, else an argument error
	}{
		{nil, 0, "needs an address", true},
		{[]string{"to"}, 0, "needs an address", true},
		{[]string{"10.0.0.1", "10.0.0.2"}, 0, `unexpected argument "10.0.0.2"`, true},
		{[]string{"10.0.0.0/8"}, 0, `invalid address "10.0.0.0/8"`, false},
		{[]string{"host"}, 0, `invalid address "host"`, false},
		{[]string{"10.0.0.1"}, rtnl.AF_INET6, "address 10.0.0.1 is not of the family -6 asks for", false},
		{[]string{"fe80::1%eth0"}, 0, "no %zone", false},
	} {
		_, err := parseGet(c.args, c.fam)
		if c.usage {
			checkUsageError(t, c.args, err, c.want, usageOf("route"))
		} else {
			checkArgError(t, c.args, err, c.want)
		}
	}
}

// cliRequest is the request linx route VERB ARGS would send, with dev
// resolved to interface 4.
func cliRequest(verb, args string, fam rtnl.Family) (*rtnl.Route, error) {
	c, err := parseRouteWords(verb, strings.Fields(args), fam)
	if err != nil {
		return nil, err
	}
	dst, gw, opts, err := c.options(func(string) (uint32, error) { return 4, nil })
	if err != nil {
		return nil, err
	}
	return route.Request(c.verb, dst, gw, opts...)
}

// TestParseModify: every keyword becomes the route option it names; the
// request linx sends equals the one the library builds from those options.
func TestParseModify(t *testing.T) {
	pfx := netip.MustParsePrefix
	a := netip.MustParseAddr
	none := netip.Addr{}
	for _, c := range []struct {
		verb string
		args string
		fam  rtnl.Family
		dst  netip.Prefix
		gw   netip.Addr
		opts []route.Option
	}{
		{"add", "10.1.0.0/16 via 10.0.0.254", 0, pfx("10.1.0.0/16"), a("10.0.0.254"), nil},
		{"add", "to 10.1.0.0/16 dev veth0", 0, pfx("10.1.0.0/16"), none, []route.Option{route.Dev(4)}},
		{"add", "default via 10.0.0.254", 0, pfx("0.0.0.0/0"), a("10.0.0.254"), nil},
		{"add", "default via 2001:db8::1", 0, pfx("::/0"), a("2001:db8::1"), nil},
		{"add", "default dev veth0", rtnl.AF_INET6, pfx("::/0"), none, []route.Option{route.Dev(4)}},
		{"delete", "default", 0, pfx("0.0.0.0/0"), none, nil},
		{"delete", "default src 2001:db8::2", 0, pfx("::/0"), none, []route.Option{route.Src(a("2001:db8::2"))}},
		{"add", "10.9.9.9 dev veth0", 0, pfx("10.9.9.9/32"), none, []route.Option{route.Dev(4)}},
		{"add", "2001:db8::9 dev veth0", 0, pfx("2001:db8::9/128"), none, []route.Option{route.Dev(4)}},
		{"add", "blackhole 10.0.0.0/8", 0, pfx("10.0.0.0/8"), none, []route.Option{route.Type(rtnl.RTN_BLACKHOLE)}},
		{"add", "unreachable to 10.0.0.0/8", 0, pfx("10.0.0.0/8"), none, []route.Option{route.Type(rtnl.RTN_UNREACHABLE)}},
		{"delete", "prohibit default", 0, pfx("0.0.0.0/0"), none, []route.Option{route.Type(rtnl.RTN_PROHIBIT)}},
		{
			"replace", "10.1.2.0/24 via 10.0.0.254 dev veth0 table 1000 proto static metric 100 src 10.0.0.1 scope link", 0,
			pfx("10.1.2.0/24"), a("10.0.0.254"),
			[]route.Option{route.Dev(4), route.Table(1000), route.Protocol(rtnl.RTPROT_STATIC), route.Metric(100), route.Src(a("10.0.0.1")), route.Scope(rtnl.RT_SCOPE_LINK)},
		},
		{"add", "10.0.0.0/8 table main protocol 99 priority 0", 0, pfx("10.0.0.0/8"), none,
			[]route.Option{route.Table(rtnl.RT_TABLE_MAIN), route.Protocol(rtnl.RTPROT_OPENR), route.Metric(0)}},
		{"add", "10.0.0.0/8 preference 4294967295", 0, pfx("10.0.0.0/8"), none, []route.Option{route.Metric(4294967295)}},
		{"add", "2001:db8:9::/48 via fe80::1 dev lnx0 mtu 1400 advmss 1300 pref high onlink", 0, pfx("2001:db8:9::/48"), a("fe80::1"),
			[]route.Option{route.Dev(4), route.MTU(1400), route.AdvMSS(1300), route.Pref(rtnl.ICMPV6_ROUTER_PREF_HIGH), route.Onlink()}},
		{"delete", "10.0.0.0/8", rtnl.AF_INET, pfx("10.0.0.0/8"), none, nil},
		// What a listing prints, back as words.
		{"add", "unicast 10.5.0.0/16 nhid 7 via 10.0.0.2 dev lnx0 table main proto boot scope global", 0, pfx("10.5.0.0/16"), none,
			[]route.Option{route.Type(rtnl.RTN_UNICAST), route.NHID(7), route.Table(rtnl.RT_TABLE_MAIN), route.Protocol(rtnl.RTPROT_BOOT), route.Scope(rtnl.RT_SCOPE_UNIVERSE)}},
		{"delete", "blackhole 10.5.0.0/16 nhid 4 dev lo", 0, pfx("10.5.0.0/16"), none, []route.Option{route.NHID(4)}},
		{"add", "10.6.0.0/16 proto static metric 20 nexthop via 10.0.0.2 dev lnx0 weight 3 onlink nexthop via inet6 2001:db8::2 dev lnx2 weight 1 dead linkdown realms 1/2", 0,
			pfx("10.6.0.0/16"), none, []route.Option{route.Protocol(rtnl.RTPROT_STATIC), route.Metric(20), route.Multipath(
				route.Leg{Gateway: a("10.0.0.2"), Dev: 4, Weight: 3, Onlink: true},
				route.Leg{Via: a("2001:db8::2"), Dev: 4, Weight: 1, Realm: 1<<16 | 2})}},
		{"add", "10.7.0.0/16 via inet6 fe80::2 dev lnx0 linkdown", 0, pfx("10.7.0.0/16"), none, []route.Option{route.Via(a("fe80::2")), route.Dev(4)}},
		{"add", "2001:db8:7::/48 via inet6 2001:db8::2 expires 299sec from 2001:db8:8::/48 pref medium", 0, pfx("2001:db8:7::/48"), a("2001:db8::2"),
			[]route.Option{route.Expires(299), route.From(pfx("2001:db8:8::/48")), route.Pref(rtnl.ICMPV6_ROUTER_PREF_MEDIUM)}},
		{"add", "10.8.0.0/16 tos 0x10 via 10.0.0.2 realm 5", 0, pfx("10.8.0.0/16"), a("10.0.0.2"), []route.Option{route.TOS(0x10), route.Realm(5)}},
		{"add", "10.8.0.0/16 dsfield AF11 via 10.0.0.2", 0, pfx("10.8.0.0/16"), a("10.0.0.2"), []route.Option{route.TOS(0x28)}},
		{"add", "10.9.0.0/16 via 10.0.0.2 mtu lock 1400 window 65535 rtt 12ms rttvar 1.5s ssthresh 100 cwnd 10 initcwnd 20 initrwnd 30 quickack 1 congctl lock reno fastopen_no_cookie 1 hoplimit 10 features ecn reordering 5 rto_min 20ms", 0,
			pfx("10.9.0.0/16"), a("10.0.0.2"), []route.Option{
				route.LockMetric(rtnl.RTAX_MTU), route.MTU(1400), route.RouteMetric(rtnl.RTAX_WINDOW, 65535), route.RouteMetric(rtnl.RTAX_RTT, 96),
				route.RouteMetric(rtnl.RTAX_RTTVAR, 6000), route.RouteMetric(rtnl.RTAX_SSTHRESH, 100), route.RouteMetric(rtnl.RTAX_CWND, 10),
				route.RouteMetric(rtnl.RTAX_INITCWND, 20), route.RouteMetric(rtnl.RTAX_INITRWND, 30), route.RouteMetric(rtnl.RTAX_QUICKACK, 1),
				route.LockMetric(rtnl.RTAX_CC_ALGO), route.Congctl("reno"), route.RouteMetric(rtnl.RTAX_FASTOPEN_NO_COOKIE, 1),
				route.RouteMetric(rtnl.RTAX_HOPLIMIT, 10), route.RouteMetric(rtnl.RTAX_FEATURES, 1), route.RouteMetric(rtnl.RTAX_REORDERING, 5),
				route.RouteMetric(rtnl.RTAX_RTO_MIN, 20)}},
		{"add", "::ffff:10.0.0.0/120 via ::ffff:10.0.0.1 dev lnx0", 0, pfx("::ffff:10.0.0.0/120"), a("::ffff:10.0.0.1"), []route.Option{route.Dev(4)}},
		{"add", "10.11.0.0/16 encap mpls 100/200 ttl 9 dev lnx0", 0, pfx("10.11.0.0/16"), none,
			[]route.Option{route.Encap(rtnl.LWTUNNEL_ENCAP_MPLS, rtnl.LwtEncap{MPLS: func() rtnl.MplsEncap {
				var m rtnl.MplsEncap
				m.SetDst([]rtnl.MplsLabel{{Entry: 100 << 12}, {Entry: 200<<12 | 1<<8}})
				m.SetTTL(9)
				return m
			}()}), route.Dev(4)}},
		{"add", "10.12.0.0/16 nexthop encap mpls 100/200 ttl 9 via 10.0.0.2 dev lnx0 nexthop via 10.0.0.3 dev lnx0", 0, pfx("10.12.0.0/16"), none,
			[]route.Option{route.Multipath(route.Leg{Gateway: a("10.0.0.2"), Dev: 4, EncapType: rtnl.LWTUNNEL_ENCAP_MPLS, Encap: rtnl.LwtEncap{MPLS: func() rtnl.MplsEncap {
				var m rtnl.MplsEncap
				m.SetDst([]rtnl.MplsLabel{{Entry: 100 << 12}, {Entry: 200<<12 | 1<<8}})
				m.SetTTL(9)
				return m
			}()}},
				route.Leg{Gateway: a("10.0.0.3"), Dev: 4})}},
	} {
		got, err := cliRequest(c.verb, c.args, c.fam)
		if err != nil {
			t.Errorf("%s %s: %v", c.verb, c.args, err)
			continue
		}
		want, err := route.Request(c.verb, c.dst, c.gw, c.opts...)
		if err != nil {
			t.Fatalf("%s %s: the library refused the options: %v", c.verb, c.args, err)
		}
		if !got.Equal(want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", c.verb, c.args, got, want)
		}
	}
}

func TestParseModifyErrors(t *testing.T) {
	usage := usageOf("route")
	for _, c := range []struct {
		args string
		want string
	}{
		{"", "needs a destination"},
		{"blackhole", "needs a destination"},
		{"10.0.0.0/8 via", "via needs a value"},
		{"10.0.0.0/8 table 0", "0 (unspec) is not a routing table"},
		{"10.0.0.0/8 table frob", `invalid table "frob"`},
		{"10.0.0.0/8 proto nosuch", `invalid protocol "nosuch"`},
		{"10.0.0.0/8 metric -1", `invalid metric "-1"`},
		{"10.0.0.0/8 metric 4294967296", `invalid metric "4294967296"`},
		{"10.0.0.0/8 scope frob", `invalid scope "frob"`},
		{"10.0.0.0/8 mtu x", `invalid mtu "x"`},
		{"10.0.0.0/8 pref highest", `invalid pref "highest"`},
		{"10.0.0.0/8 via 10.0.0.1 via 10.0.0.2", "via given twice"},
		{"10.0.0.0/8 metric 1 priority 2", "priority given twice"},
		{"10.0.0.0/8 onlink onlink", "onlink given twice"},
		{"10.0.0.0/8 mtu 1 mtu 2", "mtu given twice"},
		{"10.0.0.0/8 dev a oif b", "oif given twice"},
		{"10.0.0.0/8 blackhole", `route type "blackhole" must come before the destination`},
		{"10.0.0.0/8 frob 1", `unknown argument "frob"`},
		{"10.0.0.0/8 dev veth0 extra", `unknown argument "extra"`},
	} {
		_, err := parseRouteWords("add", strings.Fields(c.args), 0)
		checkUsageError(t, strings.Fields(c.args), err, c.want, usage)
	}
	for _, c := range []struct {
		args string
		want string
	}{
		{"10.0.0.1/24", "host bits set (did you mean 10.0.0.0/24?)"},
		{"10.0.0.0/33", `invalid destination prefix "10.0.0.0/33"`},
		{"10/8", `invalid destination prefix "10/8"`},
		{"frob", `invalid destination "frob"`},
		{"10.0.0.0/8 via frob", `invalid gateway address "frob"`},
		{"10.0.0.0/8 src frob", `invalid source address "frob"`},
		{"10.0.0.0/8 via fe80::1%veth0", "no %zone"},
		{"6 10.0.0.0/8", `invalid destination "6"`}, // numbers are not type words
	} {
		_, err := parseRouteWords("add", strings.Fields(c.args), 0)
		checkArgError(t, strings.Fields(c.args), err, c.want)
	}
}

// TestModifyFamily: the family is the library's to decide and check, once;
// -4/-6 reach it as route.Family.
func TestModifyFamily(t *testing.T) {
	for _, c := range []struct {
		args string
		fam  rtnl.Family
		want string
	}{
		{"10.0.0.0/8 via 2001:db8::1", 0, "gateway 2001:db8::1 is IPv6 but destination 10.0.0.0/8 is IPv4"},
		{"2001:db8::/32 src 10.0.0.1", 0, "source 10.0.0.1 is IPv4 but destination 2001:db8::/32 is IPv6"},
		{"default via 10.0.0.1 src 2001:db8::1", 0, "source 2001:db8::1 is IPv6 but gateway 10.0.0.1 is IPv4"},
		{"default via 10.0.0.1", rtnl.AF_INET6, "gateway 10.0.0.1 is IPv4 but the family asked for (Family) is IPv6"},
		{"10.0.0.0/8", rtnl.AF_INET6, "destination 10.0.0.0/8 is IPv4 but the family asked for (Family) is IPv6"},
		{"10.0.0.0/8 pref high", 0, "pref (RTA_PREF) applies only to IPv6 routes"},
		{"10.0.0.0/8 via 10.0.0.1 onlink", 0, "onlink needs the output interface"},
	} {
		_, err := cliRequest("add", c.args, c.fam)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s (family %v): %v, want %q", c.args, c.fam, err, c.want)
		}
		if code := exitCode(err); code != exitError {
			t.Errorf("%s: exit %d, want %d", c.args, code, exitError)
		}
	}
}

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestRunUsage checks the command lines of the wrong shape, which need no
// kernel: exit 255 as ip's, a "linx: " message naming the problem, the
// usage of the object (not the whole help), nothing on stdout.
func TestRunUsage(t *testing.T) {
	route, link := usageOf("route"), usageOf("link")
	for _, c := range []struct {
		args  []string
		want  string
		usage string // what stderr must end with; "" for linx help's usage
	}{
		{nil, "no object given", ""},
		{[]string{"-x", "route"}, `option "-x" is unknown`, ""},
		{[]string{"--frob"}, `option "--frob" is unknown`, ""},
		{[]string{"-n"}, "option -n needs a value (NETNS)", ""},
		{[]string{"-netns"}, "option -netns needs a value (NETNS)", ""},
		{[]string{"-n", "..", "route"}, `-n "..": not a namespace name ("." and ".." are directories, not names`, ""},
		{[]string{"-n", "", "route"}, `-n "": not a namespace name`, ""},
		{[]string{"-4", "-6", "route"}, "-4 and -6 exclude each other", ""},
		{[]string{"-6", "-family", "inet", "route"}, "-6 and -family inet exclude each other", ""},
		{[]string{"-f", "mpls", "route"}, `-family "mpls": want inet or inet6`, ""},
		{[]string{"route", "frob"}, `command "frob" is unknown for route`, route},
		{[]string{"r", "frob"}, `command "frob" is unknown for route`, route},
		{[]string{"route", "add"}, "needs a destination", route},
		{[]string{"route", "del", "10.0.0.0/8", "table", "0"}, "not a routing table", route},
		{[]string{"route", "add", "10.0.0.0/8", "dev", "x", "mtu", "xx"}, `invalid mtu "xx"`, route},
		{[]string{"route", "add", "10.0.0.0/8", "foo"}, `unknown argument "foo"`, route},
		{[]string{"route", "list", "table"}, "table needs a value", route},
		{[]string{"route", "list", "proto", "xx"}, `invalid protocol "xx"`, route},
		{[]string{"route", "replace", "10.0.0.0/8", "proto", "frob"}, `invalid protocol "frob"`, route},
		{[]string{"link", "list", "type"}, "type needs a value", link},
		{[]string{"l", "show", "a", "b"}, `unknown link list argument "b"`, link},
		{[]string{"addr", "show", "-4", "-6"}, "-4 and -6 exclude each other", usageOf("addr")},
		{[]string{"-6", "addr", "show", "-4"}, "-6 and -4 exclude each other", usageOf("addr")},
		{[]string{"neigh", "show", "nud", "stale"}, `only "nud all"`, usageOf("neigh")},
		{[]string{"rule", "list", "table", "main"}, `unknown rule list argument "table"`, usageOf("rule")},
		{[]string{"nexthop", "show", "frob"}, `unknown nexthop list argument "frob"`, usageOf("nexthop")},
		{[]string{"monitor", "route", "frob"}, `unknown monitor object "frob"`, usageOf("monitor")},
	} {
		code, out, errs := runCLI(c.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", c.args, code, exitUsage, errs)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", c.args, out)
		}
		usage := c.usage
		if usage == "" {
			usage = helpUsage()
		}
		if !strings.HasPrefix(errs, "linx: ") || !strings.Contains(errs, c.want) || !strings.HasSuffix(errs, "\n"+usage) {
			t.Errorf("%q: stderr %q, want linx: ...%s... and then\n%s", c.args, errs, c.want, usage)
		}
	}
}

// TestRunBadArgument checks the arguments that name nothing usable: exit
// 1 as ip's, the message alone (no usage), nothing on stdout. ip exits 1
// for an unknown object too.
func TestRunBadArgument(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frob"}, `object "frob" is unknown, try "linx help"`},
		{[]string{"routes"}, `object "routes" is unknown`},
		{[]string{"help", "frob"}, `object "frob" is unknown`},
		{[]string{"route", "add", "bogus"}, `invalid destination "bogus"`},
		{[]string{"route", "add", "10.0.0.1/8"}, "host bits set"},
		{[]string{"route", "add", "10.0.0.0/8", "via", "fe80::1%lo"}, "no %zone"},
		{[]string{"route", "get", "bogus"}, `invalid address "bogus"`},
		{[]string{"-4", "route", "get", "::1"}, "address ::1 is not of the family -4 asks for"},
		{[]string{"-6", "route", "add", "default", "via", "10.0.0.1"}, "gateway 10.0.0.1 is IPv4 but the family asked for (Family) is IPv6"},
		{[]string{"route", "add", "::/0", "via", "10.0.0.1"}, "gateway 10.0.0.1 is IPv4 but destination ::/0 is IPv6"},
	} {
		code, out, errs := runCLI(c.args...)
		if code != exitError || out != "" || !strings.HasPrefix(errs, "linx: ") || !strings.Contains(errs, c.want) || strings.Contains(errs, "usage:") {
			t.Errorf("%q: exit %d (want %d), stdout %q, stderr %q (want %q, no usage)", c.args, code, exitError, out, errs, c.want)
		}
	}
}

// TestExitCode: a kernel's error reply is 2, wherever it is wrapped.
func TestExitCode(t *testing.T) {
	kernel := &nlsock.Error{Op: "route add", Errno: unix.EEXIST, Offset: -1, MissingAttr: -1, MissingNest: -1}
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{kernel, exitKernel},
		{fmt.Errorf("list interfaces: %w", kernel), exitKernel},
		{&nlsock.BatchError{Index: 3, Err: kernel}, exitKernel},
		{usageErrorf("u", "x"), exitUsage},
		{argErrorf("x"), exitError},
		{errors.New("route: invalid source address"), exitError},
		{unix.EPERM, exitError}, // an errno that is not a netlink reply
	} {
		if got := exitCode(c.err); got != c.want {
			t.Errorf("%v: exit %d, want %d", c.err, got, c.want)
		}
	}
}

// TestRunHelp: linx help and -h print the whole help, linx OBJECT help
// that object's usage (any word for it), on stdout, exit 0.
func TestRunHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}, {"help"}} {
		code, out, errs := runCLI(args...)
		if code != exitOK || out != helpText() || errs != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	for _, c := range []struct {
		args []string
		obj  string
	}{
		{[]string{"route", "help"}, "route"}, {[]string{"r", "help"}, "route"}, {[]string{"ro", "he"}, "route"},
		{[]string{"link", "help"}, "link"}, {[]string{"nh", "help"}, "nexthop"}, {[]string{"ru", "help"}, "rule"},
		{[]string{"-j", "a", "help"}, "addr"}, {[]string{"help", "route"}, "route"}, {[]string{"help", "n"}, "neigh"}, {[]string{"-h", "rule"}, "rule"}, {[]string{"neighbor", "help"}, "neigh"}, {[]string{"mon", "help"}, "monitor"},
	} {
		code, out, errs := runCLI(c.args...)
		o, _ := objectNamed(c.obj)
		if code != exitOK || out != o.help() || !strings.HasPrefix(out, "usage: linx [OPTIONS] "+c.obj+" ") || errs != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %s's help", c.args, code, out, errs, c.obj)
		}
	}
}

// TestHelpFromTable: the help names every object with its words, every
// verb's usage and every global option, all from the tables.
func TestHelpFromTable(t *testing.T) {
	h := helpText()
	for _, o := range objects {
		if !strings.Contains(h, o.usage()) || !strings.Contains(h, o.short) {
			t.Errorf("help lacks %s's usage or summary", o.name)
		}
		for _, w := range wordsOf(o.name) {
			if w != o.name && !strings.Contains(h, w) {
				t.Errorf("help lacks %s's word %q", o.name, w)
			}
		}
		for _, v := range o.verbs {
			if v.usage != "" && !strings.Contains(o.usage(), "linx [OPTIONS] "+o.name+" "+v.usage+"\n") {
				t.Errorf("%s usage lacks %q", o.name, v.usage)
			}
		}
	}
	for _, f := range globalFlags {
		if !strings.Contains(h, "-"+f.short) || !strings.Contains(h, f.help) {
			t.Errorf("help lacks option -%s", f.short)
		}
	}
}

// TestGlobalOptions: ip's spellings, short, long and abbreviated, parsed
// into one options value.
func TestGlobalOptions(t *testing.T) {
	for _, c := range []struct {
		args string
		want options
	}{
		{"-j route", options{json: true}},
		{"-json -pretty route", options{json: true, pretty: true}},
		{"--js -p -N -d route", options{json: true, pretty: true, numeric: true, details: true}},
		{"-Numeric -numeric -details route", options{numeric: true, details: true}},
		{"-4 route", options{family: rtnl.AF_INET}},
		{"-6 -6 route", options{family: rtnl.AF_INET6}},
		{"-f inet6 route", options{family: rtnl.AF_INET6}},
		{"-family inet -4 route", options{family: rtnl.AF_INET}},
		{"-- -j", options{}},
	} {
		got, rest, err := parseOptions(strings.Fields(c.args))
		if err != nil || got != c.want || len(rest) != 1 {
			t.Errorf("%s: %+v %q %v, want %+v", c.args, got, rest, err, c.want)
		}
	}
	for _, args := range []string{"-n /proc/self/ns/net route", "-netns /proc/self/ns/net route", "-net /proc/self/ns/net route"} {
		got, rest, err := parseOptions(strings.Fields(args))
		if err != nil || got.ns.Path() != "/proc/self/ns/net" || len(rest) != 1 {
			t.Errorf("%s: %+v %q %v", args, got, rest, err)
		}
	}
}

// TestRunNoNamespace: a namespace that cannot be opened fails before the
// command, as ip's (exit 255), naming it, with nothing on stdout.
func TestRunNoNamespace(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "linx-no-such-netns", "-json", "route", "list"},
		{"-n", "/nonexistent/netns", "route", "add", "10.0.0.0/8", "dev", "x"},
	} {
		code, out, errs := runCLI(args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, args[1]) || !strings.Contains(errs, "no such file") || strings.Contains(errs, "usage:") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestErrorText(t *testing.T) {
	for in, want := range map[error]string{
		usageErrorf("", "x"):                        "x",
		errors.New("route: invalid source address"): "invalid source address",
		&nlsock.Error{Op: "route add 10.0.0.0/8", Errno: unix.EEXIST, Offset: -1, MissingAttr: -1, MissingNest: -1}: "route add 10.0.0.0/8: file exists",
	} {
		if got := errorText(in); got != want {
			t.Errorf("%v: %q, want %q", in, got, want)
		}
	}
}

// FuzzParseObjects checks that no command line makes the listing and
// monitor parsers panic; every rejection is a usage error.
func FuzzParseObjects(f *testing.F) {
	for _, s := range []string{
		"link dev veth0 master br0 type veth",
		"addr -4 veth0",
		"neigh dev veth0 proxy nud all -6",
		"rule -6",
		"nexthop dev x groups fdb",
		"monitor all link addr route neigh rule nexthop",
		"link type",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Fields(s)
		if len(args) == 0 {
			return
		}
		var err error
		if o, ok := lookupObject(args[0]); ok && o.list != nil {
			_, err = parseObjList(o.name, args[1:], 0)
		} else {
			_, err = parseMonitor(args[1:], rtnl.AF_INET)
		}
		if _, ok := err.(*cliError); err != nil && !ok {
			t.Errorf("%q: %T %v is not a command-line error", s, err, err)
		}
	})
}

// FuzzParse checks that no command line makes the parsers panic; every
// rejection is a usage error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"list table all proto static type blackhole dev veth0",
		"add blackhole 10.0.0.0/8 via 10.0.0.1 dev x table 1000 proto 4 metric 1 src 10.0.0.2 scope link",
		"del default via fe80::1",
		"get to ::1",
		"add to",
		"list table",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Fields(s)
		if len(args) == 0 {
			return
		}
		var err error
		switch args[0] {
		case "list":
			_, err = parseList(args[1:], 0)
		case "get":
			_, err = parseGet(args[1:], 0)
		default:
			_, err = parseRouteWords("add", args[1:], rtnl.AF_INET6)
		}
		if _, ok := err.(*cliError); err != nil && !ok {
			t.Errorf("%q: %T %v is not a command-line error", s, err, err)
		}
	})
}
