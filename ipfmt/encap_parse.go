package ipfmt

import (
	"fmt"
	"sort"
	"strings"
)

// The encapsulation words a listing prints, read back: what linx route
// add takes for them, from the same tables the printer uses.

// seg6FlavorNames is seg6_flavor_names: the SEG6_LOCAL_FLV_OP_* bits.
var seg6FlavorNames = []string{1: "psp", 2: "usp", 3: "usd", 4: "next-csid"}

// ParseSeg6Mode is a seg6 encap mode by its word ("inline", "encap",
// "l2encap", "encap.red", "l2encap.red"): SEG6_IPTUN_MODE_*.
func ParseSeg6Mode(s string) (int32, error) {
	for m, n := range seg6ModeNames {
		if n == s {
			return int32(m), nil
		}
	}
	return 0, fmt.Errorf("invalid mode %q: want %s", s, strings.Join(seg6ModeNames, ", "))
}

// ParseSeg6Flavors is seg6local's "flavors" value, names joined by ","
// (as parse_seg6local_flavors, case-insensitive, each once): the
// SEG6_LOCAL_FLV_OPERATION bit mask.
func ParseSeg6Flavors(s string) (uint32, error) {
	var mask uint32
	for _, name := range strings.Split(s, ",") {
		bit := -1
		for b, n := range seg6FlavorNames {
			if n != "" && strings.EqualFold(n, name) {
				bit = b
			}
		}
		if bit < 0 || mask&(1<<bit) != 0 {
			return 0, fmt.Errorf("invalid flavors %q: want %s, each once, joined by ,", s, strings.Join(seg6FlavorNames[1:], ", "))
		}
		mask |= 1 << bit
	}
	return mask, nil
}

// ParseILAWord is the value of ila's "csum-mode", "ident-type" or
// "hook-type" (word) by its name as the listing prints it.
func ParseILAWord(word, s string) (uint8, error) {
	names := map[string]map[uint8]string{"csum-mode": ilaCsumModes, "ident-type": ilaIdentTypes, "hook-type": ilaHookTypes}[word]
	if names == nil {
		return 0, fmt.Errorf("ila has no %q", word)
	}
	var all []string
	for v, n := range names {
		if n == s {
			return v, nil
		}
		all = append(all, n)
	}
	sort.Strings(all)
	return 0, fmt.Errorf("invalid %s %q: want one of %s", word, s, strings.Join(all, ", "))
}
