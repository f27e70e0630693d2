package ipfmt

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseDSField is rtnl_dsfield_a2n, the inverse of the tos/dsfield word a
// route listing prints: a class name of rt_dsfield (AF11, EF, CS1, ...)
// or a hexadecimal value ("0x10" or "10", as ip reads it).
func ParseDSField(s string) (uint8, error) {
	for v, n := range dsfieldNames {
		if strings.EqualFold(n, s) {
			return v, nil
		}
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(s), "0x"), 16, 8)
	if err != nil {
		return 0, fmt.Errorf("invalid dsfield %q: want a class name (AF11, EF, CS1, ...) or a hex value 0x00..0xff", s)
	}
	return uint8(n), nil
}

// ParseRealms is the inverse of the realm words a listing prints: "TO"
// (realm) or "FROM/TO" (realms), each a number or "cosmos" (0), as the
// RTA_FLOW value FROM<<16 | TO.
func ParseRealms(s string) (uint32, error) {
	one := func(w string) (uint32, error) {
		if w == "cosmos" {
			return 0, nil
		}
		n, err := strconv.ParseUint(w, 0, 16)
		if err != nil {
			return 0, fmt.Errorf("invalid realm %q: want cosmos or a number 0..65535", w)
		}
		return uint32(n), nil
	}
	from, to, two := strings.Cut(s, "/")
	if !two {
		return one(s)
	}
	f, err := one(from)
	if err != nil {
		return 0, err
	}
	t, err := one(to)
	if err != nil {
		return 0, err
	}
	return f<<16 | t, nil
}
