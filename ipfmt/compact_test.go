package ipfmt

import (
	"net/netip"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// TestCompactPrintsAsRoute: what route.List returns (*rtnl.RouteCompact)
// prints exactly as the route it stands for, in every form, including a
// route that keeps rare attributes behind its pointer.
func TestCompactPrintsAsRoute(t *testing.T) {
	var plain, rare rtnl.Route
	for _, r := range []*rtnl.Route{&plain, &rare} {
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 24, Table: uint8(rtnl.RT_TABLE_MAIN),
			Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
		r.SetDst(netip.MustParseAddr("192.0.2.0"))
		r.SetGateway(netip.MustParseAddr("10.0.0.1"))
		r.SetOIF(2)
		r.SetPriority(100)
	}
	rare.Metrics.SetMTU(1400)
	rare.SetNHID(7)
	for _, r := range []*rtnl.Route{&plain, &rare} {
		c := r.Compact()
		for _, o := range []Options{{}, {Details: true}, {JSON: true}, {JSON: true, Numeric: true}} {
			o.Links = Names{2: "eth0"}
			want, err := o.Append(nil, r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := o.Append(nil, &c)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%+v: compact prints %q, route %q", o, got, want)
			}
		}
	}
	if _, err := (Options{}).Append(nil, (*rtnl.RouteCompact)(nil)); err == nil {
		t.Error("a nil *RouteCompact printed without an error")
	}
}
