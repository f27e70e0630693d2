package ipfmt

import "strconv"

// The names ip reads from the files iproute2 installs in /etc/iproute2,
// as they are shipped (rt_dsfield, rt_realms). A machine may add its own;
// those are not read.

// dsfieldNames is rt_dsfield: DSCP class names for tos values.
var dsfieldNames = map[uint8]string{
	0x28: "AF11", 0x30: "AF12", 0x38: "AF13", 0x48: "AF21", 0x50: "AF22", 0x58: "AF23",
	0x68: "AF31", 0x70: "AF32", 0x78: "AF33", 0x88: "AF41", 0x90: "AF42", 0x98: "AF43",
	0x20: "CS1", 0x40: "CS2", 0x60: "CS3", 0x80: "CS4", 0xa0: "CS5", 0xc0: "CS6", 0xe0: "CS7",
	0xb8: "EF",
}

// dsfieldName is rtnl_dsfield_n2a: the class name, else (and with -N)
// "0x%02x".
func dsfieldName(tos uint8, numeric bool) string {
	if n, ok := dsfieldNames[tos]; ok && !numeric {
		return n
	}
	return "0x" + hex2(tos)
}

// realmName is rtnl_rtrealm_n2a: "cosmos" for realm 0 (rt_realms), else
// (and with -N) the number.
func realmName(r uint32, numeric bool) string {
	if r == 0 && !numeric {
		return "cosmos"
	}
	return strconv.FormatUint(uint64(r), 10)
}
