package rtnl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// Encapsulations built from the uapi headers (lwtunnel.h,
// mpls_iptunnel.h, seg6_iptunnel.h) as lwtunnel_fill_encap sends them:
// RTA_ENCAP without NLA_F_NESTED, then RTA_ENCAP_TYPE.

func u16b(v uint16) []byte { return binary.NativeEndian.AppendUint16(nil, v) }

func mplsEncapRoute(ttl []byte) []byte {
	h := hdr(AF_INET, 24, RTN_UNICAST)
	encap := cat(rawAttr(MPLS_IPTUNNEL_DST, cat(mplsLabel(100, false), mplsLabel(200, true))), rawAttr(MPLS_IPTUNNEL_TTL, ttl))
	return cat(h.Append(nil),
		rawAttr(RTA_TABLE, u32b(254)),
		rawAttr(RTA_DST, []byte{10, 9, 0, 0}),
		rawAttr(RTA_ENCAP, encap),
		rawAttr(RTA_ENCAP_TYPE, u16b(uint16(LWTUNNEL_ENCAP_MPLS))),
		rawAttr(RTA_OIF, u32b(2)))
}

func TestEncapMPLSSelectedAfter(t *testing.T) {
	b := mplsEncapRoute([]byte{5})
	r := roundTrip[Route](t, b, b) // byte-exact: still without NLA_F_NESTED
	m := &r.Encap.MPLS
	if !r.Has(RTA_ENCAP) || !m.Has(MPLS_IPTUNNEL_DST) || !m.Has(MPLS_IPTUNNEL_TTL) || m.TTL != 5 {
		t.Fatalf("encap %+v", r.Encap)
	}
	if len(m.Dst) != 2 || m.Dst[0].Entry>>12 != 100 || m.Dst[1].Entry>>12 != 200 || m.Dst[1].Entry&(1<<8) == 0 {
		t.Fatalf("labels %+v", m.Dst)
	}
	// Only the selected variant holds anything.
	if r.Encap.IP.Has(LWTUNNEL_IP_ID) || r.Encap.Seg6.Has(SEG6_IPTUNNEL_SRH) {
		t.Fatal("another variant decoded")
	}
	// A value reused for another encapsulation keeps nothing of this one.
	b2 := cat(hdr(AF_INET, 24, RTN_UNICAST).appendTo(), rawAttr(RTA_ENCAP, rawAttr(LWTUNNEL_IP_TTL, []byte{3})), rawAttr(RTA_ENCAP_TYPE, u16b(uint16(LWTUNNEL_ENCAP_IP))))
	if err := r.Decode(b2); err != nil {
		t.Fatal(err)
	}
	if r.Encap.MPLS.Has(MPLS_IPTUNNEL_TTL) || len(r.Encap.MPLS.Dst) != 0 || r.Encap.IP.TTL != 3 {
		t.Fatalf("reused: %+v", r.Encap)
	}
	if got := r.Append(nil); !bytes.Equal(got, b2) {
		t.Fatalf("reused re-encodes %x, want %x", got, b2)
	}
}

// appendTo is Append on a copy, for building test messages inline.
func (h RtMsg) appendTo() []byte { return h.Append(nil) }

func TestEncapUnknownTypeKeptRaw(t *testing.T) {
	// LWTUNNEL_ENCAP_IOAM6 (9) has no variant: its payload stays raw.
	payload := rawAttr(1|nlwire.FlagNested, []byte{1, 2, 3, 4})
	b := cat(hdr(AF_INET6, 64, RTN_UNICAST).appendTo(), rawAttr(RTA_ENCAP, payload), rawAttr(RTA_ENCAP_TYPE, u16b(uint16(LWTUNNEL_ENCAP_IOAM6))))
	r := roundTrip[Route](t, b, b)
	if !bytes.Equal(r.Encap.Raw, payload) {
		t.Fatalf("raw %x", r.Encap.Raw)
	}
	// Without its selector, a payload is raw too.
	b = cat(hdr(AF_INET6, 64, RTN_UNICAST).appendTo(), rawAttr(RTA_ENCAP, payload))
	r = roundTrip[Route](t, b, b)
	if !r.Has(RTA_ENCAP) || r.Has(RTA_ENCAP_TYPE) || !bytes.Equal(r.Encap.Raw, payload) {
		t.Fatalf("no selector: %+v", r.Encap)
	}
}

func TestEncapMalformedVariant(t *testing.T) {
	b := mplsEncapRoute([]byte{5, 0}) // MPLS_IPTUNNEL_TTL is a u8
	var r Route
	err := r.Decode(b)
	var de *nlwire.DecodeError
	if !errors.As(err, &de) || de.Attr != "RTA_ENCAP" || de.Offset != attrAt(t, b, RTA_ENCAP) {
		t.Fatalf("error %v, want one naming RTA_ENCAP at its offset", err)
	}
	// The rest of the message is kept, and the payload re-encodes as it came.
	if !r.Has(RTA_OIF) || !r.Has(RTA_ENCAP_TYPE) {
		t.Fatal("attributes lost")
	}
	if got := r.Append(nil); !bytes.Equal(got, b) {
		t.Fatalf("re-encoded\n %x\nwant\n %x", got, b)
	}
}

func TestEncapOnMultipathLegAndNexthop(t *testing.T) {
	seg := []netip.Addr{netip.MustParseAddr("2001:db8::2"), netip.MustParseAddr("2001:db8::3")}
	h := nlwire.NewSRH(seg, true, 0)
	srh := nlwire.AppendSeg6Encap(nil, nlwire.Seg6ModeEncap, &h)
	leg := cat(rawAttr(RTA_ENCAP, rawAttr(SEG6_IPTUNNEL_SRH, srh)), rawAttr(RTA_ENCAP_TYPE, u16b(uint16(LWTUNNEL_ENCAP_SEG6))))
	rtnh := cat(u16b(uint16(8+len(leg))), []byte{0, 0}, u32b(2), leg)
	b := cat(hdr(AF_INET, 16, RTN_UNICAST).appendTo(), rawAttr(RTA_MULTIPATH, rtnh))
	r := roundTrip[Route](t, b, b)
	nh := &r.Multipath[0]
	var got nlwire.SRH
	mode, err := nlwire.Seg6Encap(nh.Encap.Seg6.SRH, &got)
	if err != nil || mode != nlwire.Seg6ModeEncap || len(got.Segments) != 2 || got.Segments[1] != seg[0] || got.Segments[0] != seg[1] {
		t.Fatalf("leg encap: mode %d %v %+v", mode, err, got)
	}
	if _, ok := got.HMACKeyID(); ok {
		t.Fatal("an HMAC without the flag")
	}
	// NHA_ENCAP in a nexthop object, selected by NHA_ENCAP_TYPE.
	var nho NexthopObj
	nho.Header.Family = AF_INET
	nho.SetID(7)
	nho.SetEncapType(LWTUNNEL_ENCAP_SEG6)
	nho.Encap.Seg6.SetSRH(srh)
	nho.SetPresent(NHA_ENCAP)
	var back NexthopObj
	if err := back.Decode(nho.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(&nho) || !bytes.Equal(back.Encap.Seg6.SRH, srh) {
		t.Fatalf("nexthop encap did not round-trip: %+v", back.Encap.Seg6)
	}
}

func TestSRHWithHMAC(t *testing.T) {
	h := nlwire.NewSRH([]netip.Addr{netip.MustParseAddr("2001:db8::2")}, false, 7)
	b := h.Append(nil)
	if len(b) != h.Size() || int(b[1]) != len(b)/8-1 {
		t.Fatalf("hdrlen %d for %d bytes", b[1], len(b))
	}
	var got nlwire.SRH
	if err := got.Decode(b); err != nil {
		t.Fatal(err)
	}
	if id, ok := got.HMACKeyID(); !ok || id != 7 || len(got.Segments) != 2 || got.Segments[0] != netip.IPv6Unspecified() {
		t.Fatalf("%+v", got)
	}
	if err := got.Decode(b[:len(b)-8]); err == nil {
		t.Fatal("a truncated SRH decoded")
	}
}

func TestEncapDecodeAllocs(t *testing.T) {
	b := mplsEncapRoute([]byte{5})
	var r Route
	if n := testing.AllocsPerRun(100, func() { _ = r.Decode(b) }); n != 0 {
		t.Fatalf("%v allocations per decode of an encap route", n)
	}
}

func BenchmarkRouteDecodeEncap(b *testing.B) {
	msg := mplsEncapRoute([]byte{5})
	var r Route
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if err := r.Decode(msg); err != nil {
			b.Fatal(err)
		}
	}
}
