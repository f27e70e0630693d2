package dump

import (
	"errors"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// TestListCompactMatchesList: the compact list of captured route dumps
// (a bad message among them) gives back, route for route, what List
// returns, with the same decode errors; a filter is applied the same way.
func TestListCompactMatchesList(t *testing.T) {
	var msgs [][]byte
	for _, name := range []string{"ipv4-unicast", "multipath", "ipv6-unicast", "metrics"} {
		msgs = append(msgs, captured(t, name)...)
	}
	c := build[rtnl.Route](t, msgs, rtnl.RTA_GATEWAY, []byte{10, 0, 0})
	for _, keep := range []func(*rtnl.Route) bool{nil, func(r *rtnl.Route) bool { return r.Header.Family == rtnl.AF_INET6 }} {
		full, ferr := listFrom[rtnl.Route](messagesOf(c.datagram), keep)
		compact, cerr := listCompactFrom[rtnl.Route, rtnl.RouteCompact](messagesOf(c.datagram), keep)
		if len(compact) != len(full) || len(full) == 0 {
			t.Fatalf("%d compact routes, %d full ones", len(compact), len(full))
		}
		var fd, cd nlwire.DecodeErrors
		if !errors.As(ferr, &fd) || !errors.As(cerr, &cd) || len(fd) != len(cd) {
			t.Fatalf("errors differ: %v / %v", ferr, cerr)
		}
		spilled := 0
		for i := range full {
			back := compact[i].Route()
			if !back.Equal(&full[i]) {
				t.Errorf("route %d: compact gives back %+v\nwant %+v", i, back, full[i])
			}
			if compact[i].Spilled() {
				spilled++
			}
		}
		if spilled == 0 || spilled == len(full) {
			t.Errorf("%d of %d routes spilled: the captures hold both kinds", spilled, len(full))
		}
	}
}
