package rtnl

import "testing"

// The decode benchmarks run on messages captured from the kernel. The IPv4
// one carries exactly RTA_TABLE, RTA_DST, RTA_PRIORITY, RTA_PREFSRC,
// RTA_GATEWAY and RTA_OIF; every field is decoded into a reused Route.

func benchDecode(b *testing.B, name string) {
	msg := capture(b, name)
	var r Route
	if err := r.Decode(msg); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := r.Decode(msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRouteDecode(b *testing.B)          { benchDecode(b, "ipv4-unicast/msg1.hex") }
func BenchmarkRouteDecodeV6(b *testing.B)        { benchDecode(b, "ipv6-unicast/msg1.hex") }
func BenchmarkRouteDecodeMultipath(b *testing.B) { benchDecode(b, "multipath/msg2.hex") }
func BenchmarkRouteDecodeMetrics(b *testing.B)   { benchDecode(b, "metrics/msg2.hex") }

func BenchmarkRouteEncode(b *testing.B) {
	var r Route
	if err := r.Decode(capture(b, "ipv4-unicast/msg1.hex")); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, r.Size())
	b.SetBytes(int64(r.Size()))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf = r.Append(buf[:0])
	}
}

// BenchmarkRouteEncodeNew encodes a route built with setters (schema order),
// as a route add does.
func BenchmarkRouteEncodeNew(b *testing.B) {
	r := goldenRoutes["ipv4-unicast/msg1.hex"]()
	buf := make([]byte, 0, r.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf = r.Append(buf[:0])
	}
}

// benchDecodeAs decodes a captured message of another type into a reused
// value.
func benchDecodeAs(b *testing.B, v interface{ Decode([]byte) error }, name string) {
	msg := capture(b, name)
	if err := v.Decode(msg); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := v.Decode(msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLinkDecode(b *testing.B)    { benchDecodeAs(b, new(Link), "links/msg3.hex") }
func BenchmarkAddrDecode(b *testing.B)    { benchDecodeAs(b, new(Addr), "addrs/msg2.hex") }
func BenchmarkAddrDecodeV6(b *testing.B)  { benchDecodeAs(b, new(Addr), "addrs/msg12.hex") }
func BenchmarkNeighDecode(b *testing.B)   { benchDecodeAs(b, new(Neigh), "neighs/msg2.hex") }
func BenchmarkRuleDecode(b *testing.B)    { benchDecodeAs(b, new(Rule), "rules/msg2.hex") }
func BenchmarkNexthopDecode(b *testing.B) { benchDecodeAs(b, new(NexthopObj), "nexthops/msg1.hex") }
func BenchmarkNexthopGroupDecode(b *testing.B) {
	benchDecodeAs(b, new(NexthopObj), "nexthops/msg5.hex")
}
