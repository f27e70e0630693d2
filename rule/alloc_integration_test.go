package rule

import (
	"context"
	"net/netip"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationAddAllocations: Add and Delete allocate nothing per rule
// in steady state (request, message and encoding pooled).
func TestIntegrationAddAllocations(t *testing.T) {
	ns := nstest.New(t)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	from := netip.MustParsePrefix("10.0.0.0/8")
	n := testing.AllocsPerRun(200, func() {
		if err := c.Add(ctx, Priority(100), From(from), IIF("lo"), FwMark(1, 0xff), Lookup(1000), Protocol(rtnl.RTPROT_STATIC)); err != nil {
			t.Fatal(err)
		}
		if err := c.Delete(ctx, Priority(100)); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Add and Delete, want 0", n)
	}
}
