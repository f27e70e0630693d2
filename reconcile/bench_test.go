package reconcile

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/linx-go/linx/route"
)

// hostRoute is the i-th /32 of the benchmarks (10.1.0.0 up).
func hostRoute(i int) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(1 + i>>16), byte(i >> 8), byte(i)}), 32)
}

var benchGW = netip.MustParseAddr("10.0.0.2")

// desiredHosts builds n desired /32 routes through 10.0.0.2.
func desiredHosts(tb testing.TB, n int) []Desired {
	ds := make([]Desired, n)
	for i := range ds {
		d, err := Route(hostRoute(i), benchGW)
		if err != nil {
			tb.Fatal(err)
		}
		ds[i] = d
	}
	return ds
}

const benchRoutes = 100_000

// BenchmarkInstall100k compares converging 100,000 desired routes from
// empty (build, Set, Apply: read, plan, batched writes) with a plain
// route.Batch install of the same routes. The goal: reconcile within 1.3x
// of batch. Each iteration starts from an empty table (the flush is not
// timed). Needs root (a namespace of its own).
func BenchmarkInstall100k(b *testing.B) {
	l := newLab(b)
	flush := func() {
		b.StopTimer()
		l.ip(b, "route", "flush", "proto", "99")
		b.StartTimer()
	}
	b.Run("batch", func(b *testing.B) {
		c, err := route.Open(route.InNamespace(l.ns))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		var batch route.Batch
		for b.Loop() {
			batch.Reset()
			for i := range benchRoutes {
				if err := batch.Add(hostRoute(i), benchGW, route.Protocol(testProto)); err != nil {
					b.Fatal(err)
				}
			}
			if err := c.Apply(context.Background(), &batch); err != nil {
				b.Fatal(err)
			}
			flush()
		}
	})
	b.Run("reconcile", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			r := l.reconciler(b, Config{}) // a fresh one: converging from empty
			b.StartTimer()
			if err := r.Set(desiredHosts(b, benchRoutes)); err != nil {
				b.Fatal(err)
			}
			if p, err := r.Apply(context.Background()); err != nil || len(p.Changes) != benchRoutes {
				b.Fatalf("apply: %d changes, %v", len(p.Changes), err)
			}
			flush()
		}
	})
}

// BenchmarkSteadyPass100k is one full pass (read the scope, diff, write
// nothing) over 100,000 converged routes. allocs/route must stay near 0:
// the pass allocates O(1), not per route.
func BenchmarkSteadyPass100k(b *testing.B) {
	l := newLab(b)
	r := l.reconciler(b, Config{})
	if err := r.Set(desiredHosts(b, benchRoutes)); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := r.Apply(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, _, err := r.pass(ctx, r.scopes, true)
		if err != nil || !p.Empty() {
			b.Fatalf("steady pass: %d changes, %v", len(p.Changes), err)
		}
	}
	b.ReportMetric(float64(testing.AllocsPerRun(3, func() { r.pass(ctx, r.scopes, true) }))/benchRoutes, "allocs/route")
}

// TestIntegrationSteadyPassAllocatesPerPassNotPerRoute checks the O(1)
// claim: a converged pass over 8x the routes allocates about the same.
func TestIntegrationSteadyPassAllocatesPerPassNotPerRoute(t *testing.T) {
	allocs := func(n int) float64 {
		l := newLab(t)
		r := l.reconciler(t, Config{})
		if err := r.Set(desiredHosts(t, n)); err != nil {
			t.Fatal(err)
		}
		ctx := ctxFor(t, 30*time.Second)
		if _, err := r.Apply(ctx); err != nil {
			t.Fatal(err)
		}
		var p Plan
		a := testing.AllocsPerRun(5, func() { p, _, _ = r.pass(ctx, r.scopes, true) })
		if !p.Empty() {
			t.Fatalf("%d routes: steady pass plans %d changes", n, len(p.Changes))
		}
		return a
	}
	small, large := allocs(1000), allocs(8000)
	t.Logf("allocations per steady pass: %.0f for 1000 routes, %.0f for 8000", small, large)
	if large > small+100 {
		t.Errorf("a steady pass allocates per route: %.0f allocations for 1000 routes, %.0f for 8000", small, large)
	}
}
