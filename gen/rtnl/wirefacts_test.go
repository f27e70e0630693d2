package rtnl

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// The messages here are built from the kernel's uapi definitions and the
// fill functions that send them (net/ipv4/ipmr_base.c mr_fill_mroute,
// net/mpls/af_mpls.c mpls_dump_route, net/mctp/device.c mctp_fill_addrinfo),
// for the families this kernel cannot be asked to produce here.

// rawAttr is one attribute, padded, as nla_put writes it.
func rawAttr(typ uint16, p []byte) []byte {
	b := binary.NativeEndian.AppendUint16(nil, uint16(4+len(p)))
	b = binary.NativeEndian.AppendUint16(b, typ)
	b = append(b, p...)
	return append(b, make([]byte, nlwire.Align(len(p))-len(p))...)
}

func u32b(v uint32) []byte { return binary.NativeEndian.AppendUint32(nil, v) }
func u64b(v uint64) []byte { return binary.NativeEndian.AppendUint64(nil, v) }

// mplsLabel is one struct mpls_label entry: label 20 bits, tc 3, bos 1,
// ttl 8, big-endian.
func mplsLabel(label uint32, bos bool) []byte {
	v := label << 12
	if bos {
		v |= 1 << 8
	}
	return binary.BigEndian.AppendUint32(nil, v)
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// roundTrip checks that v decodes b without error and re-encodes to want.
func roundTrip[T any, PT interface {
	*T
	Decode([]byte) error
	Append([]byte) []byte
}](t *testing.T, b, want []byte) *T {
	t.Helper()
	v := PT(new(T))
	if err := v.Decode(b); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got := v.Append(nil); !bytes.Equal(got, want) {
		t.Fatalf("re-encoded\n %x\nwant\n %x", got, want)
	}
	return (*T)(v)
}

func TestWireFactIPMRExpiresU64(t *testing.T) {
	h := RtMsg{Family: RTNL_FAMILY_IPMR, DstLen: 32, SrcLen: 32, Table: 253, Protocol: RTPROT_STATIC, Type: RTN_MULTICAST}
	mp := cat(binary.NativeEndian.AppendUint16(nil, 8), []byte{0, 0}, u32b(3)) // struct rtnexthop, ifindex 3
	stats := cat(u64b(10), u64b(1000), u64b(0))
	attrs := func(expires []byte) []byte {
		return cat(
			rawAttr(RTA_TABLE, u32b(253)),
			rawAttr(RTA_SRC, []byte{10, 0, 0, 1}),
			rawAttr(RTA_DST, []byte{239, 1, 1, 1}),
			rawAttr(RTA_IIF, u32b(2)),
			rawAttr(RTA_MULTIPATH, mp),
			rawAttr(RTA_MFC_STATS, stats),
			rawAttr(RTA_PAD, nil), // nla_put_64bit aligns the u64
			rawAttr(RTA_EXPIRES, expires),
		)
	}
	b := h.Append(nil)
	kernel := append(b, attrs(u64b(4242))...)
	// AppendUint writes 4 bytes for a value that fits a u32: the only
	// difference from the kernel's bytes, and the same value read back.
	r := roundTrip[Route](t, kernel, append(h.Append(nil), attrs(u32b(4242))...))
	if !r.Has(RTA_EXPIRES) || r.Expires != 4242 {
		t.Fatalf("expires %v %d", r.Has(RTA_EXPIRES), r.Expires)
	}
	if r.Src != netip.MustParseAddr("10.0.0.1") || r.Dst != netip.MustParseAddr("239.1.1.1") || r.IIF != 2 {
		t.Fatalf("src %v dst %v iif %d", r.Src, r.Dst, r.IIF)
	}
	if len(r.Multipath) != 1 || r.Multipath[0].Header.Ifindex != 3 || r.MfcStats.Bytes != 1000 {
		t.Fatalf("multipath %+v stats %+v", r.Multipath, r.MfcStats)
	}
	// A u64 too big for a u32 keeps its 8 bytes.
	big := append(h.Append(nil), attrs(u64b(1<<40))...)
	r = roundTrip[Route](t, big, big)
	if r.Expires != 1<<40 {
		t.Fatalf("expires %d", r.Expires)
	}
	// IPv6 unicast sends a u32.
	h6 := hdr(AF_INET6, 0, RTN_UNICAST)
	v6 := cat(h6.Append(nil), rawAttr(RTA_EXPIRES, u32b(300)))
	if r := roundTrip[Route](t, v6, v6); r.Expires != 300 {
		t.Fatalf("v6 expires %d", r.Expires)
	}
	// Neither 4 nor 8 bytes is malformed.
	bad := cat(h6.Append(nil), rawAttr(RTA_EXPIRES, []byte{1, 2}))
	var rr Route
	if err := rr.Decode(bad); err == nil || rr.Has(RTA_EXPIRES) {
		t.Fatalf("a 2-byte RTA_EXPIRES: %v", err)
	}
}

func TestWireFactMPLSRoute(t *testing.T) {
	h := RtMsg{Family: AF_MPLS, DstLen: 20, Table: uint8(RT_TABLE_MAIN), Protocol: RTPROT_STATIC, Type: RTN_UNICAST}
	dst := rawAttr(RTA_DST, mplsLabel(100, true))
	newdst := rawAttr(RTA_NEWDST, cat(mplsLabel(200, false), mplsLabel(300, true)))
	// RTA_VIA of a link-layer neighbour: struct rtvia {AF_PACKET, MAC}.
	via := rawAttr(RTA_VIA, cat(binary.NativeEndian.AppendUint16(nil, uint16(AF_PACKET)), []byte{2, 0, 0, 0, 0, 1}))
	b := cat(h.Append(nil), dst, newdst, via, rawAttr(RTA_OIF, u32b(4)))
	r := roundTrip[Route](t, b, b)
	// A label is not an IPv4 address: RTA_DST of an AF_MPLS route is a
	// label stack (the schema's by_family). A link-layer via is not an IP
	// address: it is kept raw, with its family, and nothing else is lost.
	if !r.Has(RTA_DST) || r.Dst.IsValid() || len(r.DstLabels) != 1 || r.DstLabels[0].Entry != 100<<12|1<<8 {
		t.Fatalf("dst %v labels %+v (present %v), want the label 100", r.Dst, r.DstLabels, r.Has(RTA_DST))
	}
	if r.Has(RTA_VIA) || !bytes.Equal(r.Unknown, via) {
		t.Fatalf("via %v, unknown %x: want the raw RTA_VIA", r.Via, r.Unknown)
	}
	// RTA_NEWDST is a label stack: 200, then 300 at the bottom.
	if !r.Has(RTA_OIF) || r.OIF != 4 || len(r.NewDst) != 2 || r.NewDst[0].Entry != 200<<12 || r.NewDst[1].Entry != 300<<12|1<<8 {
		t.Fatalf("oif %d newdst %+v", r.OIF, r.NewDst)
	}
	// Four labels (16 bytes) are not an IPv6 address either.
	dst4 := rawAttr(RTA_DST, cat(mplsLabel(1, false), mplsLabel(2, false), mplsLabel(3, false), mplsLabel(4, true)))
	b = cat(h.Append(nil), dst4)
	if r := roundTrip[Route](t, b, b); r.Dst.IsValid() || len(r.DstLabels) != 4 || r.DstLabels[3].Entry>>12 != 4 {
		t.Fatalf("4 labels decoded as %v %+v", r.Dst, r.DstLabels)
	}
	// A label stack that is not whole entries is malformed.
	bad := cat(h.Append(nil), rawAttr(RTA_DST, []byte{1, 2, 3}))
	var rr Route
	if err := rr.Decode(bad); err == nil || rr.Has(RTA_DST) {
		t.Fatalf("a 3-byte label stack: %v", err)
	}
	// Built by hand: the labels, with Dst left invalid, and RTA_DST present.
	var m Route
	m.Header = h
	m.DstLabels = []MplsLabel{{Entry: 100<<12 | 1<<8}}
	m.SetPresent(RTA_DST)
	if got := m.Append(nil); !bytes.Equal(got, cat(h.Append(nil), dst)) {
		t.Fatalf("built %x, want %x", got, cat(h.Append(nil), dst))
	}
	// The same attribute of an AF_INET route is an address.
	h4 := hdr(AF_INET, 32, RTN_UNICAST)
	v4 := cat(h4.Append(nil), rawAttr(RTA_DST, mplsLabel(100, true)))
	if r := roundTrip[Route](t, v4, v4); len(r.DstLabels) != 0 || r.Dst != netip.AddrFrom4([4]byte(mplsLabel(100, true))) {
		t.Fatalf("AF_INET dst %v labels %+v", r.Dst, r.DstLabels)
	}
}

func TestWireFactOneByteAddresses(t *testing.T) {
	for _, fam := range []Family{AF_MCTP, AF_PHONET} {
		h := IfAddrMsg{Family: fam, Index: 2}
		b := cat(h.Append(nil), rawAttr(IFA_LOCAL, []byte{8}), rawAttr(IFA_ADDRESS, []byte{8}))
		a := roundTrip[Addr](t, b, b)
		if a.Has(IFA_LOCAL) || a.Has(IFA_ADDRESS) || a.Header.Index != 2 {
			t.Fatalf("%v: a one-byte address decoded as IP", fam)
		}
	}
	// A one-byte address for AF_INET is still malformed.
	h4 := IfAddrMsg{Family: AF_INET}
	b := cat(h4.Append(nil), rawAttr(IFA_LOCAL, []byte{8}))
	var a Addr
	if err := a.Decode(b); err == nil {
		t.Fatal("a one-byte AF_INET address accepted")
	}
}

func TestWireFactNestedFlagOnSend(t *testing.T) {
	var r Route
	r.Header = hdr(AF_INET, 32, RTN_UNICAST)
	r.SetEncapType(LWTUNNEL_ENCAP_MPLS)
	r.Encap.MPLS.SetDst([]MplsLabel{{Entry: 100<<12 | 1<<8}})
	r.SetPresent(RTA_ENCAP)
	b := r.Append(nil)
	typ := binary.NativeEndian.Uint16(b[attrAt(t, b, RTA_ENCAP)+2:])
	if typ&nlwire.FlagNested == 0 {
		t.Fatalf("RTA_ENCAP sent as %#x, without NLA_F_NESTED", typ)
	}
	var n NexthopObj
	n.SetEncapType(LWTUNNEL_ENCAP_MPLS)
	n.Encap.MPLS.SetTTL(9)
	n.SetPresent(NHA_ENCAP)
	b = n.Append(nil)
	off := SizeofNhMsg
	for binary.NativeEndian.Uint16(b[off+2:])&nlwire.TypeMask != NHA_ENCAP {
		off += nlwire.Align(int(binary.NativeEndian.Uint16(b[off:])))
	}
	if typ := binary.NativeEndian.Uint16(b[off+2:]); typ != NHA_ENCAP|nlwire.FlagNested {
		t.Fatalf("NHA_ENCAP sent as %#x", typ)
	}
	var fdb Neigh
	fdb.SetFDBExtAttrs([]byte{8, 0, 1, 0, 0, 0, 0, 0})
	b = fdb.Append(nil)
	if typ := binary.NativeEndian.Uint16(b[SizeofNdMsg+2:]); typ != NDA_FDB_EXT_ATTRS|nlwire.FlagNested {
		t.Fatalf("NDA_FDB_EXT_ATTRS sent as %#x", typ)
	}
}
