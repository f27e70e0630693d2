package reconcile

import (
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
)

// applyUntilEmpty applies until a plan is empty, at most n times, and
// fails naming the last plan if it never is: a route rewritten every pass
// never converges.
func applyUntilEmpty(t *testing.T, r *Reconciler, n int) {
	t.Helper()
	var last Plan
	for i := 0; i < n; i++ {
		p, err := r.Plan(ctxFor(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if p.Empty() {
			return
		}
		last = p
		if _, err := r.Apply(ctxFor(t, 10*time.Second)); err != nil {
			t.Fatalf("apply %d: %v\n%s", i, err, p.String())
		}
	}
	t.Fatalf("not converged after %d applies; the last plan:\n%s", n, last.String())
}

// TestIntegrationSameKeyDuplicatesConverge: ip appends a second owned route
// with a desired route's key (IPv4 append; IPv6 a device route beside a
// gateway one, and a gateway that merges into multipath). The reconciler
// keeps the desired route, deletes exactly the other one, and converges
// instead of replacing on every pass.
func TestIntegrationSameKeyDuplicatesConverge(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	want := []Desired{
		mustRoute(t, "10.95.0.0/24", "10.0.0.2"),
		mustRoute(t, "2001:db8:95::/64", "2001:db8::2"),
		mustRoute(t, "2001:db8:96::/64", "2001:db8::2"),
	}
	if err := r.Set(want); err != nil {
		t.Fatal(err)
	}
	applyUntilEmpty(t, r, 2)
	l.ip(t, "route", "append", "10.95.0.0/24", "via", "10.0.0.9", "proto", "99")
	l.ip(t, "-6", "route", "append", "2001:db8:95::/64", "dev", "vb", "proto", "99")
	l.ip(t, "-6", "route", "append", "2001:db8:96::/64", "via", "2001:db8::9", "dev", "va", "proto", "99")
	if got := len(l.routes(t, "-4", "proto", "99")); got != 2 {
		t.Fatalf("ip lists %d owned IPv4 routes after the append, want 2 (the test's premise)", got)
	}
	p, err := r.Plan(ctxFor(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.String(), "(duplicate)") {
		t.Fatalf("the plan does not delete the duplicates:\n%s", p.String())
	}
	applyUntilEmpty(t, r, 3)
	v4 := l.routes(t, "-4", "proto", "99")
	if len(v4) != 1 || !strings.Contains(v4[0], "10.0.0.2") {
		t.Fatalf("owned IPv4 routes %q, want only 10.95.0.0/24 via 10.0.0.2", v4)
	}
	v6 := strings.Join(l.routes(t, "-6", "proto", "99"), "\n")
	if strings.Contains(v6, "2001:db8::9") || strings.Count(v6, "2001:db8:95::/64") != 1 || strings.Count(v6, "2001:db8:96::/64") != 1 {
		t.Fatalf("owned IPv6 routes:\n%s\nwant one each via 2001:db8::2", v6)
	}
}

// TestIntegrationSameKeyNoneMatches: two owned routes hold the key, neither
// as desired: the first is replaced, the other deleted, and it converges.
func TestIntegrationSameKeyNoneMatches(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{})
	l.ip(t, "route", "add", "10.96.0.0/24", "via", "10.0.0.7", "proto", "99")
	l.ip(t, "route", "append", "10.96.0.0/24", "via", "10.0.0.8", "proto", "99")
	if err := r.Set([]Desired{mustRoute(t, "10.96.0.0/24", "10.0.0.2")}); err != nil {
		t.Fatal(err)
	}
	applyUntilEmpty(t, r, 4)
	v4 := l.routes(t, "-4", "proto", "99")
	if len(v4) != 1 || !strings.Contains(v4[0], "10.0.0.2") {
		t.Fatalf("owned IPv4 routes %q, want only 10.96.0.0/24 via 10.0.0.2", v4)
	}
	for _, s := range r.Statuses() {
		if s.Route.Key().Family == rtnl.AF_INET && s.Status != Programmed {
			t.Fatalf("status %v, want Programmed", s.Status)
		}
	}
}

// TestIntegrationSameKeyUnderRun: under Run, an appended owned duplicate
// is deleted and the loop then writes nothing more (it used to replace
// on every pass, about ten times a second).
func TestIntegrationSameKeyUnderRun(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{ResyncInterval: 200 * time.Millisecond})
	if err := r.Set([]Desired{mustRoute(t, "10.95.0.0/24", "10.0.0.2"), mustRoute(t, "2001:db8:95::/64", "2001:db8::2")}); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	l.ip(t, "route", "append", "10.95.0.0/24", "via", "10.0.0.9", "proto", "99")
	l.ip(t, "-6", "route", "append", "2001:db8:95::/64", "dev", "vb", "proto", "99")
	within(t, 3*time.Second, "the duplicates deleted", func() bool {
		return len(l.routes(t, "-4", "proto", "99")) == 1 && len(l.routes(t, "-6", "proto", "99")) == 1
	})
	waitPeriodic(t, r, 1, 5*time.Second)
	writes := func() (n uint64) {
		for _, c := range r.Stats().Writes {
			n += c
		}
		return n
	}
	before := writes()
	waitPeriodic(t, r, 3, 5*time.Second)
	if after := writes(); after != before {
		t.Fatalf("%d writes during three periodic passes over a converged state, want 0 (stats %+v)", after-before, r.Stats())
	}
	emptyPlan(t, r)
}
