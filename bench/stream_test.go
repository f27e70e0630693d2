package bench

import (
	"encoding/binary"
	"iter"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// dumpDatagram is one route dump datagram as the kernel fills it (about 32
// KiB): RTM_NEWROUTE messages of IPv4 /24 routes with RTA_TABLE, RTA_DST,
// RTA_GATEWAY and RTA_OIF, as ip route dump shows them.
func dumpDatagram(tb testing.TB) (b []byte, routes int) {
	var r rtnl.Route
	for i := 0; len(b) < 32<<10-128; i++ {
		r.Reset()
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 24, Table: uint8(rtnl.RT_TABLE_MAIN),
			Protocol: rtnl.RTPROT_STATIC, Scope: rtnl.RT_SCOPE_UNIVERSE, Type: rtnl.RTN_UNICAST}
		r.SetTable(rtnl.RT_TABLE_MAIN)
		r.SetDst(netip.AddrFrom4([4]byte{32, byte(i >> 8), byte(i), 0}))
		r.SetGateway(netip.MustParseAddr("10.0.0.254"))
		r.SetOIF(2)
		var start int
		b, start = nlsock.BeginMessage(b, unix.RTM_NEWROUTE, nlsock.FlagMulti, 1)
		b = nlsock.EndMessage(r.Append(b), start)
		routes++
	}
	return b, routes
}

// BenchmarkStreamLayers splits the user-space cost of linx's streamed dump
// per route, on one datagram, without the kernel: reading nlmsghdr lengths
// only (the floor), nlsock's framing, plus the generated Decode, plus the
// two nested range-over-func iterators route.All stacks (nlsock.Conn.Dump's
// and internal/dump.AllWhere's). Reported per route (ns/route).
func BenchmarkStreamLayers(b *testing.B) {
	d, n := dumpDatagram(b)
	report := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/route")
	}
	b.Run("headers", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			k := 0
			for p := d; len(p) >= 16; {
				l := int(binary.NativeEndian.Uint32(p))
				if binary.NativeEndian.Uint16(p[4:]) == unix.RTM_NEWROUTE {
					k++
				}
				p = p[min((l+3)&^3, len(p)):]
			}
			if k != n {
				b.Fatal(k)
			}
		}
		report(b)
	})
	b.Run("split", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			k := 0
			for ms := nlsock.SplitMessages(d); ms.Next(); {
				if ms.Message().Header.Type == unix.RTM_NEWROUTE {
					k++
				}
			}
			if k != n {
				b.Fatal(k)
			}
		}
		report(b)
	})
	b.Run("split+decode", func(b *testing.B) {
		var r rtnl.Route
		b.ReportAllocs()
		for range b.N {
			for ms := nlsock.SplitMessages(d); ms.Next(); {
				if err := r.Decode(ms.Message().Payload); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
	b.Run("iterators+decode", func(b *testing.B) {
		msgs := func(yield func(nlsock.Message, error) bool) {
			for ms := nlsock.SplitMessages(d); ms.Next(); {
				if !yield(ms.Message(), nil) {
					return
				}
			}
		}
		routes := func(seq iter.Seq2[nlsock.Message, error]) iter.Seq2[*rtnl.Route, error] {
			return func(yield func(*rtnl.Route, error) bool) {
				v := new(rtnl.Route)
				for m, err := range seq {
					if err != nil {
						yield(nil, err)
						return
					}
					if err := v.Decode(m.Payload); err != nil {
						yield(nil, err)
						return
					}
					if !yield(v, nil) {
						return
					}
				}
			}
		}
		b.ReportAllocs()
		for range b.N {
			k := 0
			for r, err := range routes(msgs) {
				if err != nil {
					b.Fatal(err)
				}
				if r.Has(rtnl.RTA_GATEWAY) {
					k++
				}
			}
			if k != n {
				b.Fatal(k)
			}
		}
		report(b)
	})
}
