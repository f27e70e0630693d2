package nexthop

import (
	"context"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationAddAllocations: Add and Delete allocate nothing per
// nexthop in steady state (request, message and encoding pooled; the
// failed request's name formatted only on failure).
func TestIntegrationAddAllocations(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.IP(t, ns, "addr", "add", "10.0.0.1/24", "dev", "veth0")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	gw, dev := netip.MustParseAddr("10.0.0.2"), idx["veth0"]
	if err := c.Add(ctx, 1, Via(gw), Dev(dev)); err != nil {
		t.Fatal(err)
	}
	n := testing.AllocsPerRun(200, func() {
		if err := c.Add(ctx, 2, Via(gw), Dev(dev)); err != nil {
			t.Fatal(err)
		}
		if err := c.Add(ctx, 3, Group(Member{ID: 1}, Member{ID: 2, Weight: 5})); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, 3); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, 2); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Add and Delete, want 0", n)
	}
}
