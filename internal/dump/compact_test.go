package dump

import (
	"errors"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
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

// TestListCompactOddPayloads: empty payloads (only a netlink header), and
// one larger than a raw chunk, are kept and reported, never a panic.
func TestListCompactOddPayloads(t *testing.T) {
	msg := func(payload []byte) []byte {
		b, start := nlsock.BeginMessage(nil, uint16(rtnl.RTM_NEWROUTE), 0, 1)
		return nlsock.EndMessage(append(b, payload...), start)
	}
	good := captured(t, "ipv4-unicast")[0]
	big := append(append([]byte(nil), good...), make([]byte, rawChunk+100)...)
	for _, c := range []struct {
		name string
		msgs [][]byte
	}{
		{"empty only", [][]byte{nil, nil}},
		{"empty first", [][]byte{nil, good, good}},
		{"larger than a chunk", [][]byte{good, big, good}},
	} {
		var d []byte
		for _, p := range c.msgs {
			d = append(d, msg(p)...)
		}
		out, err := listCompactFrom[rtnl.Route, rtnl.RouteCompact](messagesOf(d), nil)
		if len(out) != len(c.msgs) {
			t.Fatalf("%s: %d values for %d messages (err %v)", c.name, len(out), len(c.msgs), err)
		}
		for i, p := range c.msgs {
			var want rtnl.Route
			want.Decode(p)
			if back := out[i].Route(); !back.Equal(&want) {
				t.Errorf("%s: value %d differs from its message", c.name, i)
			}
		}
	}
}
