package reconcile

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// desiredMix is a set of routes covering both families, multipath,
// metrics, other tables and route types.
func desiredMix(t testing.TB, l *lab) []Desired {
	t.Helper()
	va := l.idx["va"]
	mp4, err := Multipath(netip.MustParsePrefix("10.20.0.0/16"), []Hop{
		{Gateway: netip.MustParseAddr("10.0.0.2"), Weight: 3},
		{Gateway: netip.MustParseAddr("10.0.0.3"), Dev: va},
	}, route.MTU(1400))
	if err != nil {
		t.Fatal(err)
	}
	mp6, err := Multipath(netip.MustParsePrefix("2001:db8:20::/48"), []Hop{
		{Gateway: netip.MustParseAddr("2001:db8::3")},
		{Gateway: netip.MustParseAddr("2001:db8::2"), Weight: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	one, err := Multipath(netip.MustParsePrefix("10.21.0.0/16"), []Hop{{Gateway: netip.MustParseAddr("10.0.0.2"), Weight: 7}})
	if err != nil {
		t.Fatal(err)
	}
	return []Desired{
		mustRoute(t, "10.1.0.0/24", "10.0.0.2"),
		mustRoute(t, "10.1.0.0/24", "10.0.0.3", route.Metric(200), route.AdvMSS(1300)),
		mustRoute(t, "10.2.0.0/24", "", route.Dev(va)),
		mustRoute(t, "10.3.0.0/24", "", route.Type(rtnl.RTN_BLACKHOLE), route.Table(100)),
		mustRoute(t, "0.0.0.0/0", "10.0.0.254", route.Table(1000), route.Src(netip.MustParseAddr("10.0.0.1"))),
		mustRoute(t, "2001:db8:1::/64", "2001:db8::2"),
		mustRoute(t, "2001:db8:2::/64", "2001:db8::2", route.Metric(0), route.Pref(rtnl.ICMPV6_ROUTER_PREF_HIGH)),
		mustRoute(t, "2001:db8:3::/64", "", route.Type(rtnl.RTN_UNREACHABLE), route.Metric(300)),
		mustRoute(t, "2001:db8:4::/64", "", route.Dev(va), route.MTU(1300)),
		mp4, mp6, one,
	}
}

func TestIntegrationApplyLeavesForeignAndConverges(t *testing.T) {
	l := newLab(t)
	// Foreign: other protocols in the same tables, and one of ours in a
	// table outside the owned ones.
	l.ip(t, "route", "add", "10.9.0.0/24", "via", "10.0.0.9", "proto", "static")
	l.ip(t, "route", "add", "10.9.1.0/24", "via", "10.0.0.9")
	l.ip(t, "-6", "route", "add", "2001:db8:9::/64", "via", "2001:db8::9", "proto", "bird")
	l.ip(t, "route", "add", "10.9.2.0/24", "via", "10.0.0.9", "proto", "99", "table", "77")
	l.ip(t, "-6", "route", "add", "2001:db8:92::/64", "via", "2001:db8::9", "proto", "99", "table", "77")
	// An owned route not desired, in an owned table: to be deleted.
	l.ip(t, "route", "add", "10.8.0.0/24", "via", "10.0.0.8", "proto", "99")
	l.ip(t, "-6", "route", "add", "2001:db8:8::/64", "via", "2001:db8::8", "proto", "99", "table", "100")

	foreign4 := l.routes(t, "-4", "proto", "static")
	foreign4 = append(foreign4, l.routes(t, "-4", "proto", "boot")...)
	foreign6 := l.routes(t, "-6", "proto", "bird")
	other := append(l.routes(t, "-4", "table", "77"), l.routes(t, "-6", "table", "77")...)

	r := l.reconciler(t, Config{Tables: []uint32{254, 100, 1000}})
	if err := r.Set(desiredMix(t, l)); err != nil {
		t.Fatal(err)
	}
	ctx := ctxFor(t, 20*time.Second)
	p, err := r.Apply(ctx)
	if err != nil {
		t.Fatalf("apply: %v\nplan:\n%s", err, p.String())
	}
	var adds, dels int
	for _, c := range p.Changes {
		switch c.Op {
		case OpAdd:
			adds++
		case OpDelete:
			dels++
		}
	}
	if adds != 12 || dels != 2 {
		t.Errorf("plan: %d adds, %d deletes; want 12 and 2:\n%s", adds, dels, p.String())
	}
	emptyPlan(t, r)
	// A second Apply writes nothing (idempotent).
	if p, err := r.Apply(ctx); err != nil || !p.Empty() {
		t.Fatalf("second apply: %v\n%s", err, p.String())
	}
	for _, st := range r.Statuses() {
		if st.Status != Programmed {
			t.Errorf("%s: %s (%v)", st.Route, st.Status, st.Err)
		}
	}
	if got := append(l.routes(t, "-4", "proto", "static"), l.routes(t, "-4", "proto", "boot")...); !slices.Equal(got, foreign4) {
		t.Errorf("foreign IPv4 routes changed:\n got %q\nwant %q", got, foreign4)
	}
	if got := l.routes(t, "-6", "proto", "bird"); !slices.Equal(got, foreign6) {
		t.Errorf("foreign IPv6 routes changed:\n got %q\nwant %q", got, foreign6)
	}
	if got := append(l.routes(t, "-4", "table", "77"), l.routes(t, "-6", "table", "77")...); !slices.Equal(got, other) {
		t.Errorf("routes in a table outside the scope changed:\n got %q\nwant %q", got, other)
	}
	owned := append(l.routes(t, "-4", "proto", "99"), l.routes(t, "-6", "proto", "99")...)
	t.Logf("owned after apply:\n%q", owned)
	for _, gone := range []string{"10.8.0.0/24", "2001:db8:8::/64"} {
		for _, s := range owned {
			if strings.Contains(s, " "+gone+" ") {
				t.Errorf("extra route %s not deleted", gone)
			}
		}
	}
	if len(owned) != 12+2 { // 12 desired, plus the two of table 77
		t.Errorf("%d owned routes in the kernel, want 14:\n%q", len(owned), owned)
	}
}
