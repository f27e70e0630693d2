package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

func TestParseObjList(t *testing.T) {
	v4, v6 := rtnl.AF_INET, rtnl.AF_INET6
	for _, c := range []struct {
		obj  string
		args string
		fam  rtnl.Family
		want objList
	}{
		{"link", "", 0, objList{}},
		{"link", "dev veth0", 0, objList{dev: "veth0"}},
		{"link", "veth0", 0, objList{dev: "veth0"}},
		{"link", "master br0 type veth", 0, objList{master: "br0", kind: "veth"}},
		{"link", "veth0 type veth", 0, objList{dev: "veth0", kind: "veth"}},
		{"addr", "", v6, objList{family: v6}},
		{"addr", "dev veth0 -4", 0, objList{dev: "veth0", family: v4}},
		{"addr", "-6 veth0", 0, objList{dev: "veth0", family: v6}},
		{"addr", "-4", v4, objList{family: v4}},
		{"neigh", "dev veth0 proxy", 0, objList{dev: "veth0", proxy: true}},
		{"neigh", "nud all -6", 0, objList{nudAll: true, family: v6}},
		{"rule", "-4", 0, objList{family: v4}},
		{"rule", "", v6, objList{family: v6}},
		{"nexthop", "dev veth0 groups fdb -4", 0, objList{dev: "veth0", groups: true, fdb: true, family: v4}},
	} {
		got, err := parseObjList(c.obj, strings.Fields(c.args), c.fam)
		if err != nil {
			t.Errorf("%s %s: %v", c.obj, c.args, err)
			continue
		}
		c.want.obj = c.obj
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
		{"neigh", "veth0", 0, `unknown neigh list argument "veth0"`},
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

// appendEvent prints ev through the monitor's printer, newline included;
// ok is false when the event is not printed.
func appendEvent(b []byte, ev *monitor.Event, names linkNamer, json bool) ([]byte, bool) {
	p := printCtx{opts: &options{json: json}, names: names}
	out := printEvent(b, ev, &p)
	if len(out) == len(b) {
		return out, false
	}
	return append(out, '\n'), true
}

func TestParseMonitor(t *testing.T) {
	g := func(gs ...rtnl.Group) []rtnl.Group { return gs }
	for _, c := range []struct {
		args string
		fam  rtnl.Family
		want []rtnl.Group
	}{
		{"", 0, monitor.DefaultGroups},
		{"", rtnl.AF_INET, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV4_RULE)},
		{"route link", 0, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE)},
		{"addr", 0, g(rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR)},
		{"address r", rtnl.AF_INET6, g(rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV6_ROUTE)},
		{"nexthop neigh neigh", 0, g(rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_NEXTHOP)},
		{"rule", rtnl.AF_INET, g(rtnl.RTNLGRP_IPV4_RULE)},
		{"all", 0, g(rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE,
			rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_IPV6_RULE, rtnl.RTNLGRP_NEXTHOP)},
	} {
		got, err := parseMonitor(strings.Fields(c.args), c.fam)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
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

func TestAppendEvent(t *testing.T) {
	r := loadCapture(t, "default/msg1.hex")
	var l rtnl.Link
	decodeCapture(t, "links/msg5.hex", &l)
	var a rtnl.Addr
	decodeCapture(t, "addrs/msg2.hex", &a)
	var n rtnl.Neigh
	decodeCapture(t, "neighs/msg2.hex", &n)
	var ru rtnl.Rule
	decodeCapture(t, "rules/msg2.hex", &ru)
	var nh rtnl.NexthopObj
	decodeCapture(t, "nexthops/msg3.hex", &nh)

	for _, c := range []struct {
		ev   *monitor.Event
		text string
		json string
	}{
		{
			event(monitor.New, "route", r),
			"default via 10.0.0.254 dev veth0 proto static\n",
			`{"event":"new","kind":"route","family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"0.0.0.0/0","gateway":"10.0.0.254","oif":3,"dev":"veth0"}` + "\n",
		},
		{
			event(monitor.Del, "route", r),
			"Deleted default via 10.0.0.254 dev veth0 proto static\n",
			`{"event":"del","kind":"route","family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"0.0.0.0/0","gateway":"10.0.0.254","oif":3,"dev":"veth0"}` + "\n",
		},
		{
			event(monitor.New, "link", &l),
			"5: veth2@veth3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group 7\n    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n",
			`{"event":"new","kind":"link","ifindex":5,"link":"veth3","link_index":4,"ifname":"veth2","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","linkmode":"DEFAULT","group":7,"txqlen":500,"link_type":"ether","address":"02:00:00:00:00:02","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":0,"min_mtu":68,"max_mtu":65535,"linkinfo":{"info_kind":"veth"},"num_tx_queues":2,"num_rx_queues":2}` + "\n",
		},
		{
			event(monitor.Del, "addr", &a),
			"Deleted 3: veth0    inet 10.0.0.1/24 scope global veth0\n       valid_lft forever preferred_lft forever\n",
			`{"event":"del","kind":"addr","ifindex":3,"ifname":"veth0","family":"inet","local":"10.0.0.1","prefixlen":24,"scope":0,"label":"veth0","valid_life_time":4294967295,"preferred_life_time":4294967295}` + "\n",
		},
		{
			event(monitor.New, "neigh", &n),
			"10.0.0.2 dev veth0 lladdr 02:00:00:00:00:0a PERMANENT\n",
			`{"event":"new","kind":"neigh","dst":"10.0.0.2","ifindex":3,"dev":"veth0","lladdr":"02:00:00:00:00:0a","state":["PERMANENT"]}` + "\n",
		},
		{
			event(monitor.Del, "rule", &ru),
			"Deleted 100:\tfrom 10.0.0.0/8 lookup 100\n",
			`{"event":"del","kind":"rule","family":"inet","priority":100,"src":"10.0.0.0","srclen":8,"table":100}` + "\n",
		},
		{
			event(monitor.New, "nexthop_obj", &nh),
			"id 3 blackhole\n",
			`{"event":"new","kind":"nexthop","id":3,"blackhole":null,"flags":[]}` + "\n",
		},
		{
			&monitor.Event{Kind: monitor.Resync, Reason: `lost "events"`},
			"Resync needed: lost \"events\"\n",
			`{"event":"resync","reason":"lost \"events\""}` + "\n",
		},
	} {
		got, ok := appendEvent([]byte("x"), c.ev, captureLinkNames, false)
		if !ok || string(got) != "x"+c.text {
			t.Errorf("%v %s text: %v\n got %q\nwant %q", c.ev.Kind, c.ev.Resource, ok, got, "x"+c.text)
		}
		got, ok = appendEvent(nil, c.ev, captureLinkNames, true)
		if !ok || string(got) != c.json {
			t.Errorf("%v %s json: %v\n got %s\nwant %s", c.ev.Kind, c.ev.Resource, ok, got, c.json)
		}
		var m map[string]any
		if err := json.Unmarshal(got, &m); err != nil {
			t.Errorf("invalid JSON %s: %v", got, err)
		}
	}
	// A resource this command does not print.
	for _, js := range []bool{false, true} {
		got, ok := appendEvent([]byte("x"), &monitor.Event{Kind: monitor.New, Resource: "other"}, nil, js)
		if ok || string(got) != "x" {
			t.Errorf("unknown resource (json %v): %q %v", js, got, ok)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestMonitorPrint drives the monitor's print loop with a scripted event
// stream: names learned from link events, decode errors reported and
// skipped, a resync that re-reads the names, neighbours of the other
// family dropped under -4.
func TestMonitorPrint(t *testing.T) {
	var l rtnl.Link
	decodeCapture(t, "links/msg5.hex", &l) // veth2, index 5
	r := loadCapture(t, "table-1000/msg1.hex")
	r.SetOIF(5)
	var n4, n6 rtnl.Neigh
	decodeCapture(t, "neighs/msg2.hex", &n4)
	decodeCapture(t, "neighs/msg6.hex", &n6)

	script := []struct {
		ev  *monitor.Event
		err error
	}{
		{event(monitor.New, "route", r), nil}, // index 5 not known yet
		{event(monitor.New, "link", &l), nil}, // now it is
		{event(monitor.Del, "route", r), nil},
		{nil, errors.New("monitor: RTM_NEWROUTE: bad attribute")},
		{&monitor.Event{Kind: monitor.Resync, Reason: "lost"}, nil},
		{event(monitor.New, "route", r), nil}, // the reloaded name
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
	reloaded.byIndex[5] = linkBrief{name: "renamed"}
	reloaded.byIndex[3] = linkBrief{name: "veth0"}
	var out, errs bytes.Buffer
	c := monitorCmd{family: rtnl.AF_INET}
	err := c.print(events, newLinkSet(nlsock.NetNS{}), func() (*linkSet, error) { return reloaded, nil }, printEvent, &printCtx{opts: &options{}}, &out, &errs)
	if err != nil {
		t.Fatalf("print: %v", err)
	}
	want := "10.2.0.0/16 via 10.0.0.254 dev if5 table 1000 proto static\n" +
		"5: veth2@if4: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP group 7\n" +
		"    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff\n" +
		"Deleted 10.2.0.0/16 via 10.0.0.254 dev veth2 table 1000 proto static\n" +
		"Resync needed: lost\n" +
		"10.2.0.0/16 via 10.0.0.254 dev renamed table 1000 proto static\n" +
		"10.0.0.2 dev veth0 lladdr 02:00:00:00:00:0a PERMANENT\n"
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}
	if errs.String() != "linx: monitor: RTM_NEWROUTE: bad attribute\n" {
		t.Errorf("stderr %q", errs.String())
	}

	// The stream's last error is returned; a write failure ends printing.
	reload := func() (*linkSet, error) { return reloaded, nil }
	last := func(yield func(*monitor.Event, error) bool) { yield(nil, errors.New("socket gone")) }
	if err := c.print(last, newLinkSet(nlsock.NetNS{}), reload, printEvent, &printCtx{opts: &options{json: true}}, &out, &errs); err == nil || err.Error() != "socket gone" {
		t.Errorf("stream error: %v", err)
	}
	if err := c.print(events, newLinkSet(nlsock.NetNS{}), reload, printEvent, &printCtx{opts: &options{json: true}}, failWriter{}, &errs); err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("write error: %v", err)
	}
}
