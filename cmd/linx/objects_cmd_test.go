package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/netip"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

func TestParseObjList(t *testing.T) {
	v4, v6 := rtnl.AF_INET, rtnl.AF_INET6
	for _, c := range []struct {
		obj  string
		args string
		fam  rtnl.Family
		want lister
	}{
		{"link", "", 0, linkList{}},
		{"link", "dev veth0", 0, linkList{dev: "veth0"}},
		{"link", "veth0", 0, linkList{dev: "veth0"}},
		{"link", "master br0 type veth", 0, linkList{master: "br0", kind: "veth"}},
		{"link", "veth0 type veth", 0, linkList{dev: "veth0", kind: "veth"}},
		{"addr", "", v6, addrList{family: v6}},
		{"addr", "dev veth0 -4", 0, addrList{dev: "veth0", family: v4}},
		{"addr", "-6 veth0", 0, addrList{dev: "veth0", family: v6}},
		{"addr", "-4", v4, addrList{family: v4}},
		{"neigh", "dev veth0 proxy", 0, neighList{dev: "veth0", proxy: true}},
		{"neigh", "nud all -6", 0, neighList{nudAll: true, family: v6}},
		{"neigh", "10.0.0.1 dev veth0", 0, neighList{dev: "veth0", to: netip.MustParsePrefix("10.0.0.1/32")}},
		{"neigh", "to 10.0.0.0/8", 0, neighList{to: netip.MustParsePrefix("10.0.0.0/8")}},
		{"rule", "-4", 0, ruleList{family: v4}},
		{"rule", "", v6, ruleList{family: v6}},
		{"rule", "", 0, ruleList{family: v4}}, // ip rule: IPv4 unless -6
		{"nexthop", "dev veth0 groups fdb -4", 0, nexthopList{dev: "veth0", f: nexthop.Filter{Groups: true, FDB: true, Family: v4}}},
		{"nexthop", "id 7", 0, nexthopList{id: 7}},
		{"netconf", "dev veth0 -6", 0, netconfList{dev: "veth0", family: v6}},
	} {
		got, err := parseObjList(c.obj, strings.Fields(c.args), c.fam)
		if err != nil {
			t.Errorf("%s %s: %v", c.obj, c.args, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", c.obj, c.args, got, c.want)
		}
	}
}

func TestParseObjListErrors(t *testing.T) {
	for _, c := range []struct {
		obj  string
		args string
		fam  rtnl.Family
		want string
	}{
		{"link", "dev", 0, "dev needs a value"},
		{"link", "master", 0, "master needs a value"},
		{"link", "type", 0, "type needs a value"},
		{"link", "veth0 veth1", 0, `unknown link list argument "veth1"`},
		{"link", "dev a dev b", 0, "dev given twice"},
		{"link", "-4", 0, `unknown link list argument "-4"`},
		{"link", "proxy", 0, ""}, // a device called proxy: allowed
		{"addr", "-4 -6", 0, "-4 and -6 exclude each other"},
		{"addr", "-4", rtnl.AF_INET6, "-6 and -4 exclude each other"},
		{"addr", "veth0 master br0", 0, `unknown addr list argument "master"`},
		{"neigh", "10.0.0.1 10.0.0.2", 0, `unknown neigh list argument "10.0.0.2"`},
		{"nexthop", "id x", 0, `invalid nexthop id "x"`},
		{"nexthop", "id", 0, "id needs a value"},
		{"neigh", "nud stale", 0, `nud "stale": only "nud all"`},
		{"neigh", "nud", 0, "nud needs a value"},
		{"neigh", "proxy proxy", 0, "proxy given twice"},
		{"rule", "dev veth0", 0, `unknown rule list argument "dev"`},
		{"nexthop", "groups groups", 0, "groups given twice"},
		{"nexthop", "type veth", 0, `unknown nexthop list argument "type"`},
	} {
		args := strings.Fields(c.args)
		_, err := parseObjList(c.obj, args, c.fam)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s %q: %v", c.obj, args, err)
			}
			continue
		}
		checkUsageError(t, args, err, c.want, usageOf(c.obj))
	}
}

// Arguments that name nothing are ip's exit 1: an empty interface name, a
// selector that is no prefix.
func TestParseObjListArgErrors(t *testing.T) {
	for _, c := range []struct {
		obj  string
		args []string
		want string
	}{
		{"neigh", []string{"veth0"}, `any valid prefix is expected rather than "veth0"`},
		{"neigh", []string{"to", "10.0.0.300"}, `any valid prefix is expected rather than "10.0.0.300"`},
		{"rule", []string{"foo"}, `any valid prefix is expected rather than "foo"`},
		{"neigh", []string{"dev", ""}, `dev "": an interface name is never empty`},
		{"link", []string{"master", ""}, `master "": an interface name is never empty`},
		{"link", []string{"dev", ""}, `dev "": an interface name is never empty`},
		{"addr", []string{"dev", ""}, `dev "": an interface name is never empty`},
		{"nexthop", []string{"dev", ""}, `dev "": an interface name is never empty`},
		{"netconf", []string{"dev", ""}, `dev "": an interface name is never empty`},
	} {
		_, err := parseObjList(c.obj, c.args, 0)
		checkArgError(t, c.args, err, c.want)
	}
	// The same check before any verb parses, for the verbs of every
	// object (route's own parser included).
	for _, args := range [][]string{{"route", "show", "dev", ""}, {"route", "get", "10.0.0.1", "oif", ""}, {"addr", "add", "10.0.0.1/8", "dev", ""}} {
		code, out, errs := runCLI(args...)
		if code != exitError || out != "" || !strings.Contains(errs, `"": an interface name is never empty`) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// TestLookupObject: object words are matched as ip matches them, any
// prefix of a word, the first object in ip's order winning.
func TestLookupObject(t *testing.T) {
	for in, want := range map[string]string{
		"link": "link", "l": "link", "li": "link", "address": "addr", "addr": "addr", "a": "addr", "ad": "addr",
		"neighbour": "neigh", "neighbor": "neigh", "neigh": "neigh", "n": "neigh", "ne": "neigh",
		"rule": "rule", "ru": "rule", "nexthop": "nexthop", "nh": "nexthop", "nex": "nexthop",
		"route": "route", "r": "route", "ro": "route", "monitor": "monitor", "mon": "monitor",
	} {
		if got, ok := lookupObject(in); !ok || got.name != want {
			t.Errorf("%s: %v %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"x", "", "routes", "linkx", "rules", "nhx"} {
		if got, ok := lookupObject(in); ok {
			t.Errorf("%s: %q, want no object", in, got.name)
		}
	}
}

// usageOf is object name's usage.
func usageOf(name string) string {
	o, ok := objectNamed(name)
	if !ok {
		panic(name)
	}
	return o.usage()
}

func TestParseMonitor(t *testing.T) {
	g := func(gs ...rtnl.Group) []rtnl.Group { return gs }
	for _, c := range []struct {
		args string
		fam  rtnl.Family
		want []rtnl.Group
	}{
		// No object: everything, as `ip monitor` with no object.
		{"", 0, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE,
			rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_IPV6_RULE, rtnl.RTNLGRP_NEXTHOP,
			rtnl.RTNLGRP_IPV4_NETCONF, rtnl.RTNLGRP_IPV6_NETCONF, rtnl.RTNLGRP_MPLS_NETCONF)},
		{"", rtnl.AF_INET, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV4_RULE,
			rtnl.RTNLGRP_NEXTHOP, rtnl.RTNLGRP_IPV4_NETCONF)},
		{"netconf", 0, g(rtnl.RTNLGRP_IPV4_NETCONF, rtnl.RTNLGRP_IPV6_NETCONF, rtnl.RTNLGRP_MPLS_NETCONF)},
		{"netconf", rtnl.AF_INET6, g(rtnl.RTNLGRP_IPV6_NETCONF)},
		{"link", rtnl.AF_INET6, g(rtnl.RTNLGRP_LINK)},
		{"route link", 0, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE)},
		{"addr", 0, g(rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR)},
		{"address r", rtnl.AF_INET6, g(rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV6_ROUTE)},
		{"nexthop neigh neigh", 0, g(rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_NEXTHOP)},
		{"rule", rtnl.AF_INET, g(rtnl.RTNLGRP_IPV4_RULE)},
		{"all", 0, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE,
			rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_IPV6_RULE, rtnl.RTNLGRP_NEXTHOP,
			rtnl.RTNLGRP_IPV4_NETCONF, rtnl.RTNLGRP_IPV6_NETCONF, rtnl.RTNLGRP_MPLS_NETCONF)},
	} {
		got, err := parseMonitor(strings.Fields(c.args), c.fam)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		slices.Sort(c.want)
		if !slices.Equal(got.groups, c.want) || got.family != c.fam {
			t.Errorf("%q %v: groups %v, want %v", c.args, c.fam, got.groups, c.want)
		}
	}
	_, err := parseMonitor([]string{"link", "frob"}, 0)
	checkUsageError(t, []string{"link", "frob"}, err, `unknown monitor object "frob"`, usageOf("monitor"))
}

// event builds a monitor event around v.
func event(kind monitor.Kind, resource string, v nlwire.Codec) *monitor.Event {
	return &monitor.Event{Kind: kind, Resource: resource, Msg: v}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestMonitorPrint drives the monitor's print loop with a scripted event
// stream: names learned from link events, a message that did not decode
// printed and reported, a stream error reported, a resync that re-reads
// the names, neighbours of the other family dropped under -4.
func TestMonitorPrint(t *testing.T) {
	var l rtnl.Link
	l.Header.Index = 5
	l.Header.Flags = rtnl.IFF_UP | rtnl.IFF_RUNNING | rtnl.IFF_LOWER_UP
	l.Header.Type = 1 // ARPHRD_ETHER
	l.SetIfName("veth2")
	l.SetAddress([]byte{2, 0, 0, 0, 0, 2})
	l.SetMTU(1500)
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 16, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
	r.SetDst(netip.MustParseAddr("10.2.0.0"))
	r.SetGateway(netip.MustParseAddr("10.0.0.254"))
	r.SetOIF(5)
	var n4, n6 rtnl.Neigh
	n4.Header = rtnl.NdMsg{Family: rtnl.AF_INET, Ifindex: 3, State: rtnl.NUD_PERMANENT}
	n4.SetDst(netip.MustParseAddr("10.0.0.2"))
	n6.Header = rtnl.NdMsg{Family: rtnl.AF_INET6, Ifindex: 3, State: rtnl.NUD_PERMANENT}
	n6.SetDst(netip.MustParseAddr("2001:db8::2"))
	bad := &nlwire.DecodeError{Msg: "route", Attr: "RTA_GATEWAY", Offset: 20, Err: errors.New("payload length 3, want 4")}

	script := []struct {
		ev  *monitor.Event
		err error
	}{
		{event(monitor.New, "route", &r), nil}, // index 5 not known yet
		{event(monitor.New, "link", &l), nil},  // now it is
		{event(monitor.Del, "route", &r), bad}, // printed as far as it decoded
		{nil, errors.New("monitor: datagram framing broken")},
		{&monitor.Event{Kind: monitor.Resync, Reason: "lost"}, nil},
		{event(monitor.New, "route", &r), nil}, // the reloaded name
		{event(monitor.New, "neigh", &n4), nil},
		{event(monitor.New, "neigh", &n6), nil}, // IPv6: dropped under -4
		{&monitor.Event{Kind: monitor.New, Resource: "other"}, nil},
	}
	events := func(yield func(*monitor.Event, error) bool) {
		for _, s := range script {
			if !yield(s.ev, s.err) {
				return
			}
		}
	}
	reloaded := newLinkSet(nlsock.NetNS{})
	for i, name := range map[int32]string{5: "renamed", 3: "veth0"} {
		var l rtnl.Link
		l.Header.Index = i
		l.SetIfName(name)
		reloaded.learn(&l)
	}
	var out, errs bytes.Buffer
	c := monitorCmd{family: rtnl.AF_INET}
	reload := func() (*linkSet, error) { return reloaded, nil }
	if err := c.print(events, newLinkSet(nlsock.NetNS{}), reload, ipfmt.Options{}, &out, &errs); err != nil {
		t.Fatalf("print: %v", err)
	}
	want := "10.2.0.0/16 via 10.0.0.254 dev if5 proto static\n" +
		"5: veth2: <UP,LOWER_UP> mtu 1500\n" +
		"    link/ether 02:00:00:00:00:02\n" +
		"Deleted 10.2.0.0/16 via 10.0.0.254 dev veth2 proto static\n" +
		"Resync needed: lost\n" +
		"10.2.0.0/16 via 10.0.0.254 dev renamed proto static\n" +
		"10.0.0.2 dev veth0 PERMANENT\n"
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}
	wantErr := "linx: warning: route RTA_GATEWAY at offset 20: payload length 3, want 4 (printed as far as it decoded)\n" +
		"linx: monitor: datagram framing broken\n"
	if errs.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs.String(), wantErr)
	}

	// JSON: one object per line, "event" and "kind" first.
	out.Reset()
	if err := (monitorCmd{}).print(events, newLinkSet(nlsock.NetNS{}), reload, ipfmt.Options{JSON: true}, &out, io.Discard); err != nil {
		t.Fatalf("print: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d JSON lines, want 7:\n%s", len(lines), out.String())
	}
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("line %d: invalid JSON %s: %v", i+1, line, err)
		}
		if !strings.HasPrefix(line, `{"event":"`) || m["event"] != "resync" && m["kind"] == nil {
			t.Errorf("line %d: no event/kind first: %s", i+1, line)
		}
	}
	if want := `{"event":"del","kind":"route","dst":"10.2.0.0/16","gateway":"10.0.0.254","dev":"veth2","protocol":"static","flags":[]}`; lines[2] != want {
		t.Errorf("JSON route event:\n got %s\nwant %s", lines[2], want)
	}

	// The stream's last error is returned; a write failure ends printing.
	last := func(yield func(*monitor.Event, error) bool) { yield(nil, errors.New("socket gone")) }
	if err := c.print(last, newLinkSet(nlsock.NetNS{}), reload, ipfmt.Options{JSON: true}, &out, &errs); err == nil || err.Error() != "socket gone" {
		t.Errorf("stream error: %v", err)
	}
	if err := c.print(events, newLinkSet(nlsock.NetNS{}), reload, ipfmt.Options{JSON: true}, failWriter{}, &errs); err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("write error: %v", err)
	}
}

// A deleted link leaves the monitor's name table (later events name its
// index "ifN", as ip's do); a Resync re-reads the nexthop objects -d shows.
func TestMonitorForgetsAndReloads(t *testing.T) {
	var l rtnl.Link
	l.Header.Index = 5
	l.SetIfName("veth2")
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 16, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
	r.SetDst(netip.MustParseAddr("10.2.0.0"))
	r.SetOIF(5)
	r.SetNHID(7)
	var nh rtnl.NexthopObj
	nh.Header.Family = rtnl.AF_INET
	nh.SetID(7)
	nh.SetBlackhole()
	script := []*monitor.Event{
		event(monitor.New, "link", &l),
		event(monitor.New, "route", &r),
		event(monitor.Del, "link", &l),
		event(monitor.New, "route", &r),
		{Kind: monitor.Resync, Reason: "lost"},
		event(monitor.New, "route", &r),
	}
	events := func(yield func(*monitor.Event, error) bool) {
		for _, ev := range script {
			if !yield(ev, nil) {
				return
			}
		}
	}
	reloads := 0
	c := monitorCmd{reloadNexthops: func() (ipfmt.Nexthops, error) {
		reloads++
		t := new(ipfmt.NexthopTable)
		t.Learn(&nh)
		return t, nil
	}}
	var out bytes.Buffer
	reload := func() (*linkSet, error) { return newLinkSet(nlsock.NetNS{}), nil }
	if err := c.print(events, newLinkSet(nlsock.NetNS{}), reload, ipfmt.Options{Details: true, Nexthops: new(ipfmt.NexthopTable)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	del, resync := strings.Index(got, "Deleted "), strings.Index(got, "Resync needed")
	if del < 0 || resync < del || !strings.Contains(got[:del], "dev veth2") || !strings.Contains(got[del:resync], "nhid 7 dev if5") || strings.Contains(got[:resync], "blackhole") {
		t.Errorf("names after a link deletion:\n%s", got)
	}
	if reloads != 1 || !strings.Contains(got[resync:], "nh_info id 7 scope global blackhole") {
		t.Errorf("nexthops reloaded %d times; after the resync:\n%s", reloads, got)
	}
}
