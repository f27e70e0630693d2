package nlwire

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// The Append* functions append one whole attribute (header, payload and
// alignment padding) to b and return the extended slice. They allocate only
// when b has no room.

// appendHeader appends an attribute header for a payload of n bytes; the
// callers with payloads of any size check n first (fixed-size ones cannot
// overflow).
func appendHeader(b []byte, typ uint16, n int) []byte {
	b = binary.NativeEndian.AppendUint16(b, uint16(AttrHeaderLen+n))
	return binary.NativeEndian.AppendUint16(b, typ)
}

// tooLong panics: an attribute payload over 65531 bytes has no wire form
// (nla_len is 16 bits), and writing a wrapped length would make the kernel
// read the rest of the payload as further attributes. Decoded values never
// get here; a value built by hand with such a payload is a programming error.
//
//go:noinline
func tooLong(typ uint16, n int) {
	panic("nlwire: attribute type " + strconv.Itoa(int(typ&TypeMask)) + " with a payload of " + strconv.Itoa(n) + " bytes does not fit nla_len (at most 65531)")
}

var zeros [AttrAlignTo]byte

func pad(b []byte, n int) []byte { return append(b, zeros[:Align(n)-n]...) }

// AppendU8 appends a u8 attribute.
func AppendU8(b []byte, typ uint16, v uint8) []byte {
	return append(appendHeader(b, typ, 1), v, 0, 0, 0)
}

// AppendU16 appends a host-order u16 attribute.
func AppendU16(b []byte, typ uint16, v uint16) []byte {
	return append(binary.NativeEndian.AppendUint16(appendHeader(b, typ, 2), v), 0, 0)
}

// AppendU32 appends a host-order u32 attribute.
func AppendU32(b []byte, typ uint16, v uint32) []byte {
	return binary.NativeEndian.AppendUint32(appendHeader(b, typ, 4), v)
}

// AppendU64 appends a host-order u64 attribute.
func AppendU64(b []byte, typ uint16, v uint64) []byte {
	return binary.NativeEndian.AppendUint64(appendHeader(b, typ, 8), v)
}

// UintLen is the payload size AppendUint writes for v: 4 bytes when v fits
// a u32, else 8.
func UintLen(v uint64) int {
	if v <= 0xffffffff {
		return 4
	}
	return 8
}

// AppendUint appends an unsigned integer attribute of 4 bytes when v fits a
// u32 and 8 otherwise, as the kernel's nla_put_uint does.
func AppendUint(b []byte, typ uint16, v uint64) []byte {
	if v <= 0xffffffff {
		return AppendU32(b, typ, uint32(v))
	}
	return AppendU64(b, typ, v)
}

// AppendBE16 appends a big-endian u16 attribute.
func AppendBE16(b []byte, typ uint16, v uint16) []byte {
	return append(binary.BigEndian.AppendUint16(appendHeader(b, typ, 2), v), 0, 0)
}

// AppendBE32 appends a big-endian u32 attribute.
func AppendBE32(b []byte, typ uint16, v uint32) []byte {
	return binary.BigEndian.AppendUint32(appendHeader(b, typ, 4), v)
}

// AppendBE64 appends a big-endian u64 attribute.
func AppendBE64(b []byte, typ uint16, v uint64) []byte {
	return binary.BigEndian.AppendUint64(appendHeader(b, typ, 8), v)
}

// AppendFlag appends an attribute with an empty payload.
func AppendFlag(b []byte, typ uint16) []byte { return appendHeader(b, typ, 0) }

// AppendBytes appends an attribute whose payload is p.
func AppendBytes(b []byte, typ uint16, p []byte) []byte {
	if len(p) > MaxAttrPayload {
		tooLong(typ, len(p))
	}
	return pad(append(appendHeader(b, typ, len(p)), p...), len(p))
}

// AppendString appends a NUL-terminated string attribute.
func AppendString(b []byte, typ uint16, s []byte) []byte {
	n := len(s) + 1
	if n > MaxAttrPayload {
		tooLong(typ, n)
	}
	b = append(appendHeader(b, typ, n), s...)
	return pad(append(b, 0), n)
}

// AddrLen is the payload size of an address attribute holding a.
func AddrLen(a netip.Addr) int {
	switch {
	case a.Is4():
		return 4
	case a.Is6():
		return 16
	}
	return 0
}

// AppendAddr appends an address attribute: 4 bytes for IPv4, 16 for IPv6,
// and an empty payload for the zero Addr.
func AppendAddr(b []byte, typ uint16, a netip.Addr) []byte {
	switch {
	case a.Is4():
		v := a.As4()
		return append(appendHeader(b, typ, 4), v[:]...)
	case a.Is6():
		v := a.As16()
		return append(appendHeader(b, typ, 16), v[:]...)
	}
	return appendHeader(b, typ, 0)
}

// ViaLen is the payload size of a struct rtvia holding a.
func ViaLen(a netip.Addr) int { return 2 + AddrLen(a) }

// AppendVia appends a struct rtvia attribute: the address family (u16) then
// the address.
func AppendVia(b []byte, typ uint16, a netip.Addr) []byte {
	n := ViaLen(a)
	b = appendHeader(b, typ, n)
	switch {
	case a.Is4():
		v := a.As4()
		b = append(binary.NativeEndian.AppendUint16(b, FamilyInet), v[:]...)
	case a.Is6():
		v := a.As16()
		b = append(binary.NativeEndian.AppendUint16(b, FamilyInet6), v[:]...)
	default:
		b = binary.NativeEndian.AppendUint16(b, 0)
	}
	return pad(b, n)
}

// BeginAttr appends an attribute header whose length is not known yet and
// returns the extended slice and the header's offset, for EndAttr.
func BeginAttr(b []byte, typ uint16) ([]byte, int) {
	return appendHeader(b, typ, 0), len(b)
}

// EndAttr pads the attribute begun at start and writes its length. An
// attribute longer than 65535 bytes has no wire form: EndAttr panics rather
// than write a wrong nla_len. Decoded values never get there (decoders
// reject what would not re-encode); a value built by hand can.
func EndAttr(b []byte, start int) []byte {
	n := len(b) - start
	if n > 0xffff {
		panic("nlwire: attribute of " + strconv.Itoa(n) + " bytes does not fit nla_len (at most 65535)")
	}
	binary.NativeEndian.PutUint16(b[start:], uint16(n))
	return pad(b, n)
}

// MaxAttrPayload is the largest attribute payload: nla_len is 16 bits and
// counts the 4-byte header.
const MaxAttrPayload = 0xffff - AttrHeaderLen

// MayOutgrow reports whether a nest or record payload of n bytes could
// re-encode past MaxAttrPayload: each attribute inside grows by at most 4
// bytes (a NUL and padding) and is at least 4 bytes long, so only payloads
// over half the limit need the exact check.
func MayOutgrow(n int) bool { return n > MaxAttrPayload/2 }

// FitsAttr checks that a payload of n bytes, as it would be re-encoded,
// fits in one attribute. Decoders use it where encoding adds bytes the
// input lacked (a string's NUL, alignment inside a nest).
func FitsAttr(n int) error {
	if n > MaxAttrPayload {
		return &LengthError{What: "re-encoded payload length", Got: n, Want: "at most " + strconv.Itoa(MaxAttrPayload)}
	}
	return nil
}
