package reconcile

import (
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// TestIntegrationFamilyRestrictsOwnership: with Family IPv4, an owned IPv6
// route is neither read nor deleted, and an IPv6 desired route is refused.
func TestIntegrationFamilyRestrictsOwnership(t *testing.T) {
	l := newLab(t)
	l.ip(t, "-6", "route", "add", "2001:db8:77::/64", "via", "2001:db8::2", "proto", "99")
	l.ip(t, "-4", "route", "add", "10.77.0.0/24", "via", "10.0.0.2", "proto", "99")
	r := l.reconciler(t, Config{Family: rtnl.AF_INET})
	if err := r.Set([]Desired{mustRoute(t, "2001:db8:78::/64", "2001:db8::2")}); err == nil {
		t.Fatal("an IPv6 route accepted by an IPv4-only reconciler")
	}
	if err := r.Set([]Desired{mustRoute(t, "10.78.0.0/24", "10.0.0.2")}); err != nil {
		t.Fatal(err)
	}
	p, err := r.Plan(ctxFor(t, 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if s := p.String(); strings.Contains(s, "2001:") || !strings.Contains(s, "delete 10.77.0.0/24") {
		t.Fatalf("plan of an IPv4-only reconciler:\n%s", s)
	}
	applyUntilEmpty(t, r, 2)
	if got := l.routes(t, "-6", "proto", "99"); len(got) != 1 {
		t.Fatalf("the IPv6 owned route was touched: %q", got)
	}
}

// TestIntegrationConflictHolderFoundWithoutDump: the holder of a plain
// unicast key is found by a targeted lookup, not a table dump; a holder
// the lookup cannot confirm (a more specific route covers the
// destination) falls back to the dump and is still named.
func TestIntegrationConflictHolderFoundWithoutDump(t *testing.T) {
	l := newLab(t)
	l.ip(t, "route", "add", "10.81.0.0/24", "via", "10.0.0.9", "proto", "static")
	l.ip(t, "route", "add", "10.82.0.0/24", "via", "10.0.0.9", "proto", "static")
	l.ip(t, "route", "add", "10.82.0.0/25", "via", "10.0.0.9", "proto", "bird")
	r := l.reconciler(t, Config{})
	a, b := mustRoute(t, "10.81.0.0/24", "10.0.0.2"), mustRoute(t, "10.82.0.0/24", "10.0.0.2")
	if err := r.Set([]Desired{a}); err != nil {
		t.Fatal(err)
	}
	r.Apply(ctxFor(t, 5*time.Second))
	if st, _ := r.Status(a.Key()); st.Status != Conflict || st.Holder.String() != "static" {
		t.Fatalf("status %s holder %s, want conflict with static", st.Status, st.Holder)
	}
	if n := r.holderDumps.Load(); n != 0 {
		t.Fatalf("%d table dumps to find a unicast holder, want 0", n)
	}
	if err := r.Set([]Desired{a, b}); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	for _, e := range r.desired {
		e.next = time.Time{}
	}
	r.mu.Unlock()
	r.Apply(ctxFor(t, 5*time.Second))
	if st, _ := r.Status(b.Key()); st.Status != Conflict || st.Holder.String() != "static" {
		t.Fatalf("status %s holder %s, want conflict with static", st.Status, st.Holder)
	}
	if n := r.holderDumps.Load(); n != 1 {
		t.Fatalf("%d table dumps, want 1 (the fallback for 10.82.0.0/24)", n)
	}
}

// TestIntegrationMissingPrefsrcBlockedUntilAddress: a route whose
// preferred source is not (yet) a local address is Blocked, not Failed,
// and installed when the address appears.
func TestIntegrationMissingPrefsrcBlockedUntilAddress(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	d4 := mustRoute(t, "10.83.0.0/24", "10.0.0.2", route.Src(netip.MustParseAddr("10.0.0.50")))
	d6 := mustRoute(t, "2001:db8:83::/64", "2001:db8::2", route.Src(netip.MustParseAddr("2001:db8::50")))
	if err := r.Set([]Desired{d4, d6}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	within(t, 3*time.Second, "routes Blocked", func() bool {
		s4, _ := r.Status(d4.Key())
		s6, _ := r.Status(d6.Key())
		return s4.Status == Blocked && s6.Status == Blocked
	})
	l.ip(t, "addr", "add", "10.0.0.50/24", "dev", "va")
	l.ip(t, "addr", "add", "2001:db8::50/64", "dev", "va", "nodad")
	within(t, 3*time.Second, "routes installed once their source address exists", func() bool {
		s4, _ := r.Status(d4.Key())
		s6, _ := r.Status(d6.Key())
		return s4.Status == Programmed && s6.Status == Programmed
	})
}

// TestIntegrationBlockedRetriedByPeriodicPass: a Blocked route whose
// address arrives while every notification is lost is installed by the
// next periodic pass, though its backoff is far longer.
func TestIntegrationBlockedRetriedByPeriodicPass(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{ResyncInterval: 300 * time.Millisecond, MinBackoff: time.Hour, MaxBackoff: time.Hour})
	var drop atomic.Bool
	r.dropEvent = drop.Load
	d := mustRoute(t, "10.84.0.0/24", "10.0.0.2", route.Src(netip.MustParseAddr("10.0.0.51")))
	if err := r.Set([]Desired{d}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	within(t, 3*time.Second, "route Blocked", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Blocked
	})
	drop.Store(true)
	l.ip(t, "addr", "add", "10.0.0.51/24", "dev", "va")
	within(t, 3*time.Second, "route installed by a periodic pass", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Programmed
	})
}
