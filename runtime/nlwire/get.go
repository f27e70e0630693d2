package nlwire

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// Address families that decide the size of address attributes.
const (
	FamilyInet  = 2  // AF_INET
	FamilyInet6 = 10 // AF_INET6
)

func lengthErr(got int, want string) error { return &LengthError{Got: got, Want: want} }

// U8 reads a u8 payload; the payload must be exactly 1 byte.
func U8(p []byte) (uint8, error) {
	if len(p) != 1 {
		return 0, lengthErr(len(p), "1")
	}
	return p[0], nil
}

// U16 reads a host-order u16 payload of exactly 2 bytes.
func U16(p []byte) (uint16, error) {
	if len(p) != 2 {
		return 0, lengthErr(len(p), "2")
	}
	return binary.NativeEndian.Uint16(p), nil
}

// U32 reads a host-order u32 payload of exactly 4 bytes.
func U32(p []byte) (uint32, error) {
	if len(p) != 4 {
		return 0, lengthErr(len(p), "4")
	}
	return binary.NativeEndian.Uint32(p), nil
}

// Uint reads a host-order unsigned integer of 4 or 8 bytes (the kernel's
// NLA_UINT, and attributes such as RTA_EXPIRES that are a u32 for IPv6
// unicast routes and a u64 for multicast routes).
func Uint(p []byte) (uint64, error) {
	switch len(p) {
	case 4:
		return uint64(binary.NativeEndian.Uint32(p)), nil
	case 8:
		return binary.NativeEndian.Uint64(p), nil
	}
	return 0, lengthErr(len(p), "4 or 8")
}

// U64 reads a host-order u64 payload of exactly 8 bytes.
func U64(p []byte) (uint64, error) {
	if len(p) != 8 {
		return 0, lengthErr(len(p), "8")
	}
	return binary.NativeEndian.Uint64(p), nil
}

// BE16 reads a big-endian (network order) u16 payload of exactly 2 bytes.
func BE16(p []byte) (uint16, error) {
	if len(p) != 2 {
		return 0, lengthErr(len(p), "2")
	}
	return binary.BigEndian.Uint16(p), nil
}

// BE32 reads a big-endian (network order) u32 payload of exactly 4 bytes.
func BE32(p []byte) (uint32, error) {
	if len(p) != 4 {
		return 0, lengthErr(len(p), "4")
	}
	return binary.BigEndian.Uint32(p), nil
}

// BE64 reads a big-endian (network order) u64 payload of exactly 8 bytes.
func BE64(p []byte) (uint64, error) {
	if len(p) != 8 {
		return 0, lengthErr(len(p), "8")
	}
	return binary.BigEndian.Uint64(p), nil
}

// Flag checks that a flag attribute has an empty payload.
func Flag(p []byte) error {
	if len(p) != 0 {
		return lengthErr(len(p), "0")
	}
	return nil
}

// Addr reads an address whose size follows the message family: 4 bytes for
// AF_INET, 16 for AF_INET6, and either for any other family. An AF_MPLS
// payload, and one of another family that is neither 4 nor 16 bytes, is not
// an IP address: the error makes Malformed keep the attribute raw without
// failing the message.
func Addr(p []byte, family uint8) (netip.Addr, error) {
	if len(p) == 4 && family == FamilyInet {
		return netip.AddrFrom4([4]byte(p)), nil
	}
	return addrOther(p, family)
}

// addrOther is Addr's out-of-line part, so the IPv4 case inlines.
func addrOther(p []byte, family uint8) (netip.Addr, error) {
	switch family {
	case FamilyInet, FamilyInet6:
		if len(p) == 16 && family == FamilyInet6 {
			return netip.AddrFrom16([16]byte(p)), nil
		}
		return netip.Addr{}, addrLenErr(len(p), family)
	case FamilyMPLS:
		return netip.Addr{}, errForeign
	}
	switch len(p) {
	case 4:
		return netip.AddrFrom4([4]byte(p)), nil
	case 16:
		return netip.AddrFrom16([16]byte(p)), nil
	}
	return netip.Addr{}, errForeign
}

func addrLenErr(n int, family uint8) error {
	if family == FamilyInet {
		return lengthErr(n, "4 (AF_INET)")
	}
	return lengthErr(n, "16 (AF_INET6)")
}

// Via reads struct rtvia {__kernel_sa_family_t rtvia_family; u8 rtvia_addr[]}:
// an address that carries its own family (u16, host order). A via of
// another family (MPLS routes via a link-layer address) is not an IP
// address: the error makes Malformed keep it raw, family and bytes, without
// failing the message.
func Via(p []byte) (netip.Addr, error) {
	if len(p) < 2 {
		return netip.Addr{}, lengthErr(len(p), "at least 2")
	}
	fam := binary.NativeEndian.Uint16(p)
	a := p[2:]
	switch {
	case fam == FamilyInet && len(a) == 4:
		return netip.AddrFrom4([4]byte(a)), nil
	case fam == FamilyInet6 && len(a) == 16:
		return netip.AddrFrom16([16]byte(a)), nil
	case fam == FamilyInet:
		return netip.Addr{}, lengthErr(len(p), "6 (AF_INET via)")
	case fam == FamilyInet6:
		return netip.Addr{}, lengthErr(len(p), "18 (AF_INET6 via)")
	}
	return netip.Addr{}, errForeign
}

// CString returns the bytes of a NUL-terminated string payload, without the
// terminator and anything after it. A payload without a NUL is taken whole.
func CString(p []byte) []byte {
	for i, c := range p {
		if c == 0 {
			return p[:i]
		}
	}
	return p
}

// MinLen checks that a struct payload is at least n bytes: longer payloads
// (a newer kernel's larger struct) are accepted, shorter ones are not.
func MinLen(p []byte, n int) error {
	if len(p) < n {
		return lengthErr(len(p), "at least "+strconv.Itoa(n))
	}
	return nil
}

// MultipleOf checks that an array payload holds whole elements of n bytes.
func MultipleOf(p []byte, n int) error {
	if len(p)%n != 0 {
		return lengthErr(len(p), "a multiple of "+strconv.Itoa(n))
	}
	return nil
}
