// Package iptest compares output with iproute2's ip, for the integration
// tests of ipfmt and cmd/linx: text line by line (ip's trailing spaces
// removed), JSON as parsed values key by key and in ip's key order, in
// every combination of ip's global flags that changes what is printed.
package iptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Mode is one combination of ip's global flags.
type Mode struct {
	Flags                  []string // as given to ip: "-j", "-d", "-N"
	JSON, Details, Numeric bool
}

// Modes are the combinations every listing is compared in.
var Modes = []Mode{
	{nil, false, false, false},
	{[]string{"-d"}, false, true, false},
	{[]string{"-N"}, false, false, true},
	{[]string{"-j"}, true, false, false},
	{[]string{"-j", "-N"}, true, false, true},
	{[]string{"-j", "-d"}, true, true, false},
	{[]string{"-j", "-d", "-N"}, true, true, true},
}

// FamilyModes are Modes with ip's -4 and -6 (Flags only: the caller's
// print reads the family from them), for listings whose words give no
// family: the family flag changes what ip lists and prints (ip -4 addr
// leaves out the link/ether line, ip -6 addr reads IPv6's view of the
// links).
var FamilyModes = familyModes()

func familyModes() []Mode {
	var out []Mode
	for _, fam := range []string{"-4", "-6"} {
		for _, m := range []Mode{Modes[0], Modes[1], Modes[3], Modes[5]} { // text, -d, -j, -j -d
			m.Flags = append([]string{fam}, m.Flags...)
			out = append(out, m)
		}
	}
	return out
}

// HasFamily reports whether args give ip a family (-4, -6, -f, -family).
func HasFamily(args []string) bool {
	for _, a := range args {
		switch a {
		case "-4", "-6", "-f", "-family", "-0":
			return true
		}
	}
	return false
}

// LinkDetailsSkip are the keys ip -j -d prints for links that ipfmt does
// not print yet (IFLA_AF_SPEC's addrgenmode) or that change between two
// reads (a bridge's and a bridge port's running timers), as JSONDiffs
// skips them in a link or addr listing. IFLA_INFO_DATA and
// IFLA_INFO_SLAVE_DATA are compared: ipfmt prints them for the kinds this
// kernel has (bridge, vxlan, macvlan, macvtap, bridge ports; veth and ifb
// have none).
var LinkDetailsSkip = map[string]bool{
	"[].inet6_addr_gen_mode":            true,
	"[].linkinfo.info_data.hello_timer": true, "[].linkinfo.info_data.tcn_timer": true,
	"[].linkinfo.info_data.topology_change_timer": true, "[].linkinfo.info_data.gc_timer": true,
	"[].linkinfo.info_slave_data.hold_timer": true, "[].linkinfo.info_slave_data.message_age_timer": true,
	"[].linkinfo.info_slave_data.forward_delay_timer": true,
}

// CompareModes compares, in every mode, print(mode) with `ip -n NS
// MODE args...`. print is called again for every mode (and, when the
// comparison fails, up to twice more) right before ip runs, so that values
// the kernel counts down (lifetimes, expiry) are read at the same second.
// skip names JSON keys left out of the comparison (see JSONDiffs); with a
// skip set, -d is compared through JSON only and without key order (ip -d
// prints the skipped fields in its text too).
func CompareModes(t *testing.T, ns nlsock.NetNS, args []string, skip map[string]bool, print func(m Mode) []byte) {
	t.Helper()
	CompareIn(t, ns, Modes, args, skip, print)
}

// CompareIn is CompareModes in the modes given.
func CompareIn(t *testing.T, ns nlsock.NetNS, modes []Mode, args []string, skip map[string]bool, print func(m Mode) []byte) {
	t.Helper()
	for _, m := range modes {
		if m.Details && !m.JSON && skip != nil {
			continue
		}
		ipArgs := append(append([]string{}, m.Flags...), args...)
		what := "ip " + strings.Join(ipArgs, " ")
		var diffs []string
		for range 3 {
			ours := print(m)
			ips := []byte(nstest.IP(t, ns, ipArgs...))
			if m.JSON {
				diffs = JSONDiffs(DecodeJSON(t, what+" (ours)", ours), DecodeJSON(t, what, ips), skip)
				if len(diffs) == 0 && (skip == nil || !m.Details) {
					diffs = OrderDiffs(ours, ips)
				}
			} else {
				diffs = TextDiffs(string(ours), string(ips))
			}
			if len(diffs) == 0 {
				break
			}
		}
		Report(t, what, diffs)
	}
}

// normText removes the trailing spaces ip leaves on every line.
func normText(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// TextDiffs are the lines that differ, trailing spaces aside.
func TextDiffs(ours, ips string) []string {
	o, p := normText(ours), normText(ips)
	var diffs []string
	for i := 0; i < max(len(o), len(p)); i++ {
		var ol, pl string
		if i < len(o) {
			ol = o[i]
		}
		if i < len(p) {
			pl = p[i]
		}
		if ol != pl {
			diffs = append(diffs, fmt.Sprintf("line %d:\n ours: %q\n   ip: %q", i+1, ol, pl))
		}
	}
	return diffs
}

// Report fails the test with the first ten differences.
func Report(t testing.TB, what string, diffs []string) {
	t.Helper()
	for i, d := range diffs {
		if i == 10 {
			t.Errorf("%s: ... %d more differences", what, len(diffs)-10)
			break
		}
		t.Errorf("%s: %s", what, d)
	}
}

// DecodeJSON parses a JSON document keeping numbers as written.
func DecodeJSON(t testing.TB, what string, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: invalid JSON: %v\n%s", what, err, b)
	}
	return v
}

// JSONDiffs are the differences between two parsed values, by path. Keys
// in skip (by path with array indexes as "[]", e.g.
// "[].linkinfo.info_data") are left out of the comparison: the kernel
// sends them, ip prints them, the schema does not decode them yet (each
// caller names why).
func JSONDiffs(ours, ips any, skip map[string]bool) []string {
	var diffs []string
	var walk func(path, norm string, o, p any)
	walk = func(path, norm string, o, p any) {
		switch pv := p.(type) {
		case map[string]any:
			ov, ok := o.(map[string]any)
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s: ours %v, ip an object %v", path, o, p))
				return
			}
			keys := map[string]bool{}
			for k := range pv {
				keys[k] = true
			}
			for k := range ov {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				if skip[norm+"."+k] {
					continue
				}
				oe, okO := ov[k]
				pe, okP := pv[k]
				switch {
				case !okO:
					diffs = append(diffs, fmt.Sprintf("%s.%s: missing from ours (ip: %v)", path, k, pe))
				case !okP:
					diffs = append(diffs, fmt.Sprintf("%s.%s: ours only (%v)", path, k, oe))
				default:
					walk(path+"."+k, norm+"."+k, oe, pe)
				}
			}
		case []any:
			ov, ok := o.([]any)
			if !ok || len(ov) != len(pv) {
				diffs = append(diffs, fmt.Sprintf("%s: ours %v, ip %v", path, o, p))
				return
			}
			for i := range pv {
				walk(fmt.Sprintf("%s[%d]", path, i), norm+"[]", ov[i], pv[i])
			}
		default:
			if !reflect.DeepEqual(o, p) {
				diffs = append(diffs, fmt.Sprintf("%s: ours %#v, ip %#v", path, o, p))
			}
		}
	}
	walk("", "", ours, ips)
	return diffs
}

// OrderDiffs compares the order of the keys of two JSON documents (ip -j's
// order is part of what scripts that diff its output rely on).
func OrderDiffs(ours, ips []byte) []string {
	keys := func(b []byte) []string {
		d := json.NewDecoder(bytes.NewReader(b))
		var out []string
		for {
			tok, err := d.Token()
			if err != nil {
				return out
			}
			if k, ok := tok.(string); ok && d.More() {
				out = append(out, k)
			}
		}
	}
	o, p := strings.Join(keys(ours), " "), strings.Join(keys(ips), " ")
	if o != p {
		return []string{"key order:\n ours: " + o + "\n   ip: " + p}
	}
	return nil
}
