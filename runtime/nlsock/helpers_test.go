package nlsock_test

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// dial opens a Conn in ns, closed when the test ends.
func dial(t testing.TB, ns nlsock.NetNS, opts ...nlsock.Option) *nlsock.Conn {
	t.Helper()
	c, err := nlsock.Dial(append([]nlsock.Option{nlsock.WithNetNS(ns)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// forAttrs calls fn for each rtattr in b.
func forAttrs(b []byte, fn func(typ uint16, v []byte)) {
	for len(b) >= 4 {
		l := int(ne.Uint16(b))
		if l < 4 || l > len(b) {
			return
		}
		fn(ne.Uint16(b[2:])&0x3fff, b[4:l])
		n := (l + 3) &^ 3
		if n >= len(b) {
			return
		}
		b = b[n:]
	}
}

// ifinfomsg is a zeroed struct ifinfomsg (family AF_UNSPEC).
func ifinfomsg() []byte { return make([]byte, unix.SizeofIfInfomsg) }

type link struct {
	index int32
	name  string
	mtu   uint32
}

// links dumps the links visible to c.
func links(t testing.TB, c *nlsock.Conn) []link {
	t.Helper()
	var out []link
	for m, err := range c.Dump(ctxTimeout(t, 5*time.Second), "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg()) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != unix.RTM_NEWLINK || len(m.Payload) < unix.SizeofIfInfomsg {
			t.Fatalf("unexpected message %+v", m.Header)
		}
		l := link{index: int32(ne.Uint32(m.Payload[4:8]))}
		forAttrs(m.Payload[unix.SizeofIfInfomsg:], func(typ uint16, v []byte) {
			switch typ {
			case unix.IFLA_IFNAME:
				l.name = string(v[:len(v)-1])
			case unix.IFLA_MTU:
				l.mtu = ne.Uint32(v)
			}
		})
		out = append(out, l)
	}
	return out
}

// rtmsg builds a struct rtmsg for family AF_INET.
func rtmsg(dstLen, table, proto, scope, typ uint8) []byte {
	return []byte{unix.AF_INET, dstLen, 0, 0, table, proto, scope, typ, 0, 0, 0, 0}
}

// route builds an IPv4 route payload: rtmsg, RTA_DST and, if gw is valid,
// RTA_GATEWAY.
func route(dst netip.Prefix, gw netip.Addr, typ uint8) []byte {
	b := rtmsg(uint8(dst.Bits()), unix.RT_TABLE_MAIN, unix.RTPROT_STATIC, unix.RT_SCOPE_UNIVERSE, typ)
	b = nlattr(b, unix.RTA_DST, dst.Addr().AsSlice())
	if gw.IsValid() {
		b = nlattr(b, unix.RTA_GATEWAY, gw.AsSlice())
	}
	return b
}

// blackholes returns n distinct /32 prefixes in 10.0.0.0/8 from offset.
func blackholes(n, offset int) []netip.Prefix {
	out := make([]netip.Prefix, n)
	for i := range out {
		v := offset + i + 1
		out[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(v >> 16), byte(v >> 8), byte(v)}), 32)
	}
	return out
}

// countRoutes dumps main-table IPv4 routes with c and counts them.
func countRoutes(t testing.TB, c *nlsock.Conn) int {
	t.Helper()
	n := 0
	req := rtmsg(0, unix.RT_TABLE_MAIN, 0, 0, 0)
	for m, err := range c.Dump(ctxTimeout(t, 10*time.Second), "RTM_GETROUTE", unix.RTM_GETROUTE, 0, req) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type == unix.RTM_NEWROUTE {
			n++
		}
	}
	return n
}
