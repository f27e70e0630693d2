package rtnl

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/linx-go/linx/runtime/nlwire"
)

// compactCase is a route payload as the kernel could send it.
type compactCase struct {
	name    string
	payload []byte
	spilled bool // it carries more than the compact list
}

func compactCases() []compactCase {
	hdr := func(fam Family, dstLen uint8) []byte {
		h := RtMsg{Family: fam, DstLen: dstLen, Table: 254, Protocol: RTPROT_STATIC, Type: RTN_UNICAST}
		return h.Append(nil)
	}
	v4 := func(extra ...func([]byte) []byte) []byte {
		b := hdr(AF_INET, 24)
		// Not the schema's order: the kernel's (fib_dump_info).
		b = nlwire.AppendU32(b, RTA_TABLE, 254)
		b = nlwire.AppendBytes(b, RTA_DST, []byte{10, 1, 2, 0})
		b = nlwire.AppendU32(b, RTA_PRIORITY, 20)
		b = nlwire.AppendBytes(b, RTA_PREFSRC, []byte{10, 0, 0, 1})
		b = nlwire.AppendBytes(b, RTA_GATEWAY, []byte{10, 0, 0, 254})
		b = nlwire.AppendU32(b, RTA_OIF, 3)
		for _, e := range extra {
			b = e(b)
		}
		return b
	}
	v6 := func() []byte {
		b := hdr(AF_INET6, 64)
		b = nlwire.AppendU32(b, RTA_TABLE, 254)
		b = nlwire.AppendBytes(b, RTA_DST, []byte{0x20, 1, 0xd, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})
		b = nlwire.AppendU32(b, RTA_PRIORITY, 1024)
		b = nlwire.AppendU32(b, RTA_OIF, 2)
		ci := RtaCacheInfo{Used: 7, Expires: 9}
		b = nlwire.AppendBytes(b, RTA_CACHEINFO, ci.Append(nil))
		b = nlwire.AppendU8(b, RTA_PREF, 0)
		return b
	}
	metrics := func(b []byte) []byte {
		return nlwire.AppendBytes(b, RTA_METRICS, nlwire.AppendU32(nil, RTAX_MTU, 1400))
	}
	unknown := func(b []byte) []byte { return nlwire.AppendBytes(b, 200, []byte{1, 2, 3}) }
	again := func(b []byte) []byte {
		for range 3 {
			b = nlwire.AppendU32(b, RTA_OIF, 3)
		}
		return b
	}
	mpls := hdr(AF_MPLS, 20)
	mpls = nlwire.AppendBytes(mpls, RTA_DST, []byte{0, 0x10, 0x01, 0x00})
	return []compactCase{
		{"ipv4 unicast", v4(), false},
		{"ipv6 unicast", v6(), false},
		{"metrics", v4(metrics), true},
		{"unknown attribute", v4(unknown), true},
		{"more attributes than the order holds", v4(again), true},
		{"mpls label stack", mpls, true},
		{"header only", hdr(AF_INET, 0), false},
	}
}

// TestRouteCompactRoundTrip checks that RouteCompact keeps everything a
// Route holds: the value, its attribute order (so the bytes), its unknown
// attributes.
func TestRouteCompactRoundTrip(t *testing.T) {
	for _, tc := range compactCases() {
		t.Run(tc.name, func(t *testing.T) {
			var r Route
			if err := r.Decode(tc.payload); err != nil {
				t.Fatal(err)
			}
			c := r.Compact()
			if c.Spilled() != tc.spilled {
				t.Fatalf("Spilled() = %v, want %v", c.Spilled(), tc.spilled)
			}
			back := c.Route()
			if !back.Equal(&r) {
				t.Fatalf("Route() = %+v\nwant %+v", back, r)
			}
			// The Route's own encoding: the kernel's bytes, but for
			// attributes repeated (decoding keeps the last).
			want := r.Append(nil)
			if got := back.Append(nil); !bytes.Equal(got, want) {
				t.Fatalf("re-encoded\n%x\nwant\n%x", got, want)
			}
			for id := uint16(0); id < 40; id++ {
				if c.Has(id) != r.Has(id) {
					t.Errorf("Has(%d) = %v, Route says %v", id, c.Has(id), r.Has(id))
				}
			}
			if c.Header != r.Header || c.Dst != r.Dst || c.Gateway != r.Gateway || c.Table != r.Table ||
				c.OIF != r.OIF || c.Priority != r.Priority || c.PrefSrc != r.PrefSrc || c.CacheInfo != r.CacheInfo || c.Pref != r.Pref {
				t.Errorf("plain fields differ from the route: %+v", c)
			}
			// No memory shared with the decoded value.
			r.Unknown = append(r.Unknown[:0], 9, 9, 9, 9)
			r.Reset()
			again := c.Route()
			if got := again.Append(nil); !bytes.Equal(got, want) {
				t.Fatalf("changed with the value it was set from:\n%x\nwant\n%x", got, want)
			}
		})
	}
}

// TestRouteCompactSize holds the compact form to issue 13's budget for an
// owned route: at most 160 bytes.
func TestRouteCompactSize(t *testing.T) {
	if n := unsafe.Sizeof(RouteCompact{}); n > 160 {
		t.Fatalf("RouteCompact is %d bytes, budget 160", n)
	}
}

// TestRouteCompactSetAllocs: an ordinary route compacts without allocating.
func TestRouteCompactSetAllocs(t *testing.T) {
	var r Route
	if err := r.Decode(compactCases()[1].payload); err != nil {
		t.Fatal(err)
	}
	var c RouteCompact
	if n := testing.AllocsPerRun(100, func() { c.Set(&r) }); n != 0 {
		t.Fatalf("%v allocations per Set of an ordinary route", n)
	}
}
