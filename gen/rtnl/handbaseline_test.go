package rtnl

import (
	"encoding/binary"
	"net/netip"
	"testing"
)

// handRoute and handDecode are the yardstick for BenchmarkRouteDecode: a
// hand-written, zero-allocation decoder of the same six attributes, with
// none of the generated decoder's duties (presence, order, unknown
// attributes, length checks, error reports).
type handRoute struct {
	table, prio, oif  uint32
	dst, prefsrc, gw  netip.Addr
	family, dstLen    uint8
	protocol, rtmType uint8
}

func handDecode(b []byte, r *handRoute) {
	r.family, r.dstLen, r.protocol, r.rtmType = b[0], b[1], b[5], b[7]
	b = b[12:]
	for len(b) >= 4 {
		n := int(binary.NativeEndian.Uint16(b))
		if n < 4 || n > len(b) {
			return
		}
		p := b[4:n]
		switch binary.NativeEndian.Uint16(b[2:]) {
		case 15:
			r.table = binary.NativeEndian.Uint32(p)
		case 6:
			r.prio = binary.NativeEndian.Uint32(p)
		case 4:
			r.oif = binary.NativeEndian.Uint32(p)
		case 1:
			r.dst = netip.AddrFrom4([4]byte(p))
		case 7:
			r.prefsrc = netip.AddrFrom4([4]byte(p))
		case 5:
			r.gw = netip.AddrFrom4([4]byte(p))
		}
		b = b[min((n+3)&^3, len(b)):]
	}
}

func BenchmarkRouteDecodeHandWritten(b *testing.B) {
	msg := capture(b, "ipv4-unicast/msg1.hex")
	var r handRoute
	b.ReportAllocs()
	for range b.N {
		handDecode(msg, &r)
	}
	if r.gw != ip("10.0.0.254") || r.oif != 3 {
		b.Fatalf("hand decoder: %+v", r)
	}
}
