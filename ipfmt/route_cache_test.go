package ipfmt

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// TestRouteCacheFlags: a cached IPv4 route's RTCF_* bits print as ip's
// print_cache_flags words, in text and JSON; unnamed bits in hex.
func TestRouteCacheFlags(t *testing.T) {
	for _, c := range []struct {
		flags      uint32
		text, json string
	}{
		{0, "\n    cache", `"cache":[]`},
		{0x80000000, "\n    cache <local>", `"cache":["local"]`},
		{0x90000000 | 0x00020000, "\n    cache <local,brd,dst-direct>", `"cache":["local","brd","dst-direct"]`},
		{0x00100000, "\n    cache <100000>", `"cache":["100000"]`},
	} {
		var r rtnl.Route
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 32, Table: uint8(rtnl.RT_TABLE_MAIN), Type: rtnl.RTN_LOCAL,
			Flags: rtnl.RTM_F_CLONED | rtnl.RouteFlags(c.flags)}
		r.SetDst(netip.MustParseAddr("10.0.0.1"))
		text, err := Options{}.Append(nil, &r)
		if err != nil || !strings.HasSuffix(strings.TrimRight(string(text), " \n"), c.text) {
			t.Errorf("flags %#x: text %q (%v), want it to end %q", c.flags, text, err, c.text)
		}
		js, err := Options{JSON: true}.Append(nil, &r)
		if err != nil || !strings.Contains(string(js), c.json) {
			t.Errorf("flags %#x: JSON %s (%v), want %s", c.flags, js, err, c.json)
		}
	}
}
