package main

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// captureLinkNames are the interfaces of the link, address, neighbour and
// nexthop captures (gen/rtnl/testdata/kernel/{links,addrs,...}.txtar; see
// their comments for the commands that made them).
var captureLinkNames = staticLinks{1: "lo", 2: "veth1", 3: "veth0", 4: "veth3", 5: "veth2"}

// decodeCapture decodes capture name into v.
func decodeCapture(t *testing.T, name string, v nlwire.Codec) {
	t.Helper()
	if err := v.Decode(capturePayload(t, name)); err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
}

// checkJSON fails unless got is one valid JSON object equal to want.
func checkJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	if string(got) != want {
		t.Errorf("json:\n got %s\nwant %s", got, want)
	}
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		t.Errorf("invalid JSON %s: %v", got, err)
	}
}

// The expected text below is what `ip` prints for the same setup (checked
// against `ip link|addr|neigh|rule|nexthop show` of a namespace built with
// the captures' commands), trailing spaces removed; "proto kernel_lo" and
// "proto kernel_ll" are what ip ≥ 6.3 prints for IFA_PROTO.

func TestFormatLinkCaptures(t *testing.T) {
	full := linkTextOptions{mode: true, qlen: true, alias: true}
	for _, c := range []struct {
		name string
		o    linkTextOptions
		text string
		json string
	}{
		{
			"links/msg1.hex", full,
			"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n" +
				"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
			`{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","linkmode":"DEFAULT","group":0,"txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","promiscuity":0,"min_mtu":0,"max_mtu":0,"num_tx_queues":1,"num_rx_queues":1}`,
		},
		{
			"links/msg3.hex", full,
			"3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n" +
				"    link/ether 5e:61:5d:b5:d1:d8 brd ff:ff:ff:ff:ff:ff\n" +
				"    alias uplink\n" +
				"    altname uplink0\n" +
				"    altname up0",
			`{"ifindex":3,"link":"veth1","link_index":2,"ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1400,"qdisc":"noqueue","operstate":"UP","linkmode":"DEFAULT","group":0,"txqlen":1000,"link_type":"ether","address":"5e:61:5d:b5:d1:d8","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":0,"min_mtu":68,"max_mtu":65535,"linkinfo":{"info_kind":"veth"},"num_tx_queues":2,"num_rx_queues":2,"ifalias":"uplink","altnames":["uplink0","up0"]}`,
		},
		{
			// ip addr and ip monitor: no mode, no alias; monitor no qlen.
			"links/msg3.hex", linkTextOptions{},
			"3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP group default\n" +
				"    link/ether 5e:61:5d:b5:d1:d8 brd ff:ff:ff:ff:ff:ff\n" +
				"    altname uplink0\n" +
				"    altname up0",
			"",
		},
		{
			"links/msg5.hex", linkTextOptions{qlen: true, noLLine: true},
			"5: veth2@veth3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group 7 qlen 500",
			`{"ifindex":5,"link":"veth3","link_index":4,"ifname":"veth2","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","linkmode":"DEFAULT","group":7,"txqlen":500,"link_type":"ether","address":"02:00:00:00:00:02","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":0,"min_mtu":68,"max_mtu":65535,"linkinfo":{"info_kind":"veth"},"num_tx_queues":2,"num_rx_queues":2}`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l rtnl.Link
			decodeCapture(t, c.name, &l)
			if got := string(appendLinkText(nil, &l, captureLinkNames, c.o)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			if c.json != "" {
				checkJSON(t, appendLinkJSON(nil, &l, captureLinkNames), c.json)
			}
		})
	}
}

// linkNames is a namer that also knows flags (for M-DOWN).
type linkNames map[uint32]linkBrief

func (m linkNames) linkName(i uint32) (string, bool) { b, ok := m[i]; return b.name, ok }
func (m linkNames) linkFlags(i uint32) (rtnl.LinkFlags, bool) {
	b, ok := m[i]
	return b.flags, ok
}

func TestFormatLinkBuilt(t *testing.T) {
	veth := func(flags rtnl.LinkFlags) rtnl.Link {
		var l rtnl.Link
		l.Header = rtnl.IfInfoMsg{Index: 7, Type: 1, Flags: flags}
		l.SetIfName("x0")
		l.SetMTU(1500)
		return l
	}
	names := linkNames{8: {"x1", rtnl.IFF_BROADCAST}, 9: {"up1", rtnl.IFF_UP}}
	for _, c := range []struct {
		name  string
		make  func() rtnl.Link
		text  string
		flags string // the JSON flags array
	}{
		{
			"no carrier, peer down (M-DOWN), unnamed flag bits",
			func() rtnl.Link {
				l := veth(rtnl.IFF_UP | rtnl.IFF_BROADCAST | 0x80000000)
				l.SetLink(8)
				return l
			},
			"7: x0@x1: <NO-CARRIER,BROADCAST,UP,80000000,M-DOWN> mtu 1500\n    link/ether",
			`["NO-CARRIER","BROADCAST","UP","80000000","M-DOWN"]`,
		},
		{
			"peer up, running",
			func() rtnl.Link {
				l := veth(rtnl.IFF_UP | rtnl.IFF_RUNNING | rtnl.IFF_LOWER_UP)
				l.SetLink(9)
				return l
			},
			"7: x0@up1: <UP,LOWER_UP> mtu 1500\n    link/ether",
			`["UP","LOWER_UP"]`,
		},
		{
			"peer gone (@NONE)",
			func() rtnl.Link {
				l := veth(0)
				l.SetLink(0)
				return l
			},
			"7: x0@NONE: <> mtu 1500\n    link/ether",
			`[]`,
		},
		{
			"peer in another namespace",
			func() rtnl.Link {
				l := veth(rtnl.IFF_BROADCAST)
				l.SetLink(2)
				l.SetLinkNetNSID(0)
				l.SetAddress([]byte{2, 0, 0, 0, 0, 1})
				l.SetMaster(99)
				l.SetProtoDown(1)
				return l
			},
			"7: x0@if2: <BROADCAST> mtu 1500 master if99\n    link/ether 02:00:00:00:00:01 link-netnsid 0 protodown on",
			`["BROADCAST"]`,
		},
		{
			"point-to-point tunnel: IP link-layer addresses, peer",
			func() rtnl.Link {
				var l rtnl.Link
				l.Header = rtnl.IfInfoMsg{Index: 7, Type: 768, Flags: rtnl.IFF_POINTOPOINT | rtnl.IFF_NOARP}
				l.SetIfName("tun0")
				l.SetAddress([]byte{10, 0, 0, 1})
				l.SetBroadcast([]byte{10, 0, 0, 2})
				l.SetPermAddress([]byte{10, 0, 0, 9})
				l.SetLinkMode(rtnl.IF_LINK_MODE_DORMANT)
				return l
			},
			"7: tun0: <POINTOPOINT,NOARP> mode DORMANT\n    link/ipip 10.0.0.1 peer 10.0.0.2 permaddr 10.0.0.9",
			`["POINTOPOINT","NOARP"]`,
		},
		{
			"unknown link type",
			func() rtnl.Link {
				var l rtnl.Link
				l.Header = rtnl.IfInfoMsg{Index: 7, Type: 4242}
				l.SetIfName("odd")
				return l
			},
			"7: odd: <>\n    link/[4242]",
			`[]`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := c.make()
			if got := string(appendLinkText(nil, &l, names, linkTextOptions{mode: true})); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			js := appendLinkJSON(nil, &l, names)
			var m map[string]json.RawMessage
			if err := json.Unmarshal(js, &m); err != nil {
				t.Fatalf("invalid JSON %s: %v", js, err)
			}
			if string(m["flags"]) != c.flags {
				t.Errorf("json flags %s, want %s (%s)", m["flags"], c.flags, js)
			}
		})
	}
	// Without flag knowledge (a plain namer), no M-DOWN guess.
	l := veth(rtnl.IFF_BROADCAST)
	l.SetLink(8)
	if got := string(appendLinkText(nil, &l, staticLinks{8: "x1"}, linkTextOptions{})); !strings.HasPrefix(got, "7: x0@x1: <BROADCAST> ") {
		t.Errorf("got %q", got)
	}
	// The peer index is kept in JSON even when it names nothing known;
	// "link": null for a peer that is gone.
	js := string(appendLinkJSON(nil, &l, nil))
	if !strings.Contains(js, `"link_index":8,`) || strings.Contains(js, `"link":`) {
		t.Errorf("unknown peer: %s", js)
	}
	l.SetLink(0)
	if js := string(appendLinkJSON(nil, &l, nil)); !strings.Contains(js, `"link":null`) {
		t.Errorf("peer gone: %s", js)
	}
}

func TestFormatAddrCaptures(t *testing.T) {
	for _, c := range []struct {
		name string
		text string // as listed under the link; the monitor form adds "INDEX: NAME"
		json string
	}{
		{
			"addrs/msg1.hex",
			"    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever",
			`{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":254,"label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg3.hex",
			"    inet 10.0.2.1/24 brd 10.0.2.255 scope global veth0:1\n       valid_lft forever preferred_lft forever",
			`{"family":"inet","local":"10.0.2.1","prefixlen":24,"broadcast":"10.0.2.255","scope":0,"label":"veth0:1","valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg5.hex",
			"    inet 10.0.3.1 peer 10.0.3.2/32 metric 50 scope global veth2\n       valid_lft forever preferred_lft forever",
			`{"family":"inet","local":"10.0.3.1","address":"10.0.3.2","prefixlen":32,"metric":50,"scope":0,"label":"veth2","valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg6.hex",
			"    inet6 ::1/128 scope host proto kernel_lo\n       valid_lft forever preferred_lft forever",
			`{"family":"inet6","local":"::1","prefixlen":128,"scope":254,"protocol":1,"valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg7.hex",
			"    inet6 fe80::c025:5dff:fe24:90e0/64 scope link tentative proto kernel_ll\n       valid_lft forever preferred_lft forever",
			`{"family":"inet6","local":"fe80::c025:5dff:fe24:90e0","prefixlen":64,"scope":253,"tentative":true,"protocol":3,"valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg8.hex",
			"    inet6 2001:db8::1/64 scope global nodad\n       valid_lft forever preferred_lft forever",
			`{"family":"inet6","local":"2001:db8::1","prefixlen":64,"scope":0,"nodad":true,"valid_life_time":4294967295,"preferred_life_time":4294967295}`,
		},
		{
			"addrs/msg11.hex",
			"    inet6 2001:db8:2::1/64 scope global nodad dynamic\n       valid_lft 3600sec preferred_lft 1800sec",
			`{"family":"inet6","local":"2001:db8:2::1","prefixlen":64,"scope":0,"nodad":true,"dynamic":true,"valid_life_time":3600,"preferred_life_time":1800}`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var a rtnl.Addr
			decodeCapture(t, c.name, &a)
			if got := string(appendAddrText(nil, &a, captureLinkNames, false)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			dev, _ := captureLinkNames.linkName(a.Header.Index)
			want := strconv.FormatUint(uint64(a.Header.Index), 10) + ": " + dev + c.text
			if got := string(appendAddrText(nil, &a, captureLinkNames, true)); got != want {
				t.Errorf("monitor text:\n got %q\nwant %q", got, want)
			}
			checkJSON(t, appendAddrJSON(nil, &a), c.json)
		})
	}
}

func TestFormatAddrBuilt(t *testing.T) {
	var a rtnl.Addr
	a.Header = rtnl.IfAddrMsg{Family: rtnl.AF_INET6, PrefixLen: 64, Scope: rtnl.RT_SCOPE_UNIVERSE, Index: 3}
	a.SetAddress(netip.MustParseAddr("2001:db8::5"))
	a.SetFlags(rtnl.IFA_F_SECONDARY | rtnl.IFA_F_DEPRECATED | rtnl.IFA_F_MANAGETEMPADDR | rtnl.IFA_F_PERMANENT | 0x10000)
	a.SetAnycast(netip.MustParseAddr("2001:db8::"))
	a.SetProto(0x99)
	a.SetCacheInfo(rtnl.IfaCacheInfo{Valid: 100, Prefered: 0xfffffff6}) // -10 for a deprecated address
	text := string(appendAddrText(nil, &a, nil, true))
	want := "3: if3    inet6 2001:db8::5/64 any 2001:db8:: scope global temporary deprecated mngtmpaddr flags 10000 proto 0x99\n" +
		"       valid_lft 100sec preferred_lft -10sec"
	if text != want {
		t.Errorf("text:\n got %q\nwant %q", text, want)
	}
	checkJSON(t, appendAddrJSON(nil, &a),
		`{"family":"inet6","local":"2001:db8::5","prefixlen":64,"anycast":"2001:db8::","scope":0,"temporary":true,"deprecated":true,"mngtmpaddr":true,"ifa_flags":"10000","protocol":153,"valid_life_time":100,"preferred_life_time":4294967286}`)
	// The header's flag byte counts when IFA_FLAGS is absent.
	var b rtnl.Addr
	b.Header = rtnl.IfAddrMsg{Family: rtnl.AF_INET, PrefixLen: 8, Flags: uint8(rtnl.IFA_F_SECONDARY), Index: 1}
	b.SetLocal(netip.MustParseAddr("10.0.0.1"))
	if got := string(appendAddrText(nil, &b, nil, false)); got != "    inet 10.0.0.1/8 scope global secondary dynamic" {
		t.Errorf("header flags: %q", got)
	}
}

func TestFormatNeighCaptures(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		json string
	}{
		{
			"neighs/msg1.hex",
			"10.0.1.3 dev veth2 lladdr 02:00:00:00:00:0c NOARP",
			`{"dst":"10.0.1.3","ifindex":5,"dev":"veth2","lladdr":"02:00:00:00:00:0c","state":["NOARP"]}`,
		},
		{
			"neighs/msg2.hex",
			"10.0.0.2 dev veth0 lladdr 02:00:00:00:00:0a PERMANENT",
			`{"dst":"10.0.0.2","ifindex":3,"dev":"veth0","lladdr":"02:00:00:00:00:0a","state":["PERMANENT"]}`,
		},
		{
			"neighs/msg6.hex",
			"2001:db8::2 dev veth0 lladdr 02:00:00:00:00:0b PERMANENT",
			`{"dst":"2001:db8::2","ifindex":3,"dev":"veth0","lladdr":"02:00:00:00:00:0b","state":["PERMANENT"]}`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var n rtnl.Neigh
			decodeCapture(t, c.name, &n)
			if got := string(appendNeighText(nil, &n, captureLinkNames, false)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			checkJSON(t, appendNeighJSON(nil, &n, captureLinkNames), c.json)
		})
	}
	var n rtnl.Neigh
	decodeCapture(t, "neighs/msg2.hex", &n)
	if got := string(appendNeighText(nil, &n, captureLinkNames, true)); got != "10.0.0.2 lladdr 02:00:00:00:00:0a PERMANENT" {
		t.Errorf("hideDev: %q", got)
	}
}

func TestFormatNeighBuilt(t *testing.T) {
	var n rtnl.Neigh
	n.Header = rtnl.NdMsg{Family: rtnl.AF_INET6, Ifindex: 9, Flags: rtnl.NTF_ROUTER | rtnl.NTF_PROXY | rtnl.NTF_EXT_LEARNED | rtnl.NTF_OFFLOADED}
	n.SetDst(netip.MustParseAddr("2001:db8::9"))
	n.SetProbes(3)
	n.SetFlagsExt(ntfExtManaged)
	n.SetProtocol(rtnl.RTPROT_STATIC)
	n.Header.State = rtnl.NUD_STALE | rtnl.NUD_DELAY | 0x800
	if got, want := string(appendNeighText(nil, &n, nil, false)), "2001:db8::9 dev if9 router proxy extern_learn offload managed STALE DELAY 0x800 proto static"; got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	checkJSON(t, appendNeighJSON(nil, &n, nil),
		`{"dst":"2001:db8::9","ifindex":9,"router":null,"proxy":null,"extern_learn":null,"offload":null,"managed":null,"state":["STALE","DELAY","0x800"],"protocol":4}`)

	for _, c := range []struct {
		state rtnl.NeighState
		flags rtnl.NeighFlags
		all   bool
		shown bool
	}{
		{rtnl.NUD_PERMANENT, 0, false, true},
		{rtnl.NUD_NOARP, 0, false, false},
		{0, 0, false, false},
		{rtnl.NUD_NOARP, 0, true, true},
		{0, 0, true, true},
		{0, rtnl.NTF_PROXY, false, true},
		{rtnl.NUD_NOARP, rtnl.NTF_EXT_LEARNED, false, true},
		{rtnl.NUD_FAILED, 0, false, true},
	} {
		var n rtnl.Neigh
		n.Header.State, n.Header.Flags = c.state, c.flags
		if got := neighShown(&n, c.all); got != c.shown {
			t.Errorf("state %v flags %v all %v: shown %v", c.state, c.flags, c.all, got)
		}
	}
}

func TestFormatRuleCaptures(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		json string
	}{
		{"rules/msg1.hex", "0:\tfrom all lookup local", `{"family":"inet","priority":0,"src":"all","table":255}`},
		{"rules/msg2.hex", "100:\tfrom 10.0.0.0/8 lookup 100", `{"family":"inet","priority":100,"src":"10.0.0.0","srclen":8,"table":100}`},
		{"rules/msg3.hex", "200:\tfrom all fwmark 0x10/0xff lookup 200", `{"family":"inet","priority":200,"src":"all","fwmark":"0x10","fwmask":"0xff","table":200}`},
		{"rules/msg4.hex", "300:\tfrom all ipproto tcp dport 80-90 lookup 300", `{"family":"inet","priority":300,"src":"all","ipproto":6,"dport_start":80,"dport_end":90,"table":300}`},
		{"rules/msg5.hex", "400:\tfrom all uidrange 1000-2000 lookup 400", `{"family":"inet","priority":400,"src":"all","uid_start":1000,"uid_end":2000,"table":400}`},
		{"rules/msg6.hex", "500:\tfrom all iif veth0 lookup 500", `{"family":"inet","priority":500,"src":"all","iif":"veth0","table":500}`},
		{"rules/msg7.hex", "700:\tfrom all blackhole", `{"family":"inet","priority":700,"src":"all","action":6}`},
		{"rules/msg13.hex", "600:\tfrom all to 2001:db8::/32 lookup 600 proto static", `{"family":"inet6","priority":600,"src":"all","dst":"2001:db8::","dstlen":32,"table":600,"protocol":4}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r rtnl.Rule
			decodeCapture(t, c.name, &r)
			if got := string(appendRuleText(nil, &r)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			checkJSON(t, appendRuleJSON(nil, &r), c.json)
		})
	}
}

func TestFormatRuleBuilt(t *testing.T) {
	base := func(action rtnl.RuleAction) rtnl.Rule {
		var r rtnl.Rule
		r.Header = rtnl.FibRuleHdr{Family: rtnl.AF_INET, Action: action}
		r.SetPriority(10)
		return r
	}
	for _, c := range []struct {
		name string
		make func() rtnl.Rule
		text string
		json string
	}{
		{
			"not, host source, tos, mark without mask, oif detached, sport, tun_id, suppress, realms",
			func() rtnl.Rule {
				r := base(rtnl.FR_ACT_TO_TBL)
				r.Header.Flags = rtnl.FIB_RULE_INVERT | rtnl.FIB_RULE_OIF_DETACHED
				r.Header.SrcLen = 32
				r.Header.Tos = 0x10
				r.SetSrc(netip.MustParseAddr("10.1.1.1"))
				r.SetFwMark(7)
				r.SetFwMask(0xffffffff)
				r.SetOIFName("gone0")
				r.SetSPortRange(rtnl.PortRange{Start: 53, End: 53})
				r.SetTunID(256)
				r.SetTable(5000)
				r.SetSuppressPrefixLen(0)
				r.SetSuppressIfGroup(0xffffffff)
				r.SetFlow(3<<16 | 4)
				r.SetIPProto(200)
				return r
			},
			"10:\tnot from 10.1.1.1 tos 0x10 fwmark 0x7 oif gone0 [detached] ipproto ipproto-200 sport 53 tun_id 256 lookup 5000 suppress_prefixlength 0 realms 3/4",
			`{"family":"inet","priority":10,"not":null,"src":"10.1.1.1","tos":"0x10","fwmark":"0x7","oif":"gone0","oif_detached":null,"ipproto":200,"sport":53,"tun_id":256,"table":5000,"suppress_prefixlen":0,"flow_from":3,"flow_to":4}`,
		},
		{
			"goto unresolved, source length without address",
			func() rtnl.Rule {
				r := base(rtnl.FR_ACT_GOTO)
				r.Header.Flags = rtnl.FIB_RULE_UNRESOLVED
				r.Header.SrcLen = 8
				r.SetGoto(20)
				r.SetFlow(4)
				return r
			},
			"10:\tfrom 0/8 realms 4 goto 20 [unresolved]",
			`{"family":"inet","priority":10,"src":"0","srclen":8,"flow_to":4,"goto":20,"unresolved":null}`,
		},
		{
			"nop without priority, kernel protocol not shown",
			func() rtnl.Rule {
				var r rtnl.Rule
				r.Header = rtnl.FibRuleHdr{Family: rtnl.AF_INET6, Action: rtnl.FR_ACT_NOP}
				r.SetProtocol(rtnl.RTPROT_KERNEL)
				return r
			},
			"0:\tfrom all nop",
			`{"family":"inet6","priority":0,"src":"all","nop":null}`,
		},
		{
			"prohibit, goto without target",
			func() rtnl.Rule {
				r := base(rtnl.FR_ACT_PROHIBIT)
				return r
			},
			"10:\tfrom all prohibit",
			`{"family":"inet","priority":10,"src":"all","action":8}`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := c.make()
			if got := string(appendRuleText(nil, &r)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			checkJSON(t, appendRuleJSON(nil, &r), c.json)
		})
	}
}

func TestFormatNexthopCaptures(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		json string
	}{
		{"nexthops/msg1.hex", "id 1 via 10.0.0.2 dev veth0 scope link", `{"id":1,"gateway":"10.0.0.2","oif":3,"dev":"veth0","scope":253,"flags":[]}`},
		{"nexthops/msg3.hex", "id 3 blackhole", `{"id":3,"blackhole":null,"flags":[]}`},
		{"nexthops/msg4.hex", "id 4 via 2001:db8::2 dev veth0 scope link", `{"id":4,"gateway":"2001:db8::2","oif":3,"dev":"veth0","scope":253,"flags":[]}`},
		{"nexthops/msg5.hex", "id 10 group 1/2,3", `{"id":10,"group":[{"id":1},{"id":2,"weight":3}],"flags":[]}`},
		{"nexthops/msg6.hex", "id 11 group 1,5/2", `{"id":11,"group":[{"id":1,"weight":5},{"id":2}],"flags":[]}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var n rtnl.NexthopObj
			decodeCapture(t, c.name, &n)
			if got := string(appendNexthopText(nil, &n, captureLinkNames)); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			checkJSON(t, appendNexthopJSON(nil, &n, captureLinkNames), c.json)
		})
	}
}

func TestFormatNexthopBuilt(t *testing.T) {
	var n rtnl.NexthopObj
	n.Header = rtnl.NhMsg{Family: rtnl.AF_INET, Scope: rtnl.RT_SCOPE_LINK, Protocol: rtnl.RTPROT_STATIC, Flags: uint32(rtnl.RTNH_F_ONLINK | rtnl.RTNH_F_LINKDOWN)}
	n.SetID(5)
	n.SetGateway(netip.MustParseAddr("10.0.0.9"))
	n.SetOIF(42)
	n.SetFDB()
	if got, want := string(appendNexthopText(nil, &n, nil)), "id 5 via 10.0.0.9 dev if42 scope link proto static onlink linkdown fdb"; got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	checkJSON(t, appendNexthopJSON(nil, &n, nil), `{"id":5,"gateway":"10.0.0.9","oif":42,"scope":253,"protocol":4,"flags":["onlink","linkdown"],"fdb":null}`)

	var g rtnl.NexthopObj
	g.SetID(6)
	g.SetGroup([]rtnl.NexthopGrp{{ID: 1, Weight: 0xff, WeightHigh: 1}})
	g.SetGroupType(rtnl.NEXTHOP_GRP_TYPE_RES)
	if got, want := string(appendNexthopText(nil, &g, nil)), "id 6 group 1,512 type resilient"; got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	checkJSON(t, appendNexthopJSON(nil, &g, nil), `{"id":6,"group":[{"id":1,"weight":512}],"type":"resilient","flags":[]}`)
}

func TestAppendJSONString(t *testing.T) {
	for in, want := range map[string]string{
		"":              `""`,
		"eth0":          `"eth0"`,
		`a"b\c`:         `"a\"b\\c"`,
		"tab\tnl\ncr\r": `"tab\tnl\ncr\r"`,
		"\x00\x1f\x7f":  `"\u0000\u001f\u007f"`,
		"héllo ☃":       `"héllo ☃"`,
		"bad\xff\xfe":   `"bad\ufffd\ufffd"`,
	} {
		got := appendJSONString(nil, in)
		if string(got) != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
		var s string
		if err := json.Unmarshal(got, &s); err != nil {
			t.Errorf("%q: %s is not valid JSON: %v", in, got, err)
		}
	}
	o := openObj(nil)
	o.str("a", "x")
	o.uint("b", 1)
	o.int("c", -1)
	o.bool("d", false)
	o.null("e")
	o.strs("f", nil)
	sub := o.obj("g")
	sub.strs("h", []string{"i", "j"})
	o.b = sub.close()
	o.raw("k", []byte(`[1]`))
	if got, want := string(o.close()), `{"a":"x","b":1,"c":-1,"d":false,"e":null,"f":[],"g":{"h":["i","j"]},"k":[1]}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
