package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// captureDir holds route messages captured from a real kernel (see the
// comment at the top of each file for the commands that made them). In
// every capture namespace veth0 is ifindex 3 and veth2 is ifindex 5.
const captureDir = "../../gen/rtnl/testdata/kernel"

var captureLinks = staticLinks{3: "veth0", 5: "veth2"}

// loadCapture decodes one captured message, "case/msgN.hex". The files are
// txtar archives: a comment, then "-- name --" sections of hex holding
// struct nlmsghdr (16 bytes) and the payload.
func loadCapture(t *testing.T, name string) *rtnl.Route {
	t.Helper()
	var r rtnl.Route
	if err := r.Decode(capturePayload(t, name)); err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	return &r
}

// capturePayload returns the payload (after struct nlmsghdr) of one
// captured message, "file/msgN.hex".
func capturePayload(t *testing.T, name string) []byte {
	t.Helper()
	file, section, _ := strings.Cut(name, "/")
	data, err := os.ReadFile(filepath.Join(captureDir, file+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var hexText []string
	in := false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") {
			in = strings.TrimSuffix(strings.TrimPrefix(line, "-- "), " --") == section
			continue
		}
		if in {
			hexText = append(hexText, line)
		}
	}
	if len(hexText) == 0 {
		t.Fatalf("no section %s in %s", section, file)
	}
	raw, err := hex.DecodeString(strings.Join(hexText, ""))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(raw) < 16 {
		t.Fatalf("%s: shorter than struct nlmsghdr", name)
	}
	return raw[16:]
}

// captureCases are the captures with the text ip prints for them (checked
// against `ip route show` of the same setup, trailing spaces removed; ip
// would print the unknown if1 as "lo") and the JSON form.
var captureCases = []struct {
	name string
	text string
	json string
}{
	{
		"default/msg1.hex",
		"default via 10.0.0.254 dev veth0 proto static",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"0.0.0.0/0","gateway":"10.0.0.254","oif":3,"dev":"veth0"}`,
	},
	{
		"default/msg2.hex",
		"default via 2001:db8::254 dev veth0 proto static metric 1024 pref medium",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":254,"dst":"::/0","gateway":"2001:db8::254","oif":3,"dev":"veth0","metric":1024,"pref":"medium"}`,
	},
	{
		"ipv4-unicast/msg1.hex",
		"10.1.2.0/24 via 10.0.0.254 dev veth0 proto static src 10.0.0.1 metric 100",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"10.1.2.0/24","gateway":"10.0.0.254","oif":3,"dev":"veth0","prefsrc":"10.0.0.1","metric":100}`,
	},
	{
		"ipv6-unicast/msg1.hex",
		"2001:db8:100::/48 via 2001:db8::254 dev veth0 proto static src 2001:db8::1 metric 1024 pref high",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:100::/48","gateway":"2001:db8::254","oif":3,"dev":"veth0","prefsrc":"2001:db8::1","metric":1024,"pref":"high"}`,
	},
	{
		"ipv6-pref-low/msg1.hex",
		"2001:db8:200::/48 via fe80::1 dev veth0 proto static metric 1024 pref low",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:200::/48","gateway":"fe80::1","oif":3,"dev":"veth0","metric":1024,"pref":"low"}`,
	},
	{
		"metrics/msg1.hex",
		"10.7.0.0/16 via 10.0.0.254 dev veth0 proto static mtu 1400 advmss 1300",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"10.7.0.0/16","gateway":"10.0.0.254","oif":3,"dev":"veth0","metrics":{"mtu":1400,"advmss":1300}}`,
	},
	{
		"metrics/msg2.hex",
		"10.8.0.0/16 via 10.0.0.254 dev veth0 proto static mtu lock 1280 window 65535 initcwnd 10 congctl cubic",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"10.8.0.0/16","gateway":"10.0.0.254","oif":3,"dev":"veth0","metrics":{"lock":4,"mtu":1280,"window":65535,"initcwnd":10,"congctl":"cubic"}}`,
	},
	{
		"metrics/msg3.hex",
		"2001:db8:600::/48 via 2001:db8::254 dev veth0 proto static metric 1024 mtu 1400 hoplimit 32 pref medium",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:600::/48","gateway":"2001:db8::254","oif":3,"dev":"veth0","metric":1024,"pref":"medium","metrics":{"mtu":1400,"hoplimit":32}}`,
	},
	{
		"multipath/msg1.hex",
		"10.3.0.0/16 proto static\n\tnexthop via 10.0.0.2 dev veth0 weight 1\n\tnexthop via 10.0.1.2 dev veth2 weight 3",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":254,"dst":"10.3.0.0/16","nexthops":[{"gateway":"10.0.0.2","oif":3,"dev":"veth0","weight":1},{"gateway":"10.0.1.2","oif":5,"dev":"veth2","weight":3}]}`,
	},
	{
		"multipath/msg2.hex",
		"2001:db8:400::/48 proto static metric 1024 pref medium\n\tnexthop via 2001:db8::2 dev veth0 weight 2\n\tnexthop via 2001:db8:1::2 dev veth2 weight 5",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:400::/48","metric":1024,"pref":"medium","nexthops":[{"gateway":"2001:db8::2","oif":3,"dev":"veth0","weight":2},{"gateway":"2001:db8:1::2","oif":5,"dev":"veth2","weight":5}]}`,
	},
	{
		"special-types/msg1.hex",
		"blackhole 10.4.0.0/16 proto static",
		`{"family":"inet","type":6,"protocol":4,"scope":0,"table":254,"dst":"10.4.0.0/16"}`,
	},
	{
		"special-types/msg2.hex",
		"unreachable 10.5.0.0/16 proto static",
		`{"family":"inet","type":7,"protocol":4,"scope":0,"table":254,"dst":"10.5.0.0/16"}`,
	},
	{
		"special-types/msg3.hex",
		"prohibit 10.6.0.0/16 proto static",
		`{"family":"inet","type":8,"protocol":4,"scope":0,"table":254,"dst":"10.6.0.0/16"}`,
	},
	{
		// ifindex 1 (lo) is not in captureLinks: text "if1", no JSON dev.
		"special-types/msg4.hex",
		"blackhole 2001:db8:500::/48 dev if1 proto static metric 1024 pref medium",
		`{"family":"inet6","type":6,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:500::/48","oif":1,"metric":1024,"pref":"medium"}`,
	},
	{
		"table-1000/msg1.hex",
		"10.2.0.0/16 via 10.0.0.254 dev veth0 table 1000 proto static",
		`{"family":"inet","type":1,"protocol":4,"scope":0,"table":1000,"dst":"10.2.0.0/16","gateway":"10.0.0.254","oif":3,"dev":"veth0"}`,
	},
	{
		"table-1000/msg2.hex",
		"2001:db8:300::/48 via 2001:db8::254 dev veth0 table 1000 proto static metric 1024 pref medium",
		`{"family":"inet6","type":1,"protocol":4,"scope":0,"table":1000,"dst":"2001:db8:300::/48","gateway":"2001:db8::254","oif":3,"dev":"veth0","metric":1024,"pref":"medium"}`,
	},
}

func TestFormatCaptures(t *testing.T) {
	for _, c := range captureCases {
		t.Run(c.name, func(t *testing.T) {
			r := loadCapture(t, c.name)
			if got := string(appendRouteText(nil, r, captureLinks, textOptions{})); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			got := appendRouteJSON(nil, r, captureLinks)
			if string(got) != c.json {
				t.Errorf("json:\n got %s\nwant %s", got, c.json)
			}
			if !json.Valid(got) {
				t.Errorf("invalid JSON %s", got)
			}
		})
	}
}

// TestFormatAppends checks that the formatters append to what the caller
// has (a monitor prefixes "Deleted ") and reuse no state between routes.
func TestFormatAppends(t *testing.T) {
	r := loadCapture(t, "special-types/msg1.hex")
	got := string(appendRouteText([]byte("Deleted "), r, nil, textOptions{}))
	if want := "Deleted blackhole 10.4.0.0/16 proto static"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = string(appendRouteJSON([]byte("x "), r, nil))
	if !strings.HasPrefix(got, `x {"family":"inet"`) {
		t.Errorf("got %q", got)
	}
}

func TestFormatTextOptions(t *testing.T) {
	r := loadCapture(t, "table-1000/msg1.hex")
	for _, c := range []struct {
		o    textOptions
		want string
	}{
		{textOptions{}, "10.2.0.0/16 via 10.0.0.254 dev veth0 table 1000 proto static"},
		{textOptions{hideTable: true}, "10.2.0.0/16 via 10.0.0.254 dev veth0 proto static"},
		{textOptions{hideProto: true}, "10.2.0.0/16 via 10.0.0.254 dev veth0 table 1000"},
		{textOptions{hideDev: true}, "10.2.0.0/16 via 10.0.0.254 table 1000 proto static"},
	} {
		if got := string(appendRouteText(nil, r, captureLinks, c.o)); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.o, got, c.want)
		}
	}
}

var addr = netip.MustParseAddr

// TestFormatBuilt covers what the captures do not, on routes built with
// the setters.
func TestFormatBuilt(t *testing.T) {
	v4 := func(dstLen uint8) rtnl.Route {
		var r rtnl.Route
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: dstLen, Table: 254, Protocol: rtnl.RTPROT_BOOT, Type: rtnl.RTN_UNICAST}
		return r
	}
	cases := []struct {
		name string
		make func() rtnl.Route
		text string
		json string
	}{
		{
			"host route: no /32 in text, kept in JSON; metric 0 is shown",
			func() rtnl.Route {
				r := v4(32)
				r.Header.Scope = rtnl.RT_SCOPE_LINK
				r.SetDst(addr("10.9.9.9"))
				r.SetOIF(3)
				r.SetPriority(0)
				return r
			},
			"10.9.9.9 dev veth0 scope link metric 0",
			`{"family":"inet","type":1,"protocol":3,"scope":253,"table":254,"dst":"10.9.9.9/32","oif":3,"dev":"veth0","metric":0}`,
		},
		{
			"IPv6 host route",
			func() rtnl.Route {
				var r rtnl.Route
				r.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, DstLen: 128, Table: 255, Protocol: rtnl.RTPROT_KERNEL, Type: rtnl.RTN_LOCAL}
				r.SetDst(addr("2001:db8::1"))
				r.SetOIF(3)
				r.SetPriority(0)
				r.SetPref(rtnl.ICMPV6_ROUTER_PREF_MEDIUM)
				return r
			},
			"local 2001:db8::1 dev veth0 table local proto kernel metric 0 pref medium",
			`{"family":"inet6","type":2,"protocol":2,"scope":0,"table":255,"dst":"2001:db8::1/128","oif":3,"dev":"veth0","metric":0,"pref":"medium"}`,
		},
		{
			"flags, via another family, time metrics, features",
			func() rtnl.Route {
				r := v4(16)
				r.Header.Flags = rtnl.RouteFlags(rtnl.RTNH_F_ONLINK | rtnl.RTNH_F_LINKDOWN)
				r.SetDst(addr("10.77.0.0"))
				r.SetVia(addr("fe80::1"))
				r.SetOIF(99)
				var m rtnl.Metrics
				m.SetRTT(8 * 12)
				m.SetRTTVar(4 * 1500)
				m.SetRTOMin(200)
				m.SetFeatures(1 | 8)
				m.SetLock(1 << rtnl.RTAX_RTO_MIN)
				r.SetMetrics(m)
				return r
			},
			"10.77.0.0/16 via inet6 fe80::1 dev if99 onlink linkdown rtt 12ms rttvar 1.5s features ecn 0x8 rto_min lock 200ms",
			`{"family":"inet","type":1,"protocol":3,"scope":0,"table":254,"dst":"10.77.0.0/16","oif":99,"metrics":{"lock":8192,"rtt":12,"rttvar":1500,"features":9,"rto_min":200}}`,
		},
		{
			"cached route get reply",
			func() rtnl.Route {
				r := v4(32)
				r.Header.Protocol = rtnl.RTPROT_UNSPEC
				r.Header.Flags = rtnl.RTM_F_CLONED
				r.SetDst(addr("10.1.2.5"))
				r.SetGateway(addr("10.0.0.254"))
				r.SetOIF(3)
				r.SetPrefSrc(addr("10.0.0.1"))
				r.SetUID(0)
				r.SetTable(254)
				r.SetCacheInfo(rtnl.RtaCacheInfo{Expires: 300 * userHZ})
				return r
			},
			"10.1.2.5 via 10.0.0.254 dev veth0 src 10.0.0.1 uid 0\n    cache expires 300sec",
			`{"family":"inet","type":1,"protocol":0,"scope":0,"table":254,"dst":"10.1.2.5/32","gateway":"10.0.0.254","oif":3,"dev":"veth0","prefsrc":"10.0.0.1"}`,
		},
		{
			"source prefix, tos, iif, mark, realm",
			func() rtnl.Route {
				var r rtnl.Route
				r.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, DstLen: 48, SrcLen: 64, Tos: 0x10, Table: 254, Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNREACHABLE}
				r.SetDst(addr("2001:db8:7::"))
				r.SetSrc(addr("2001:db8:9::"))
				r.SetIIF(5)
				r.SetMark(0x2a)
				r.SetFlow(7)
				return r
			},
			"unreachable 2001:db8:7::/48 from 2001:db8:9::/64 tos 0x10 proto static mark 0x2a realm 7 iif veth2",
			`{"family":"inet6","type":7,"protocol":4,"scope":0,"table":254,"dst":"2001:db8:7::/48"}`,
		},
		{
			"multipath next hop without gateway or device, congctl locked",
			func() rtnl.Route {
				r := v4(8)
				r.SetDst(addr("10.0.0.0"))
				var nh rtnl.Nexthop
				nh.Header.Hops = 9
				r.SetMultipath([]rtnl.Nexthop{nh})
				var m rtnl.Metrics
				m.SetCCAlgo("bbr")
				m.SetLock(1 << rtnl.RTAX_CC_ALGO)
				r.SetMetrics(m)
				return r
			},
			"10.0.0.0/8 congctl lock bbr\n\tnexthop weight 10",
			`{"family":"inet","type":1,"protocol":3,"scope":0,"table":254,"dst":"10.0.0.0/8","metrics":{"lock":65536,"congctl":"bbr"},"nexthops":[{"weight":10}]}`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.make()
			if got := string(appendRouteText(nil, &r, captureLinks, textOptions{})); got != c.text {
				t.Errorf("text:\n got %q\nwant %q", got, c.text)
			}
			if got := string(appendRouteJSON(nil, &r, captureLinks)); got != c.json {
				t.Errorf("json:\n got %s\nwant %s", got, c.json)
			}
		})
	}
}

// TestJSONArray checks the array framing: "[]" when empty, one element a
// line otherwise, and valid JSON.
func TestJSONArray(t *testing.T) {
	var buf bytes.Buffer
	a := jsonArray{w: &buf}
	if err := a.close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("empty: got %q", buf.String())
	}
	buf.Reset()
	a = jsonArray{w: &buf, names: captureLinks}
	for _, name := range []string{"default/msg1.hex", "multipath/msg2.hex"} {
		if err := a.route(loadCapture(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.close(); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(out) != 2 || out[0]["dst"] != "0.0.0.0/0" || out[1]["dst"] != "2001:db8:400::/48" {
		t.Errorf("got %v", out)
	}
	if lines := strings.Count(buf.String(), "\n"); lines != 4 {
		t.Errorf("want 4 lines ([, 2 routes, ]), got %d:\n%s", lines, buf.String())
	}
}

// TestJSONKeyOrder checks that keys come in the documented order.
func TestJSONKeyOrder(t *testing.T) {
	r := loadCapture(t, "ipv6-unicast/msg1.hex")
	r.SetMetrics(rtnl.Metrics{})
	r.Metrics.SetMTU(1400)
	r.SetMultipath([]rtnl.Nexthop{{}})
	got := string(appendRouteJSON(nil, r, captureLinks))
	order := []string{"family", "type", "protocol", "scope", "table", "dst", "gateway", "oif", "dev", "prefsrc", "metric", "pref", "metrics", "nexthops"}
	last := -1
	for _, k := range order {
		i := strings.Index(got, `"`+k+`":`)
		if i < 0 {
			t.Fatalf("key %s missing in %s", k, got)
		}
		if i < last {
			t.Errorf("key %s out of order in %s", k, got)
		}
		last = i
	}
}
