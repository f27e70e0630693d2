package rtnl

import (
	"encoding/hex"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// kernelMsg is one message captured from the kernel by internal/capture.
type kernelMsg struct {
	name    string // case/msgN.hex
	payload []byte // after struct nlmsghdr
}

// loadCaptures reads testdata/kernel/*.txtar, keyed by case name.
func loadCaptures(t testing.TB) map[string][]kernelMsg {
	t.Helper()
	files, err := filepath.Glob("testdata/kernel/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no captures in testdata/kernel: %v", err)
	}
	out := map[string][]kernelMsg{}
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := strings.TrimSuffix(filepath.Base(f), ".txtar")
		for _, af := range ar.Files {
			raw, err := hex.DecodeString(strings.Join(strings.Fields(string(af.Data)), ""))
			if err != nil {
				t.Fatalf("%s/%s: %v", c, af.Name, err)
			}
			if len(raw) < 16 {
				t.Fatalf("%s/%s: shorter than struct nlmsghdr", c, af.Name)
			}
			out[c] = append(out[c], kernelMsg{name: c + "/" + af.Name, payload: raw[16:]})
		}
	}
	return out
}

// capture returns one captured message's payload.
func capture(t testing.TB, name string) []byte {
	t.Helper()
	c, file, _ := strings.Cut(name, "/")
	for _, m := range loadCaptures(t)[c] {
		if m.name == c+"/"+file {
			return m.payload
		}
	}
	t.Fatalf("no capture %s", name)
	return nil
}

var (
	ip  = netip.MustParseAddr
	ifA = uint32(3) // veth0 in every capture namespace
	ifB = uint32(5) // veth2
)

func hdr(fam Family, dstLen uint8, typ RouteType) RtMsg {
	return RtMsg{Family: fam, DstLen: dstLen, Table: 254, Protocol: RTPROT_STATIC, Scope: RT_SCOPE_UNIVERSE, Type: typ}
}

func gwNexthop(ifindex uint32, hops uint8, gw string) Nexthop {
	var nh Nexthop
	nh.Header = RtNexthop{Ifindex: int32(ifindex), Hops: hops}
	nh.SetGateway(ip(gw))
	return nh
}

// goldenRoutes are the routes each capture must decode to, built with the
// setters: every attribute the kernel sent, and nothing else.
var goldenRoutes = map[string]func() Route{
	"ipv4-unicast/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 24, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.1.2.0"))
		r.SetPriority(100)
		r.SetPrefSrc(ip("10.0.0.1"))
		r.SetGateway(ip("10.0.0.254"))
		r.SetOIF(ifA)
		return r
	},
	"ipv6-unicast/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("2001:db8:100::"))
		r.SetPrefSrc(ip("2001:db8::1"))
		r.SetPriority(1024)
		r.SetGateway(ip("2001:db8::254"))
		r.SetOIF(ifA)
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_HIGH)
		return r
	},
	"ipv6-pref-low/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("2001:db8:200::"))
		r.SetPriority(1024)
		r.SetGateway(ip("fe80::1"))
		r.SetOIF(ifA)
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_LOW)
		return r
	},
	"table-1000/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_UNICAST)
		r.Header.Table = uint8(RT_TABLE_COMPAT)
		r.SetTable(1000)
		r.SetDst(ip("10.2.0.0"))
		r.SetGateway(ip("10.0.0.254"))
		r.SetOIF(ifA)
		return r
	},
	"table-1000/msg2.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_UNICAST)
		r.Header.Table = uint8(RT_TABLE_COMPAT)
		r.SetTable(1000)
		r.SetDst(ip("2001:db8:300::"))
		r.SetPriority(1024)
		r.SetGateway(ip("2001:db8::254"))
		r.SetOIF(ifA)
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_MEDIUM)
		return r
	},
	"multipath/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.3.0.0"))
		r.SetMultipath([]Nexthop{gwNexthop(ifA, 0, "10.0.0.2"), gwNexthop(ifB, 2, "10.0.1.2")}) // weights 1 and 3
		return r
	},
	"multipath/msg2.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("2001:db8:400::"))
		r.SetPriority(1024)
		r.SetMultipath([]Nexthop{gwNexthop(ifA, 1, "2001:db8::2"), gwNexthop(ifB, 4, "2001:db8:1::2")}) // weights 2 and 5
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_MEDIUM)
		return r
	},
	"special-types/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_BLACKHOLE)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.4.0.0"))
		return r
	},
	"special-types/msg2.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_UNREACHABLE)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.5.0.0"))
		return r
	},
	"special-types/msg3.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_PROHIBIT)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.6.0.0"))
		return r
	},
	"special-types/msg4.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_BLACKHOLE)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("2001:db8:500::"))
		r.SetPriority(1024)
		r.SetOIF(1) // IPv6 blackholes point at lo
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_MEDIUM)
		return r
	},
	"metrics/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.7.0.0"))
		var m Metrics
		m.SetMTU(1400)
		m.SetAdvMSS(1300)
		r.SetMetrics(m)
		r.SetGateway(ip("10.0.0.254"))
		r.SetOIF(ifA)
		return r
	},
	"metrics/msg2.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 16, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("10.8.0.0"))
		var m Metrics
		m.SetLock(1 << RTAX_MTU)
		m.SetMTU(1280)
		m.SetWindow(65535)
		m.SetInitCwnd(10)
		m.SetCCAlgo("cubic")
		r.SetMetrics(m)
		r.SetGateway(ip("10.0.0.254"))
		r.SetOIF(ifA)
		return r
	},
	"metrics/msg3.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 48, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetDst(ip("2001:db8:600::"))
		r.SetPriority(1024)
		var m Metrics
		m.SetMTU(1400)
		m.SetHopLimit(32)
		r.SetMetrics(m)
		r.SetGateway(ip("2001:db8::254"))
		r.SetOIF(ifA)
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_MEDIUM)
		return r
	},
	"default/msg1.hex": func() (r Route) {
		r.Header = hdr(AF_INET, 0, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetGateway(ip("10.0.0.254"))
		r.SetOIF(ifA)
		return r
	},
	"default/msg2.hex": func() (r Route) {
		r.Header = hdr(AF_INET6, 0, RTN_UNICAST)
		r.SetTable(RT_TABLE_MAIN)
		r.SetPriority(1024)
		r.SetGateway(ip("2001:db8::254"))
		r.SetOIF(ifA)
		r.SetCacheInfo(RtaCacheInfo{})
		r.SetPref(ICMPV6_ROUTER_PREF_MEDIUM)
		return r
	},
}

// nonRouteCaptures are the captures of other message types
// (golden_resources_test.go).
var nonRouteCaptures = map[string]bool{"links": true, "addrs": true, "neighs": true, "rules": true, "nexthops": true, "netconfs": true,
	// Checked by property in golden_encap_test.go.
	"encap": true, "nexthop-encap": true, "link-kinds": true}

// TestGoldenKernelRoutes decodes every captured message into the route
// expected for it, and checks that encoding the decoded value gives back
// the kernel's bytes exactly (the decoder records the attribute order).
func TestGoldenKernelRoutes(t *testing.T) {
	seen := 0
	var r Route // reused across messages, as a dump would
	for c, msgs := range loadCaptures(t) {
		if nonRouteCaptures[c] {
			continue
		}
		for _, m := range msgs {
			want, ok := goldenRoutes[m.name]
			if !ok {
				t.Errorf("%s: capture has no expected route; add one to goldenRoutes", m.name)
				continue
			}
			seen++
			if err := r.Decode(m.payload); err != nil {
				t.Errorf("%s: Decode: %v", m.name, err)
				continue
			}
			w := want()
			if !r.Equal(&w) {
				t.Errorf("%s: decoded\n%+v\nwant\n%+v", m.name, r, w)
			}
			if out := r.Append(nil); string(out) != string(m.payload) {
				t.Errorf("%s: re-encoded bytes differ from the kernel's:\n got %x\nwant %x", m.name, out, m.payload)
			}
			if r.Size() != len(m.payload) {
				t.Errorf("%s: Size() = %d, kernel sent %d", m.name, r.Size(), len(m.payload))
			}
		}
	}
	if seen != len(goldenRoutes) {
		t.Errorf("checked %d captures, goldenRoutes has %d", seen, len(goldenRoutes))
	}
}

// TestGoldenEffectiveTable checks the table rule on captures: the kernel puts
// RT_TABLE_COMPAT in the header byte and the real id in RTA_TABLE.
func TestGoldenEffectiveTable(t *testing.T) {
	var r Route
	if err := r.Decode(capture(t, "table-1000/msg1.hex")); err != nil {
		t.Fatal(err)
	}
	if r.Header.Table != uint8(RT_TABLE_COMPAT) || !r.Has(RTA_TABLE) || r.Table != 1000 {
		t.Fatalf("header table %d, RTA_TABLE %d (present %v); want 252 and 1000", r.Header.Table, r.Table, r.Has(RTA_TABLE))
	}
}

// TestEncodeFromScratch encodes a value built by hand, in schema order, and
// decodes it back.
func TestEncodeFromScratch(t *testing.T) {
	want := goldenRoutes["metrics/msg2.hex"]()
	b := want.Append(make([]byte, 0, want.Size()))
	if len(b) != want.Size() {
		t.Fatalf("Size %d, Append wrote %d", want.Size(), len(b))
	}
	var got Route
	if err := got.Decode(b); err != nil {
		t.Fatal(err)
	}
	if !got.Equal(&want) {
		t.Fatalf("round trip:\n%+v\nwant\n%+v", got, want)
	}
	// Absent stays absent: no RTA_PRIORITY on the wire when none was set.
	if got.Has(RTA_PRIORITY) {
		t.Fatal("RTA_PRIORITY appeared though it was never set")
	}
}

// TestDecodeReusedValue decodes messages of different shapes into one value,
// as a dump does: nothing of an earlier message may survive into a later one.
func TestDecodeReusedValue(t *testing.T) {
	var reused Route
	for _, name := range []string{"metrics/msg2.hex", "multipath/msg2.hex", "ipv6-unicast/msg1.hex", "ipv4-unicast/msg1.hex", "special-types/msg1.hex"} {
		msg := capture(t, name)
		if err := reused.Decode(msg); err != nil {
			t.Fatal(err)
		}
		var fresh Route
		if err := fresh.Decode(msg); err != nil {
			t.Fatal(err)
		}
		if !reused.Equal(&fresh) || reused.Gateway != fresh.Gateway || reused.Metrics.MTU != fresh.Metrics.MTU ||
			len(reused.Multipath) != len(fresh.Multipath) || reused.Priority != fresh.Priority || reused.CacheInfo != fresh.CacheInfo ||
			reused.Metrics.Has(RTAX_MTU) != fresh.Metrics.Has(RTAX_MTU) || len(reused.Metrics.CCAlgo) != len(fresh.Metrics.CCAlgo) {
			t.Fatalf("%s decoded into a reused value differs from a fresh decode:\n%+v\n%+v", name, reused, fresh)
		}
	}
	// Unset zeroes the field as well as the presence bit.
	reused.Unset(RTA_DST)
	if reused.Has(RTA_DST) || reused.Dst.IsValid() {
		t.Fatal("Unset left RTA_DST")
	}
	reused.Reset()
	if reused.Table != 0 || reused.Has(RTA_TABLE) || reused.Header != (RtMsg{}) {
		t.Fatalf("Reset left %+v", reused)
	}
}
