package rtnl

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// TestEnumNames: String and Parse through the generated name tables, for a
// sparse enum, a dense one, a u32 one and flag sets.
func TestEnumNames(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{RTPROT_STATIC.String(), "static"},
		{RTPROT_UNSPEC.String(), "unspec"},
		{Protocol(250).String(), "250"},
		{AF_INET6.String(), "inet6"},
		{RTNL_FAMILY_IP6MR.String(), "ip6mr"},
		{Family(3).String(), "3"},
		{RTNLGRP_NEXTHOP.String(), "nexthop"},
		{Group(1000).String(), "1000"},
		{LinkFlags(0).String(), "0"},
		{(IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP).String(), "LOOPBACK|UP|LOWER_UP|RUNNING"}, // the schema lists them in ip's order
		{(IFF_UP | 0x80000000).String(), "UP|0x80000000"},
	} {
		if c.got != c.want {
			t.Errorf("String: %q, want %q", c.got, c.want)
		}
	}
	for _, in := range []string{"static", "STATIC", "rtprot_static", "RTPROT_STATIC", "4", "0x4"} {
		if v, err := ParseProtocol(in); err != nil || v != RTPROT_STATIC {
			t.Errorf("ParseProtocol(%q) = %v, %v", in, v, err)
		}
	}
	if v, err := ParseFamily("ip6mr"); err != nil || v != RTNL_FAMILY_IP6MR {
		t.Errorf("ParseFamily(ip6mr) = %v, %v", v, err)
	}
	if _, err := ParseProtocol("frob"); err == nil || !strings.Contains(err.Error(), `invalid protocol "frob": want a number or one of`) || !strings.Contains(err.Error(), "static") {
		t.Errorf("ParseProtocol(frob): %v", err)
	}
	if _, err := ParseProtocol("256"); err == nil {
		t.Errorf("ParseProtocol(256) accepted a value that does not fit a u8")
	}
	if v, err := ParseLinkFlags("up|LOOPBACK, iff_running|0x100000"); err != nil || v != IFF_UP|IFF_LOOPBACK|IFF_RUNNING|0x100000 {
		t.Errorf("ParseLinkFlags = %v, %v", v, err)
	}
	if _, err := ParseLinkFlags("up|frob"); err == nil || !strings.Contains(err.Error(), `flag "frob"`) {
		t.Errorf("ParseLinkFlags(up|frob): %v", err)
	}
}

// TestEnumNamesNoAlloc: String of a named value allocates nothing.
func TestEnumNamesNoAlloc(t *testing.T) {
	var s string
	if n := testing.AllocsPerRun(100, func() { s = RTPROT_BOOT.String() + AF_INET.String() }); n > 1 {
		t.Errorf("String allocates %.0f times", n)
	}
	_ = s
}

// TestMessageMetadata: what the schema says about each message, as tools
// see it.
func TestMessageMetadata(t *testing.T) {
	type want struct {
		name, monitor string
		words         []string
		groups        map[Group]Family // group -> family (0: any)
		defaults      []Group
	}
	cases := map[string]want{
		"route":   {"route", "route", []string{"route", "r", "ro"}, map[Group]Family{RTNLGRP_IPV4_ROUTE: AF_INET, RTNLGRP_IPV6_ROUTE: AF_INET6, RTNLGRP_MPLS_ROUTE: AF_MPLS}, []Group{RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE}},
		"link":    {"link", "link", []string{"link", "l"}, map[Group]Family{RTNLGRP_LINK: 0, RTNLGRP_IPV6_IFINFO: AF_INET6}, []Group{RTNLGRP_LINK}},
		"addr":    {"addr", "address", []string{"addr", "address", "a"}, map[Group]Family{RTNLGRP_IPV4_IFADDR: AF_INET, RTNLGRP_IPV6_IFADDR: AF_INET6}, []Group{RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR}},
		"neigh":   {"neigh", "neigh", []string{"neigh", "neighbour", "neighbor", "n"}, map[Group]Family{RTNLGRP_NEIGH: 0}, []Group{RTNLGRP_NEIGH}},
		"rule":    {"rule", "rule", []string{"rule", "ru"}, map[Group]Family{RTNLGRP_IPV4_RULE: AF_INET, RTNLGRP_IPV6_RULE: AF_INET6}, []Group{RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE}},
		"nexthop": {"nexthop", "nexthop", []string{"nexthop", "nh"}, map[Group]Family{RTNLGRP_NEXTHOP: 0}, nil},
		"netconf": {"netconf", "netconf", []string{"netconf"}, map[Group]Family{RTNLGRP_IPV4_NETCONF: AF_INET, RTNLGRP_IPV6_NETCONF: AF_INET6, RTNLGRP_MPLS_NETCONF: AF_MPLS}, nil},
		"nsid":    {"nsid", "nsid", []string{"nsid"}, map[Group]Family{RTNLGRP_NSID: 0}, nil},
	}
	if len(Messages) != len(cases) {
		t.Errorf("%d messages, want %d", len(Messages), len(cases))
	}
	for i := range Messages {
		mi := &Messages[i]
		w, ok := cases[mi.Name]
		if !ok {
			t.Errorf("unexpected message %q", mi.Name)
			continue
		}
		if mi.Monitor != w.monitor || !slices.Equal(mi.Words, w.words) {
			t.Errorf("%s: monitor %q words %q, want %q %q", mi.Name, mi.Monitor, mi.Words, w.monitor, w.words)
		}
		if mi.DumpFlags != 0x300 || mi.GetName == "" || !strings.HasPrefix(mi.GetName, "RTM_GET") {
			t.Errorf("%s: dump flags %#x, get name %q", mi.Name, mi.DumpFlags, mi.GetName)
		}
		if len(mi.GroupInfo) != len(w.groups) || len(mi.Groups) != len(w.groups) {
			t.Errorf("%s: groups %v, want %v", mi.Name, mi.GroupInfo, w.groups)
		}
		var defaults []Group
		for k, g := range mi.GroupInfo {
			fam, ok := w.groups[Group(g.Group)]
			if !ok || Family(g.Family) != fam || g.Name != Group(g.Group).cname() || mi.Groups[k] != g.Group {
				t.Errorf("%s: group %+v, want family %v", mi.Name, g, fam)
			}
			if g.Default {
				defaults = append(defaults, Group(g.Group))
			}
		}
		if !slices.Equal(defaults, w.defaults) {
			t.Errorf("%s: default groups %v, want %v", mi.Name, defaults, w.defaults)
		}
		for _, word := range mi.Words {
			if got := nlwire.FindMessage(Messages, word); got != mi {
				t.Errorf("FindMessage(%q) = %v, want %s", word, got, mi.Name)
			}
		}
		if got := nlwire.MessageOfType(Messages, mi.NewType); got != mi {
			t.Errorf("MessageOfType(%d) = %v, want %s", mi.NewType, got, mi.Name)
		}
	}
	// The typed accessors return the table's own entries.
	for _, c := range []struct {
		d    nlwire.Described
		name string
	}{{new(Route), "route"}, {new(Link), "link"}, {new(Addr), "addr"}, {new(Neigh), "neigh"}, {new(Rule), "rule"}, {new(NexthopObj), "nexthop"}} {
		mi := c.d.MessageInfo()
		if mi.Name != c.name || mi != nlwire.FindMessage(Messages, c.name) {
			t.Errorf("%T.MessageInfo() = %s", c.d, mi.Name)
		}
	}
	if got := new(Route).MessageInfo().GroupsFor(uint8(AF_INET6)); !slices.Equal(got, []uint32{uint32(RTNLGRP_IPV6_ROUTE)}) {
		t.Errorf("route groups for inet6: %v", got)
	}
	if got := new(Link).MessageInfo().GroupsFor(uint8(AF_INET)); !slices.Equal(got, []uint32{uint32(RTNLGRP_LINK)}) {
		t.Errorf("link groups for inet: %v", got)
	}
	if nlwire.FindMessage(Messages, "nexthop_obj") != nil || nlwire.FindMessage(Messages, "") != nil {
		t.Errorf("FindMessage accepts a word no object has")
	}
}

// cname is the group's C name, from the enum's table.
func (g Group) cname() string { return groupNames.CName(uint64(g)) }

// TestDecodeErrorNamesObject: a malformed nexthop object names itself
// "nexthop" in the error, as everywhere else.
func TestDecodeErrorNamesObject(t *testing.T) {
	var nh NexthopObj
	b := make([]byte, SizeofNhMsg)
	b = append(b, 6, 0, byte(NHA_ID), 0, 1, 0, 0, 0) // NHA_ID with 2 bytes
	err := nh.Decode(b)
	var de *nlwire.DecodeError
	if !errors.As(err, &de) || de.Msg != "nexthop" || de.Attr != "NHA_ID" || de.Offset != SizeofNhMsg {
		t.Fatalf("Decode: %v (%+v), want a DecodeError for nexthop NHA_ID at offset %d", err, de, SizeofNhMsg)
	}
	if strings.Contains(err.Error(), "nexthop_obj") {
		t.Errorf("error %q names nexthop_obj", err)
	}
}
