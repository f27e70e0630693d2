package reconcile

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationMonitorOverflowConverges: with a tiny monitor receive
// buffer, thousands of foreign route changes overrun it; the lost
// notifications include the deletion of an owned route, which the full
// re-read the overflow triggers must repair.
func TestIntegrationMonitorOverflowConverges(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{MonitorReceiveBuffer: 1024, ResyncInterval: -1})
	want := []Desired{
		mustRoute(t, "10.1.0.0/24", "10.0.0.2"),
		mustRoute(t, "2001:db8:1::/64", "2001:db8::2"),
	}
	if err := r.Set(want); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	var b strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&b, "route add blackhole 10.%d.%d.0/24 proto static\n", 100+i/256, i%256)
		if i == 2000 {
			b.WriteString("route del 10.1.0.0/24\n")
			b.WriteString("route del 2001:db8:1::/64\n")
		}
	}
	nstest.Batch(t, l.ns, b.String())
	within(t, 3*time.Second, "owned routes back after the overrun", func() bool {
		return len(l.routes(t, "-4", "proto", "99")) == 1 && len(l.routes(t, "-6", "proto", "99")) == 1
	})
	waitConverged(t, r, 3*time.Second)
	st := r.Stats()
	if st.FullResyncs["monitor overflow"] == 0 {
		t.Fatalf("no full resync for a monitor overflow counted: %+v", st)
	}
	if n := len(l.routes(t, "-4", "proto", "static")); n != 4000 {
		t.Errorf("%d foreign routes, want 4000", n)
	}
	t.Logf("stats: %+v", st)
}
