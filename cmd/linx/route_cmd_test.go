package main

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
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
		{[]string{"10.0.0.0/8"}, `unknown list argument "10.0.0.0/8"`},
	} {
		_, err := parseList(c.args, 0)
		checkUsageError(t, c.args, err, c.want, usageList)
	}
}

func checkUsageError(t *testing.T, args []string, err error, want, usage string) {
	t.Helper()
	ue, ok := err.(*usageError)
	switch {
	case err == nil:
		t.Errorf("%q: no error, want %q", args, want)
	case !ok:
		t.Errorf("%q: %T %v, want a usage error", args, err, err)
	case !strings.Contains(ue.msg, want):
		t.Errorf("%q: error %q does not mention %q", args, ue.msg, want)
	case ue.usage != usage:
		t.Errorf("%q: usage %q, want %q", args, ue.usage, usage)
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
		args []string
		fam  rtnl.Family
		want string
	}{
		{nil, 0, "needs an address"},
		{[]string{"to"}, 0, "needs an address"},
		{[]string{"10.0.0.0/8"}, 0, `invalid address "10.0.0.0/8"`},
		{[]string{"host"}, 0, `invalid address "host"`},
		{[]string{"10.0.0.1", "10.0.0.2"}, 0, `unexpected argument "10.0.0.2"`},
		{[]string{"10.0.0.1"}, rtnl.AF_INET6, "address 10.0.0.1 is IPv4 but -6 was given"},
		{[]string{"fe80::1%eth0"}, 0, "no %zone"},
	} {
		_, err := parseGet(c.args, c.fam)
		checkUsageError(t, c.args, err, c.want, usageGet)
	}
}

func TestParseModify(t *testing.T) {
	pfx := netip.MustParsePrefix
	a := netip.MustParseAddr
	for _, c := range []struct {
		verb string
		args string
		fam  rtnl.Family
		want modifyCmd
	}{
		{"add", "10.1.0.0/16 via 10.0.0.254", 0, modifyCmd{dst: pfx("10.1.0.0/16"), gw: a("10.0.0.254")}},
		{"add", "to 10.1.0.0/16 dev veth0", 0, modifyCmd{dst: pfx("10.1.0.0/16"), dev: "veth0"}},
		{"add", "default via 10.0.0.254", 0, modifyCmd{dst: pfx("0.0.0.0/0"), isDefault: true, gw: a("10.0.0.254")}},
		{"add", "default via 2001:db8::1", 0, modifyCmd{dst: pfx("::/0"), isDefault: true, gw: a("2001:db8::1")}},
		{"add", "default dev veth0", rtnl.AF_INET6, modifyCmd{dst: pfx("::/0"), isDefault: true, dev: "veth0"}},
		{"delete", "default", 0, modifyCmd{dst: pfx("0.0.0.0/0"), isDefault: true}},
		{"add", "10.9.9.9 dev veth0", 0, modifyCmd{dst: pfx("10.9.9.9/32"), dev: "veth0"}},
		{"add", "2001:db8::9 dev veth0", 0, modifyCmd{dst: pfx("2001:db8::9/128"), dev: "veth0"}},
		{"add", "blackhole 10.0.0.0/8", 0, modifyCmd{dst: pfx("10.0.0.0/8"), typ: rtnl.RTN_BLACKHOLE, hasType: true}},
		{"add", "unreachable to 10.0.0.0/8", 0, modifyCmd{dst: pfx("10.0.0.0/8"), typ: rtnl.RTN_UNREACHABLE, hasType: true}},
		{"delete", "prohibit default", 0, modifyCmd{dst: pfx("0.0.0.0/0"), isDefault: true, typ: rtnl.RTN_PROHIBIT, hasType: true}},
		{
			"replace", "10.1.2.0/24 via 10.0.0.254 dev veth0 table 1000 proto static metric 100 src 10.0.0.1 scope link", 0,
			modifyCmd{
				dst: pfx("10.1.2.0/24"), gw: a("10.0.0.254"), dev: "veth0", table: 1000, proto: rtnl.RTPROT_STATIC, hasProto: true,
				metric: 100, hasMetric: true, src: a("10.0.0.1"), scope: rtnl.RT_SCOPE_LINK, hasScope: true,
			},
		},
		{"add", "10.0.0.0/8 table main protocol 99 priority 0", 0, modifyCmd{dst: pfx("10.0.0.0/8"), table: 254, proto: rtnl.RTPROT_OPENR, hasProto: true, hasMetric: true}},
		{"add", "10.0.0.0/8 preference 4294967295", 0, modifyCmd{dst: pfx("10.0.0.0/8"), metric: 4294967295, hasMetric: true}},
	} {
		got, err := parseModify(c.verb, strings.Fields(c.args), c.fam)
		if err != nil {
			t.Errorf("%s %s: %v", c.verb, c.args, err)
			continue
		}
		c.want.verb = c.verb
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", c.verb, c.args, got, c.want)
		}
	}
}

func TestParseModifyErrors(t *testing.T) {
	for _, c := range []struct {
		args string
		fam  rtnl.Family
		want string
	}{
		{"", 0, "needs a destination"},
		{"blackhole", 0, "needs a destination"},
		{"10.0.0.1/24", 0, "host bits set (did you mean 10.0.0.0/24?)"},
		{"10.0.0.0/33", 0, `invalid destination prefix "10.0.0.0/33"`},
		{"10/8", 0, `invalid destination prefix "10/8"`},
		{"frob", 0, `invalid destination "frob"`},
		{"10.0.0.0/8 via", 0, "via needs a value"},
		{"10.0.0.0/8 via frob", 0, `invalid gateway address "frob"`},
		{"10.0.0.0/8 via 2001:db8::1", 0, "gateway 2001:db8::1 is IPv6 but destination 10.0.0.0/8 is IPv4"},
		{"2001:db8::/32 src 10.0.0.1", 0, "source 10.0.0.1 is IPv4 but destination 2001:db8::/32 is IPv6"},
		{"default via 10.0.0.1 src 2001:db8::1", 0, "source 2001:db8::1 is IPv6 but gateway 10.0.0.1 is IPv4"},
		{"default via 10.0.0.1", rtnl.AF_INET6, "gateway 10.0.0.1 is IPv4 but -6 was given"},
		{"10.0.0.0/8", rtnl.AF_INET6, "destination 10.0.0.0/8 is IPv4 but -6 was given"},
		{"10.0.0.0/8 table 0", 0, "0 (unspec) is not a routing table"},
		{"10.0.0.0/8 table frob", 0, `invalid table "frob"`},
		{"10.0.0.0/8 proto nosuch", 0, `invalid protocol "nosuch"`},
		{"10.0.0.0/8 metric -1", 0, `invalid metric "-1"`},
		{"10.0.0.0/8 metric 4294967296", 0, `invalid metric "4294967296"`},
		{"10.0.0.0/8 scope frob", 0, `invalid scope "frob"`},
		{"10.0.0.0/8 via 10.0.0.1 via 10.0.0.2", 0, "via given twice"},
		{"10.0.0.0/8 metric 1 priority 2", 0, "priority given twice"},
		{"10.0.0.0/8 blackhole", 0, `route type "blackhole" must come before the destination`},
		{"10.0.0.0/8 frob 1", 0, `unknown argument "frob"`},
		{"10.0.0.0/8 dev veth0 extra", 0, `unknown argument "extra"`},
		{"10.0.0.0/8 via fe80::1%veth0", 0, "no %zone"},
		{"6 10.0.0.0/8", 0, `invalid destination "6"`}, // numbers are not type words
	} {
		_, err := parseModify("add", strings.Fields(c.args), c.fam)
		checkUsageError(t, strings.Fields(c.args), err, c.want, usageModify)
	}
}

func TestModifyOptions(t *testing.T) {
	c, err := parseModify("add", strings.Fields("blackhole 10.0.0.0/8 table 1000 proto static metric 7 src 10.0.0.1 scope host"), 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := route.Request("add", c.dst, c.gw, c.options(4)...)
	if err != nil {
		t.Fatal(err)
	}
	h := r.Header
	if h.Type != rtnl.RTN_BLACKHOLE || h.Protocol != rtnl.RTPROT_STATIC || h.Scope != rtnl.RT_SCOPE_HOST || route.TargetTable(r) != 1000 {
		t.Errorf("header %+v, table %d", h, route.TargetTable(r))
	}
	if r.Priority != 7 || r.OIF != 4 || r.PrefSrc != netip.MustParseAddr("10.0.0.1") || !r.Has(rtnl.RTA_PRIORITY) {
		t.Errorf("attributes %+v", r.RouteAttrs)
	}
	// Nothing given: nothing sent (metric, table attribute, dev).
	c, _ = parseModify("delete", []string{"10.0.0.0/8"}, 0)
	r, err = route.Request("delete", c.dst, c.gw, c.options(0)...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Has(rtnl.RTA_PRIORITY) || r.Has(rtnl.RTA_OIF) || r.Has(rtnl.RTA_TABLE) || r.Header.Protocol != 0 || r.Header.Type != 0 {
		t.Errorf("delete without options sent %+v", r)
	}
}

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestRunUsage checks the command line errors that need no kernel: exit 2,
// a "linx: " message naming the problem, a usage line, nothing on stdout.
func TestRunUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frob"}, `unknown object "frob"`},
		{[]string{"-x", "route"}, "flag provided but not defined: -x"},
		{[]string{"-n"}, "flag needs an argument: -n"},
		{[]string{"-n", "..", "route"}, `-n "..": not a namespace name`},
		{[]string{"-n", "", "route"}, `-n "": not a namespace name`},
		{[]string{"-4", "-6", "route"}, "-4 and -6 exclude each other"},
		{[]string{"route", "frob"}, `unknown route command "frob"`},
		{[]string{"route", "add"}, "needs a destination"},
		{[]string{"route", "add", "10.0.0.1/8"}, "host bits set"},
		{[]string{"route", "del", "10.0.0.0/8", "table", "0"}, "not a routing table"},
		{[]string{"route", "get"}, "needs an address"},
		{[]string{"route", "list", "table"}, "table needs a value"},
		{[]string{"-6", "route", "add", "default", "via", "10.0.0.1"}, "is IPv4 but -6 was given"},
		{[]string{"route", "replace", "10.0.0.0/8", "proto", "frob"}, `invalid protocol "frob"`},
		{[]string{"link", "list", "type"}, "type needs a value"},
		{[]string{"addr", "-4", "-6"}, "-4 and -6 exclude each other"},
		{[]string{"-6", "addr", "-4"}, "-6 and -4 exclude each other"},
		{[]string{"neigh", "nud", "stale"}, `only "nud all"`},
		{[]string{"rule", "list", "table", "main"}, `unknown rule list argument "table"`},
		{[]string{"nexthop", "show", "frob"}, `unknown nexthop list argument "frob"`},
		{[]string{"monitor", "route", "frob"}, `unknown monitor object "frob"`},
	} {
		code, out, errs := runCLI(c.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", c.args, code, exitUsage, errs)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", c.args, out)
		}
		if !strings.HasPrefix(errs, "linx: ") || !strings.Contains(errs, c.want) || !strings.Contains(errs, "\nusage: linx") {
			t.Errorf("%q: stderr %q, want linx: ...%s... and a usage line", c.args, errs, c.want)
		}
	}
}

func TestRunHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"help"}, {"route", "help"}, {"link", "help"}, {"nh", "help"}} {
		code, out, errs := runCLI(args...)
		if code != exitOK || !strings.HasPrefix(out, "usage: linx") || errs != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// TestRunNoNamespace checks a runtime failure before any output: exit 1,
// the namespace named, nothing on stdout (no half-opened JSON array).
func TestRunNoNamespace(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "linx-no-such-netns", "-json", "route", "list"},
		{"-n", "/nonexistent/netns", "route", "add", "10.0.0.0/8", "dev", "x"},
	} {
		code, out, errs := runCLI(args...)
		if code != exitError || out != "" || !strings.Contains(errs, args[1]) || strings.Contains(errs, "usage:") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestErrorText(t *testing.T) {
	err := &usageError{msg: "x"}
	if errorText(err) != "x" {
		t.Error(errorText(err))
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
		if obj, ok := objectName(args[0]); ok {
			_, err = parseObjList(obj, args[1:], 0)
		} else {
			_, err = parseMonitor(args[1:], rtnl.AF_INET)
		}
		if _, ok := err.(*usageError); err != nil && !ok {
			t.Errorf("%q: %T %v is not a usage error", s, err, err)
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
			_, err = parseModify("add", args[1:], rtnl.AF_INET6)
		}
		if _, ok := err.(*usageError); err != nil && !ok {
			t.Errorf("%q: %T %v is not a usage error", s, err, err)
		}
	})
}

func TestParseModifyMetricsPrefOnlink(t *testing.T) {
	c, err := parseModify("add", strings.Fields("2001:db8:9::/48 via fe80::1 dev lnx0 mtu 1400 advmss 1300 pref high onlink"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !c.hasMTU || c.mtu != 1400 || !c.hasAdvMSS || c.advmss != 1300 || !c.hasPref || c.pref != rtnl.ICMPV6_ROUTER_PREF_HIGH || !c.onlink {
		t.Fatalf("%+v", c)
	}
	for _, bad := range []string{"10.0.0.0/8 mtu x", "10.0.0.0/8 pref highest", "10.0.0.0/8 onlink onlink", "10.0.0.0/8 mtu 1 mtu 2"} {
		if _, err := parseModify("add", strings.Fields(bad), 0); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
