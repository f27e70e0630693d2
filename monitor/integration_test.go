package monitor

import (
	"context"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/neigh"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/rule"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

const waitEvents = 10 * time.Second

// fixture is a fresh namespace, a monitor on it and a request socket.
type fixture struct {
	t    *testing.T
	ns   nlsock.NetNS
	ctx  context.Context
	m    *Monitor
	p    *pump
	conn *nlsock.Conn
}

func newFixture(t *testing.T, groups ...rtnl.Group) *fixture {
	t.Helper()
	ns := nstest.New(t)
	ctx := testCtx(t, time.Minute)
	// Subscribe first, list second.
	m, err := Start(ctx, Options{NetNS: ns, Groups: groups})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	conn, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return &fixture{t: t, ns: ns, ctx: ctx, m: m, p: startPump(t, m), conn: conn}
}

// sync adds a marker route and returns every event up to and including the
// marker's: all notifications caused by earlier commands.
func (f *fixture) sync() []rec {
	f.t.Helper()
	mk := nextMarker()
	nstest.IP(f.t, f.ns, "route", "add", "blackhole", mk.String())
	evs := f.p.until(waitEvents, "marker route "+mk.String(), isRouteNew(mk))
	return evs[:len(evs)-1]
}

// lastOf returns the last event of kind k whose value is a P matching
// ident, and that value.
func lastOf[P nlwire.Codec](evs []rec, k Kind, ident func(P) bool) (rec, P, bool) {
	var zero P
	for i := len(evs) - 1; i >= 0; i-- {
		if v, ok := evs[i].Msg.(P); ok && evs[i].Kind == k && ident(v) {
			return evs[i], v, true
		}
	}
	return rec{}, zero, false
}

// checkHeader checks an event's Kind, Type and Resource against the
// schema's description of its value's message, and its typed accessor.
func checkHeader(t *testing.T, r rec, k Kind) {
	t.Helper()
	for _, info := range rtnl.Messages {
		if info.Name != r.Resource {
			continue
		}
		want := info.NewType
		if k == Del {
			want = info.DelType
		}
		if r.Kind != k || uint16(r.Type) != want || !r.Typed {
			t.Errorf("event %v: kind %v type %v typed accessor %v, want %v %v true", r, r.Kind, r.Type, r.Typed, k, rtnl.MsgType(want))
		}
		return
	}
	t.Errorf("event %v: unknown resource %q", r, r.Resource)
}

// object checks one object's life cycle: after add, a New event for it
// arrives whose value (normalized by stable) Equals what list returns for
// it (normalized the same way); after del, a Del event for it arrives.
func object[T any, P interface {
	*T
	nlwire.Codec
	Equal(*T) bool
}](f *fixture, add, del []string, ident func(P) bool, list func() ([]T, error), stable func(P)) {
	t := f.t
	t.Helper()
	f.sync() // drop what earlier setup caused
	nstest.IP(t, f.ns, add...)
	evs := f.sync()
	ev, got, ok := lastOf(evs, New, ident)
	if !ok {
		t.Fatalf("%v: no New event for the object; saw:\n%s", add, fmtRecs(evs))
	}
	checkHeader(t, ev, New)
	all, err := list()
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	var listed []P
	for i := range all {
		if ident(P(&all[i])) {
			listed = append(listed, P(&all[i]))
		}
	}
	if len(listed) != 1 {
		t.Fatalf("%v: list returned %d matching objects, want 1", add, len(listed))
	}
	want := listed[0]
	if stable != nil {
		stable(got)
		stable(want)
	}
	if !got.Equal((*T)(want)) {
		t.Errorf("%v: the New event's value differs from the listed one\nevent: %+v\nlist:  %+v", add, *(*T)(got), *(*T)(want))
	}

	nstest.IP(t, f.ns, del...)
	evs = f.sync()
	ev, _, ok = lastOf(evs, Del, ident)
	if !ok {
		t.Fatalf("%v: no Del event for the object; saw:\n%s", del, fmtRecs(evs))
	}
	checkHeader(t, ev, Del)
}

// use directs the fixture's failures to t (a subtest).
func (f *fixture) use(t *testing.T) { f.t, f.p.t = t, t }

func (f *fixture) routes(fam rtnl.Family) func() ([]rtnl.Route, error) {
	return func() ([]rtnl.Route, error) {
		c := route.NewClient(f.conn)
		return c.ListFull(f.ctx, route.Filter{Family: fam})
	}
}

// veth creates an up veth pair with addresses, for objects that need a
// link. Returns the ifindex of ta.
func (f *fixture) veth() int32 {
	f.t.Helper()
	nstest.Veth(f.t, f.ns, "ta", "tb")
	nstest.IP(f.t, f.ns, "addr", "add", "10.9.0.1/24", "dev", "ta")
	nstest.IP(f.t, f.ns, "addr", "add", "2001:db8:9::1/64", "dev", "ta", "nodad")
	l, err := link.Get(f.ctx, f.conn, 0, "ta")
	if err != nil {
		f.t.Fatal(err)
	}
	return l.Header.Index
}

func TestIntegrationLink(t *testing.T) {
	f := newFixture(t)
	isLk := func(l *rtnl.Link) bool { return string(l.IfName) == "lk0" }
	object(f,
		// The link stays down: no traffic, so its counters stay put.
		[]string{"link", "add", "lk0", "mtu", "1400", "txqueuelen", "77", "type", "veth", "peer", "name", "lk1"},
		[]string{"link", "del", "lk0"},
		isLk,
		func() ([]rtnl.Link, error) { return link.List(f.ctx, f.conn, link.Filter{}) },
		stableLink)
}

// stableLink zeroes what a later read legitimately reports differently:
// ifi_change (a notification says what changed, a dump says 0) and the
// counters (IFLA_STATS64 and the raw IFLA_STATS, IFLA_AF_SPEC kept in
// Unknown, which hold per-device statistics and timestamps).
func stableLink(l *rtnl.Link) {
	l.Header.Change = 0
	l.Stats64 = rtnl.LinkStats64{}
	l.Unset(rtnl.IFLA_STATS64)
	l.Unknown = dropAttrs(l.Unknown, unix.IFLA_STATS, unix.IFLA_AF_SPEC)
}

// dropAttrs returns the raw attributes b without those of the given types.
func dropAttrs(b []byte, types ...uint16) []byte {
	var out []byte
	for len(b) > 0 {
		typ, p, rest, ok := nlwire.Attr(b)
		if !ok {
			break
		}
		keep := true
		for _, x := range types {
			if typ&nlwire.TypeMask == x {
				keep = false
			}
		}
		if keep {
			out = nlwire.AppendBytes(out, typ, p)
		}
		b = rest
	}
	return out
}

// stableAddr zeroes IFA_CACHEINFO: its timestamps (tstamp) move when the
// kernel touches the address.
func stableAddr(a *rtnl.Addr) {
	a.CacheInfo = rtnl.IfaCacheInfo{}
}

func TestIntegrationAddr(t *testing.T) {
	for _, tc := range []struct {
		name string
		fam  rtnl.Family
		pfx  string
		more []string
	}{
		{"v4", rtnl.AF_INET, "10.7.0.1/24", nil},
		{"v6", rtnl.AF_INET6, "2001:db8:7::1/64", []string{"nodad"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.veth()
			want := netip.MustParsePrefix(tc.pfx)
			object(f,
				append([]string{"addr", "add", tc.pfx, "dev", "ta"}, tc.more...),
				[]string{"addr", "del", tc.pfx, "dev", "ta"},
				func(a *rtnl.Addr) bool {
					return addrOf(a) == want.Addr() && int(a.Header.PrefixLen) == want.Bits()
				},
				func() ([]rtnl.Addr, error) { return addr.List(f.ctx, f.conn, addr.Filter{Family: tc.fam}) },
				stableAddr)
		})
	}
}

func TestIntegrationRoute(t *testing.T) {
	for _, tc := range []struct {
		name string
		fam  rtnl.Family
		add  []string
	}{
		{"v4", rtnl.AF_INET, []string{"10.8.0.0/16", "via", "10.9.0.2", "dev", "ta", "metric", "7", "table", "100", "proto", "static"}},
		{"v6", rtnl.AF_INET6, []string{"2001:db8:8::/48", "via", "2001:db8:9::2", "dev", "ta", "metric", "7", "table", "1000", "proto", "static"}},
		{"v4-multipath", rtnl.AF_INET, []string{"10.6.0.0/16", "nexthop", "via", "10.9.0.2", "dev", "ta", "weight", "2", "nexthop", "via", "10.9.0.3", "dev", "ta"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.veth()
			dst := netip.MustParsePrefix(tc.add[0])
			object(f,
				append([]string{"route", "add"}, tc.add...),
				append([]string{"route", "del"}, tc.add...),
				func(r *rtnl.Route) bool { return route.Destination(r) == dst },
				f.routes(tc.fam),
				nil)
		})
	}
}

// stableNeigh zeroes NDA_CACHEINFO: confirmed/used/updated are ages, in
// clock ticks, that grow between two reads.
func stableNeigh(n *rtnl.Neigh) {
	n.CacheInfo = rtnl.NdaCacheInfo{}
}

func TestIntegrationNeigh(t *testing.T) {
	for _, tc := range []struct {
		name string
		fam  rtnl.Family
		dst  string
	}{
		{"v4", rtnl.AF_INET, "10.9.0.5"},
		{"v6", rtnl.AF_INET6, "2001:db8:9::5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.veth()
			dst := netip.MustParseAddr(tc.dst)
			object(f,
				[]string{"neigh", "add", tc.dst, "lladdr", "02:00:00:00:00:05", "dev", "ta", "nud", "permanent"},
				[]string{"neigh", "del", tc.dst, "dev", "ta"},
				func(n *rtnl.Neigh) bool { return n.Dst == dst },
				func() ([]rtnl.Neigh, error) { return neigh.List(f.ctx, f.conn, neigh.Filter{Family: tc.fam}) },
				stableNeigh)
		})
	}
}

func TestIntegrationRule(t *testing.T) {
	for _, tc := range []struct {
		name string
		fam  rtnl.Family
		v6   bool
		sel  []string
	}{
		{"v4", rtnl.AF_INET, false, []string{"from", "10.1.0.0/16", "fwmark", "0x10", "table", "100", "pref", "1000"}},
		{"v6", rtnl.AF_INET6, true, []string{"from", "2001:db8:1::/48", "table", "1000", "pref", "1000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			fam := []string{}
			if tc.v6 {
				fam = []string{"-6"}
			}
			object(f,
				append(append(fam, "rule", "add"), tc.sel...),
				append(append(fam, "rule", "del"), tc.sel...),
				func(r *rtnl.Rule) bool { return r.Header.Family == tc.fam && r.Priority == 1000 },
				func() ([]rtnl.Rule, error) { return rule.List(f.ctx, f.conn, rule.Filter{Family: tc.fam}) },
				nil)
		})
	}
}

func TestIntegrationNexthop(t *testing.T) {
	// RTNLGRP_NEXTHOP is group 32: bind(2) cannot join it, only
	// NETLINK_ADD_MEMBERSHIP can.
	f := newFixture(t, append([]rtnl.Group{rtnl.RTNLGRP_NEXTHOP}, DefaultGroups...)...)
	f.veth()
	nstest.IP(t, f.ns, "link", "set", "lo", "up") // blackhole nexthops need it
	nstest.IP(t, f.ns, "nexthop", "add", "id", "2", "via", "10.9.0.3", "dev", "ta")
	list := func() ([]rtnl.NexthopObj, error) { return nexthop.List(f.ctx, f.conn, nexthop.Filter{}) }
	id := func(n uint32) func(*rtnl.NexthopObj) bool {
		return func(o *rtnl.NexthopObj) bool { return o.ID == n }
	}
	t.Run("v4", func(t *testing.T) {
		f.use(t)
		object(f, []string{"nexthop", "add", "id", "1", "via", "10.9.0.2", "dev", "ta"},
			[]string{"nexthop", "del", "id", "1"}, id(1), list, nil)
	})
	t.Run("v6", func(t *testing.T) {
		f.use(t)
		object(f, []string{"nexthop", "add", "id", "6", "via", "2001:db8:9::2", "dev", "ta"},
			[]string{"nexthop", "del", "id", "6"}, id(6), list, nil)
	})
	t.Run("blackhole", func(t *testing.T) {
		f.use(t)
		object(f, []string{"nexthop", "add", "id", "7", "blackhole"},
			[]string{"nexthop", "del", "id", "7"}, id(7), list, nil)
	})
	t.Run("group", func(t *testing.T) {
		f.use(t)
		nstest.IP(t, f.ns, "nexthop", "add", "id", "1", "via", "10.9.0.2", "dev", "ta")
		object(f, []string{"nexthop", "add", "id", "10", "group", "1,3/2"},
			[]string{"nexthop", "del", "id", "10"}, id(10), list, nil)
	})
}

// TestIntegrationGroups: a monitor receives exactly the groups it joined.
func TestIntegrationGroups(t *testing.T) {
	type tc struct {
		name    string
		groups  []rtnl.Group
		marker  func(f *fixture, n int) (cmd []string, match func(rec) bool)
		actions [][]string
		allowed func(rec) bool // every event before the marker must pass
		needed  func(rec) bool // at least one event must pass
	}
	fam := func(r rec) rtnl.Family {
		switch v := r.Msg.(type) {
		case *rtnl.Route:
			return v.Header.Family
		case *rtnl.Addr:
			return v.Header.Family
		case *rtnl.Rule:
			return v.Header.Family
		case *rtnl.Neigh:
			return v.Header.Family
		case *rtnl.NexthopObj:
			return v.Header.Family
		}
		return 0
	}
	routeTo := func(dst string) func(rec) bool {
		return isRouteNew(netip.MustParsePrefix(dst))
	}
	v4marker := func(f *fixture, n int) ([]string, func(rec) bool) {
		mk := nextMarker()
		return []string{"route", "add", "blackhole", mk.String()}, isRouteNew(mk)
	}
	v6marker := func(f *fixture, n int) ([]string, func(rec) bool) {
		mk := netip.MustParsePrefix("2001:db8:ffff::" + strconv.Itoa(n) + "/128")
		return []string{"route", "add", "blackhole", mk.String()}, isRouteNew(mk)
	}
	linkMarker := func(f *fixture, n int) ([]string, func(rec) bool) {
		alias := "marker" + strconv.Itoa(n)
		return []string{"link", "set", "ta", "alias", alias}, func(r rec) bool {
			l, ok := r.Msg.(*rtnl.Link)
			return ok && string(l.IfAlias) == alias
		}
	}
	everything := [][]string{
		{"link", "set", "ta", "mtu", "1300"},
		{"addr", "add", "10.7.0.1/24", "dev", "ta"},
		{"addr", "add", "2001:db8:7::1/64", "dev", "ta", "nodad"},
		{"route", "add", "10.8.0.0/16", "via", "10.9.0.2"},
		{"route", "add", "2001:db8:8::/48", "via", "2001:db8:9::2"},
		{"neigh", "add", "10.9.0.5", "lladdr", "02:00:00:00:00:05", "dev", "ta"},
		{"neigh", "add", "2001:db8:9::5", "lladdr", "02:00:00:00:00:05", "dev", "ta"},
		{"rule", "add", "from", "10.1.0.0/16", "table", "100"},
		{"-6", "rule", "add", "from", "2001:db8:1::/48", "table", "100"},
		{"nexthop", "add", "id", "1", "via", "10.9.0.2", "dev", "ta"},
		{"nexthop", "add", "id", "6", "via", "2001:db8:9::2", "dev", "ta"},
		{"route", "add", "10.5.0.0/16", "nhid", "1"},
		{"route", "del", "10.8.0.0/16"},
		{"route", "del", "2001:db8:8::/48"},
		{"nexthop", "del", "id", "6"},
		{"addr", "del", "10.7.0.1/24", "dev", "ta"},
	}
	for _, c := range []tc{{
		name:    "ipv4-route",
		groups:  []rtnl.Group{rtnl.RTNLGRP_IPV4_ROUTE},
		marker:  v4marker,
		actions: everything,
		// Adding an IPv4 address also adds its local and prefix routes:
		// those are IPv4 route notifications and do belong here.
		allowed: func(r rec) bool { return r.Resource == "route" && fam(r) == rtnl.AF_INET },
		needed:  routeTo("10.8.0.0/16"),
	}, {
		name:    "ipv6-route+nexthop",
		groups:  []rtnl.Group{rtnl.RTNLGRP_IPV6_ROUTE, rtnl.RTNLGRP_NEXTHOP},
		marker:  v6marker,
		actions: everything,
		allowed: func(r rec) bool {
			return r.Resource == "route" && fam(r) == rtnl.AF_INET6 || r.Resource == "nexthop"
		},
		needed: func(r rec) bool {
			n, ok := r.Msg.(*rtnl.NexthopObj)
			return ok && r.Kind == Del && n.ID == 6
		},
	}, {
		name:    "link",
		groups:  []rtnl.Group{rtnl.RTNLGRP_LINK},
		marker:  linkMarker,
		actions: everything,
		allowed: func(r rec) bool { return r.Resource == "link" },
		needed: func(r rec) bool {
			l, ok := r.Msg.(*rtnl.Link)
			return ok && string(l.IfName) == "ta" && l.MTU == 1300
		},
	}, {
		name:    "ipv4-rule+neigh",
		groups:  []rtnl.Group{rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_NEIGH, rtnl.RTNLGRP_IPV4_ROUTE},
		marker:  v4marker,
		actions: everything,
		allowed: func(r rec) bool {
			return r.Resource == "neigh" || r.Resource == "rule" && fam(r) == rtnl.AF_INET ||
				r.Resource == "route" && fam(r) == rtnl.AF_INET
		},
		needed: func(r rec) bool { return r.Resource == "rule" },
	}} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, c.groups...)
			f.veth()
			nmark := 0
			sync := func() []rec {
				t.Helper()
				nmark++
				cmd, match := c.marker(f, nmark)
				nstest.IP(t, f.ns, cmd...)
				evs := f.p.until(waitEvents, "marker", match)
				return evs[:len(evs)-1]
			}
			sync()
			for _, a := range c.actions {
				nstest.IP(t, f.ns, a...)
			}
			evs := sync()
			needed := false
			for _, r := range evs {
				if !c.allowed(r) {
					t.Errorf("groups %v: unexpected event %v", c.groups, r)
				}
				needed = needed || c.needed(r)
			}
			if !needed {
				t.Errorf("groups %v: the expected event did not come; saw:\n%s", c.groups, fmtRecs(evs))
			}
			t.Logf("%d events, all of the joined groups", len(evs))
		})
	}
}

// TestIntegrationNamespace: a monitor sees its namespace only.
func TestIntegrationNamespace(t *testing.T) {
	mine := newFixture(t)
	other := newFixture(t)
	mine.sync()
	other.sync()
	// Changes in the other namespace...
	other.veth()
	nstest.IP(t, other.ns, "route", "add", "10.8.0.0/16", "via", "10.9.0.2")
	nstest.IP(t, other.ns, "rule", "add", "from", "10.1.0.0/16", "table", "100")
	nstest.IP(t, other.ns, "neigh", "add", "10.9.0.5", "lladdr", "02:00:00:00:00:05", "dev", "ta")
	// ...reach the monitor there...
	if evs := other.sync(); !hasRoute(evs, "10.8.0.0/16") {
		t.Errorf("the other namespace's monitor missed its route; saw:\n%s", fmtRecs(evs))
	}
	// ...and not this one (notifications are queued synchronously, so any
	// would be ahead of the marker), nor afterwards.
	if evs := mine.sync(); len(evs) != 0 {
		t.Errorf("events from another namespace:\n%s", fmtRecs(evs))
	}
	if r, ok := mine.p.next(300 * time.Millisecond); ok {
		t.Errorf("late event from another namespace: %v", r)
	}
	// The host namespace is another namespace too.
	host, err := Start(mine.ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hp := startPump(t, host)
	mk := nextMarker()
	nstest.IP(t, mine.ns, "route", "add", "blackhole", mk.String())
	mine.p.until(waitEvents, "marker", isRouteNew(mk))
	// The host may be busy: read what it reports for a while.
	for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); {
		r, ok := hp.next(time.Until(end))
		if !ok {
			break
		}
		if isRouteNew(mk)(r) {
			t.Errorf("the host namespace's monitor saw the test namespace's route %v", mk)
		}
	}
}

func hasRoute(evs []rec, dst string) bool {
	for _, r := range evs {
		if isRouteNew(netip.MustParsePrefix(dst))(r) {
			return true
		}
	}
	return false
}
