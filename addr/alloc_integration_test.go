package addr

import (
	"context"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationAddAllocations: Add and Delete allocate nothing per
// address in steady state (the request, its message and its encoding are
// pooled; the failed request's name is formatted only on failure).
func TestIntegrationAddAllocations(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background() // a cancellable context costs nlsock an AfterFunc per request
	p := netip.MustParsePrefix("10.60.0.1/24")
	dev := idx["veth0"]
	n := testing.AllocsPerRun(200, func() {
		if err := c.Add(ctx, dev, p, BroadcastAuto(), Label("veth0:a"), Metric(7), AddFlags(rtnl.IFA_F_NOPREFIXROUTE)); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, dev, p); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Add and Delete, want 0", n)
	}
}
