package reconcile

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// TestIntegrationPermanentFailureCarriesExtack: EINVAL is permanent, with
// the kernel's message, and not retried until the route changes.
func TestIntegrationPermanentFailureCarriesExtack(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{MinBackoff: 20 * time.Millisecond, ResyncInterval: 100 * time.Millisecond})
	m := mustRoute(t, "10.5.0.0/24", "10.0.0.2").Message()
	m.Header.Tos = 3 // ECN bits: EINVAL
	bad, err := FromRoute(&m)
	if err != nil {
		t.Fatal(err)
	}
	good := mustRoute(t, "10.6.0.0/24", "10.0.0.2")
	if err := r.Set([]Desired{bad, good}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	within(t, 2*time.Second, "bad route Failed", func() bool {
		st, _ := r.Status(bad.Key())
		return st.Status == Failed
	})
	time.Sleep(400 * time.Millisecond) // several periodic passes
	st, _ := r.Status(bad.Key())
	if st.Attempts != 1 || !st.NextRetry.IsZero() {
		t.Errorf("permanent failure retried: %d attempts, next retry %v", st.Attempts, st.NextRetry)
	}
	if st.Err == nil || !strings.Contains(st.Err.Error(), "ECN bits must be 0") || !strings.Contains(st.Err.Error(), "10.5.0.0/24") {
		t.Errorf("error lacks the route or the kernel's message: %v", st.Err)
	}
	if gs, _ := r.Status(good.Key()); gs.Status != Programmed {
		t.Errorf("the good route beside it: %s %v", gs.Status, gs.Err)
	}
	if n := r.Stats().Writes[WriteCount{Op: OpAdd, Errno: 22}]; n != 1 {
		t.Errorf("EINVAL adds counted: %d, want 1", n)
	}
	// Changing the route re-arms it.
	m.Header.Tos = 4
	fixed, err := FromRoute(&m)
	if err != nil {
		t.Fatal(err)
	}
	r.Remove(bad.Key())
	if err := r.Upsert(fixed); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, r, 2*time.Second)
}

// TestIntegrationNewKeyIsMakeBeforeBreak: a changed metric is a new key;
// the new route is added before the old one is deleted.
func TestIntegrationNewKeyIsMakeBeforeBreak(t *testing.T) {
	l := newLab(t)
	var mu sync.Mutex
	var log []string
	r := l.reconciler(t, Config{OnWrite: func(w Write) {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, w.Change.String())
	}})
	for _, fam := range []struct{ dst, gw string }{{"10.1.0.0/24", "10.0.0.2"}, {"2001:db8:1::/64", "2001:db8::2"}} {
		mu.Lock()
		log = nil
		mu.Unlock()
		if err := r.Set([]Desired{mustRoute(t, fam.dst, fam.gw, route.Metric(100))}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Apply(ctxFor(t, 5*time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := r.Set([]Desired{mustRoute(t, fam.dst, fam.gw, route.Metric(200))}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Apply(ctxFor(t, 5*time.Second)); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		var mine []string
		for _, w := range log {
			if strings.Contains(w, " "+fam.dst+" ") {
				mine = append(mine, w)
			}
		}
		got := strings.Join(mine, "\n")
		mu.Unlock()
		want := "add " + fam.dst + " table 254 metric 100 via " + fam.gw + " (missing)\n" +
			"add " + fam.dst + " table 254 metric 200 via " + fam.gw + " (missing)\n" +
			"delete " + fam.dst + " table 254 metric 100 (extra)"
		if got != want {
			t.Errorf("writes:\n%s\nwant:\n%s", got, want)
		}
		emptyPlan(t, r)
	}
}

// TestIntegrationNexthopObject: a route over a nexthop object vanishes
// silently when the object is deleted, is Blocked (unknown nhid) while it
// is missing, and comes back when it is recreated.
func TestIntegrationNexthopObject(t *testing.T) {
	l := newLab(t)
	l.ip(t, "nexthop", "add", "id", "10", "via", "10.0.0.2", "dev", "va")
	var m rtnl.Route
	m.Header.Family = rtnl.AF_INET
	m.Header.DstLen = 24
	m.Header.Table = 254
	m.Header.Type = rtnl.RTN_UNICAST
	m.SetDst(mustRoute(t, "10.7.0.0/24", "10.0.0.2").Key().Dst.Addr())
	m.SetNHID(10)
	d, err := FromRoute(&m)
	if err != nil {
		t.Fatal(err)
	}
	r := l.reconciler(t, Config{ResyncInterval: 200 * time.Millisecond})
	if err := r.Set([]Desired{d}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 3*time.Second)
	emptyPlan(t, r)
	l.ip(t, "nexthop", "del", "id", "10")
	within(t, 2*time.Second, "route Blocked on the missing nexthop", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Blocked
	})
	l.ip(t, "nexthop", "add", "id", "10", "via", "10.0.0.2", "dev", "va")
	within(t, 2*time.Second, "route back with its nexthop", func() bool {
		st, _ := r.Status(d.Key())
		return st.Status == Programmed
	})
	if got := l.routes(t, "-4", "proto", "99"); len(got) != 1 {
		t.Errorf("owned routes: %q", got)
	}
}
