package reconcile

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// TestIntegrationEveryDesiredAttributeCompared: ip changes, in place, an
// attribute the desired route sets (realm, encap, expiry); the plan must
// replace the route, naming what differs, and converge again.
func TestIntegrationEveryDesiredAttributeCompared(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	var e rtnl.LwtEncap
	e.IP.SetID(7)
	e.IP.SetDst(netip.MustParseAddr("10.0.0.9"))
	va := l.idx["va"]
	realm := mustRoute(t, "10.97.0.0/24", "10.0.0.2", route.Realm(5))
	encap := mustRoute(t, "10.98.0.0/24", "10.0.0.2", route.Dev(va), route.Encap(rtnl.LWTUNNEL_ENCAP_IP, e))
	expires := mustRoute(t, "2001:db8:97::/64", "2001:db8::2", route.Expires(300))
	legs := mustRoute(t, "10.99.0.0/24", "", route.Multipath(
		route.Leg{Gateway: netip.MustParseAddr("10.0.0.2"), Dev: va, Realm: 1},
		route.Leg{Gateway: netip.MustParseAddr("10.0.0.3"), Dev: va, Realm: 2}))
	if err := r.Set([]Desired{realm, encap, expires, legs}); err != nil {
		t.Fatal(err)
	}
	applyUntilEmpty(t, r, 2)
	for _, tc := range []struct {
		ip   []string
		want string
	}{
		{[]string{"route", "replace", "10.97.0.0/24", "via", "10.0.0.2", "realm", "6", "proto", "99"}, "modified: realm"},
		{[]string{"route", "replace", "10.98.0.0/24", "via", "10.0.0.2", "dev", "va", "encap", "ip", "id", "8", "dst", "10.0.0.9", "proto", "99"}, "modified: encap"},
		{[]string{"route", "replace", "10.98.0.0/24", "via", "10.0.0.2", "dev", "va", "proto", "99"}, "modified: encap"},
		{[]string{"-6", "route", "replace", "2001:db8:97::/64", "via", "2001:db8::2", "proto", "99"}, "modified: expires"},
		{[]string{"route", "replace", "10.99.0.0/24", "proto", "99", "nexthop", "via", "10.0.0.2", "dev", "va", "realm", "1",
			"nexthop", "via", "10.0.0.3", "dev", "va", "realm", "3"}, "modified: next hops"},
	} {
		l.ip(t, tc.ip...)
		p, err := r.Plan(ctxFor(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Changes) != 1 || !strings.Contains(p.String(), tc.want) {
			t.Fatalf("after ip %s the plan is:\n%s\nwant one replace (%s)", strings.Join(tc.ip, " "), p.String(), tc.want)
		}
		applyUntilEmpty(t, r, 2)
	}
}
