package link

import (
	"context"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationSetAllocations: Set (with options) and SetUp/SetDown
// allocate nothing per call in steady state: the request, its message and
// its encoding are pooled, and a failure's name is formatted only then.
func TestIntegrationSetAllocations(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background() // a cancellable context costs nlsock an AfterFunc per request
	dev := idx["veth0"]
	n := testing.AllocsPerRun(200, func() {
		if err := c.Set(ctx, dev, MTU(1400), TxQueueLen(900), Promisc(true), Group(3)); err != nil {
			t.Fatal(err)
		}
		if err := c.SetDown(ctx, dev); err != nil {
			t.Fatal(err)
		}
		if err := c.SetUp(ctx, dev); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per Set, SetDown and SetUp, want 0", n)
	}
}
