package neigh

import (
	"context"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationAddAllocations: Add and Delete allocate nothing per
// entry in steady state (request, message and encoding pooled; the
// failed request's name formatted only on failure).
func TestIntegrationAddAllocations(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	dst, dev, lladdr := netip.MustParseAddr("10.0.0.5"), idx["veth0"], mac("02:00:00:00:00:05")
	n := testing.AllocsPerRun(200, func() {
		if err := c.Add(ctx, dev, dst, LLAddr(lladdr), State(rtnl.NUD_REACHABLE), Protocol(rtnl.RTPROT_STATIC)); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, dev, dst); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Add and Delete, want 0", n)
	}
}
