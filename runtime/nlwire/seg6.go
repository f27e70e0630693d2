package nlwire

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// SRH is struct ipv6_sr_hdr, an IPv6 segment routing header (RFC 8754), as
// SEG6_IPTUNNEL_SRH and SEG6_LOCAL_SRH carry it: 8 bytes of header, the
// segment list, then TLVs (an HMAC TLV when Flags has SRHFlagHMAC).
type SRH struct {
	NextHdr      uint8
	HdrLen       uint8 // in 8-byte units, not counting the first 8 bytes
	Type         uint8 // 4: segment routing
	SegmentsLeft uint8
	FirstSegment uint8 // index of the last entry of Segments (ip's "segs N" is FirstSegment+1)
	Flags        uint8
	Tag          uint16 // big-endian on the wire
	// Segments as on the wire: Segments[0] is the last segment of the path,
	// Segments[FirstSegment] the first. Decode reuses the slice.
	Segments []netip.Addr
	// TLVs are the bytes after the segment list, up to the header's length.
	TLVs []byte
}

// SRH header constants (include/uapi/linux/seg6.h, seg6_hmac.h).
const (
	SRHFlagHMAC = 1 << 3 // SR6_FLAG1_HMAC
	SRHTLVHMAC  = 5      // SR6_TLV_HMAC
	srhHMACLen  = 40     // struct sr6_tlv_hmac
)

// Decode reads an SRH from b, reusing h's buffers. The header's length must
// fit b and hold FirstSegment+1 segments.
func (h *SRH) Decode(b []byte) error {
	if len(b) < 8 {
		return lengthErr(len(b), "at least 8 (struct ipv6_sr_hdr)")
	}
	h.NextHdr, h.HdrLen, h.Type, h.SegmentsLeft, h.FirstSegment, h.Flags = b[0], b[1], b[2], b[3], b[4], b[5]
	h.Tag = binary.BigEndian.Uint16(b[6:])
	n := (int(h.HdrLen) + 1) * 8
	segs := int(h.FirstSegment) + 1
	if n > len(b) || 8+16*segs > n {
		return &LengthError{Got: len(b), Want: "an SRH of " + strconv.Itoa(n) + " bytes holding " + strconv.Itoa(segs) + " segments", What: "SRH length"}
	}
	h.Segments = h.Segments[:0]
	for i := range segs {
		h.Segments = append(h.Segments, netip.AddrFrom16([16]byte(b[8+16*i:])))
	}
	h.TLVs = append(h.TLVs[:0], b[8+16*segs:n]...)
	return nil
}

// Size is the encoded size of h: the header, the segments and the TLVs.
func (h *SRH) Size() int { return 8 + 16*len(h.Segments) + len(h.TLVs) }

// Append appends h as it stands (HdrLen and FirstSegment as set; NewSRH
// fills them in).
func (h *SRH) Append(b []byte) []byte {
	b = append(b, h.NextHdr, h.HdrLen, h.Type, h.SegmentsLeft, h.FirstSegment, h.Flags)
	b = binary.BigEndian.AppendUint16(b, h.Tag)
	for _, s := range h.Segments {
		a := s.As16()
		b = append(b, a[:]...)
	}
	return append(b, h.TLVs...)
}

// HMACKeyID is the key id of the SRH's HMAC TLV (the last 40 bytes, as the
// kernel places it), if Flags says there is one.
func (h *SRH) HMACKeyID() (uint32, bool) {
	n := len(h.TLVs)
	if h.Flags&SRHFlagHMAC == 0 || n < srhHMACLen || h.TLVs[n-srhHMACLen] != SRHTLVHMAC {
		return 0, false
	}
	return binary.BigEndian.Uint32(h.TLVs[n-srhHMACLen+4:]), true
}

// NewSRH builds the SRH `ip route ... encap seg6 segs A,B,C [hmac KEYID]`
// sends: path is the segments in the order they are visited; inline mode
// (encap false) reserves Segments[0] for the kernel to fill with the
// packet's destination. A non-zero hmacKeyID adds an HMAC TLV for the
// kernel to compute.
func NewSRH(path []netip.Addr, encap bool, hmacKeyID uint32) SRH {
	n := len(path)
	if !encap {
		n++
	}
	h := SRH{Type: 4, Segments: make([]netip.Addr, n)}
	for i := range h.Segments {
		h.Segments[i] = netip.IPv6Unspecified()
	}
	for i, a := range path {
		h.Segments[n-1-i] = netip.AddrFrom16(a.As16())
	}
	if hmacKeyID != 0 {
		h.Flags |= SRHFlagHMAC
		h.TLVs = make([]byte, srhHMACLen)
		h.TLVs[0], h.TLVs[1] = SRHTLVHMAC, srhHMACLen-2
		binary.BigEndian.PutUint32(h.TLVs[4:], hmacKeyID)
	}
	h.HdrLen = uint8(h.Size()/8 - 1)
	h.SegmentsLeft, h.FirstSegment = uint8(n-1), uint8(n-1)
	return h
}

// Seg6 tunnel modes (SEG6_IPTUN_MODE_*), the int that starts struct
// seg6_iptunnel_encap.
const (
	Seg6ModeInline     = 0
	Seg6ModeEncap      = 1
	Seg6ModeL2Encap    = 2
	Seg6ModeEncapRed   = 3
	Seg6ModeL2EncapRed = 4
)

// Seg6Encap reads struct seg6_iptunnel_encap (SEG6_IPTUNNEL_SRH): the mode,
// then the SRH into h.
func Seg6Encap(p []byte, h *SRH) (mode int32, err error) {
	if len(p) < 4 {
		return 0, lengthErr(len(p), "at least 4 (struct seg6_iptunnel_encap)")
	}
	return int32(binary.NativeEndian.Uint32(p)), h.Decode(p[4:])
}

// AppendSeg6Encap appends struct seg6_iptunnel_encap: mode, then h. It is
// the payload of SEG6_IPTUNNEL_SRH (rtnl Seg6Encap.SetSRH).
func AppendSeg6Encap(b []byte, mode int32, h *SRH) []byte {
	b = binary.NativeEndian.AppendUint32(b, uint32(mode))
	return h.Append(b)
}
