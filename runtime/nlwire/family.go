package nlwire

import "errors"

// FamilyMPLS is AF_MPLS: its RTA_DST and RTA_NEWDST are label stacks, never
// IP addresses, whatever their size.
const FamilyMPLS = 28

// errForeign marks an address attribute that is not an IP address: a
// family that is neither AF_INET nor AF_INET6 with a payload that is neither
// 4 nor 16 bytes (AF_MCTP and AF_PHONET send one byte), an AF_MPLS label
// stack, or a struct rtvia of another family. It is not a malformed
// attribute: Malformed keeps such an attribute raw, in Unknown and in order,
// and reports nothing, so the message decodes and re-encodes whole.
var errForeign = errors.New("not an IP address")

// foreign reports whether err says an attribute was kept raw as a foreign
// address rather than being malformed.
func foreign(err error) bool { return err == errForeign }
