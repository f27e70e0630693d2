package route

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// TestDefaultScopeAsIP: the scope a new route gets when none is given is
// ip's (iproute_modify): an IPv4 route via an IPv6 gateway (RTA_VIA),
// through legs or through a nexthop object is scope universe, as one with
// an IPv4 gateway; only a unicast route with none of them is scope link.
// IPv6 routes are universe whatever their type.
func TestDefaultScopeAsIP(t *testing.T) {
	v6 := netip.MustParseAddr("2001:db8::2")
	for _, tc := range []struct {
		name string
		dst  netip.Prefix
		opts []Option
		want rtnl.Scope
	}{
		{"via inet6", pfx("10.40.0.0/16"), []Option{Via(v6), Dev(2)}, rtnl.RT_SCOPE_UNIVERSE},
		{"legs via inet6", pfx("10.41.0.0/16"), []Option{Multipath(Leg{Via: v6, Dev: 2}, Leg{Via: netip.MustParseAddr("2001:db8:1::2"), Dev: 3})}, rtnl.RT_SCOPE_UNIVERSE},
		{"legs by device only", pfx("10.41.0.0/16"), []Option{Multipath(Leg{Dev: 2}, Leg{Dev: 3})}, rtnl.RT_SCOPE_UNIVERSE},
		{"legs with gateways", pfx("10.41.0.0/16"), []Option{Multipath(Leg{Gateway: addr("10.0.0.2"), Dev: 2}, Leg{Dev: 3})}, rtnl.RT_SCOPE_UNIVERSE},
		{"nexthop object", pfx("10.42.0.0/16"), []Option{NHID(5)}, rtnl.RT_SCOPE_UNIVERSE},
		{"device only", pfx("10.43.0.0/16"), []Option{Dev(2)}, rtnl.RT_SCOPE_LINK},
		{"IPv6 device only", pfx("2001:db8:5::/48"), []Option{Dev(2)}, rtnl.RT_SCOPE_UNIVERSE},
		{"IPv6 local", pfx("2001:db8:5::1/128"), []Option{Dev(2), Type(rtnl.RTN_LOCAL)}, rtnl.RT_SCOPE_UNIVERSE},
		{"IPv4 local", pfx("10.44.0.1/32"), []Option{Dev(2), Type(rtnl.RTN_LOCAL)}, rtnl.RT_SCOPE_HOST},
	} {
		r, err := Request("add", tc.dst, netip.Addr{}, tc.opts...)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if r.Header.Scope != tc.want {
			t.Errorf("%s: scope %v, want %v", tc.name, r.Header.Scope, tc.want)
		}
	}
}

// TestGetRefusesTable: the kernel refuses a table in a get request (in the
// header: "Invalid values in header for route get request"; as RTA_TABLE:
// "Unsupported attribute"), so Get says so before sending anything.
func TestGetRefusesTable(t *testing.T) {
	for _, id := range []rtnl.Table{100, 1000} {
		_, err := (&Client{}).Get(context.Background(), netip.MustParseAddr("10.0.0.1"), Table(id))
		if err == nil || !strings.Contains(err.Error(), "no Table") {
			t.Errorf("Get with Table(%d): %v, want an error naming Table", id, err)
		}
	}
}
