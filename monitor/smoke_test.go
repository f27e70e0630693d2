package monitor

import (
	"context"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
)

func TestIntegrationSmoke(t *testing.T) {
	ns := nstest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := Start(ctx, Options{NetNS: ns})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	t.Logf("granted %d", m.ReceiveBuffer())
	nstest.Veth(t, ns, "va", "vb")
	nstest.IP(t, ns, "addr", "add", "10.9.0.1/24", "dev", "va")
	nstest.IP(t, ns, "route", "add", "10.8.0.0/16", "via", "10.9.0.2")
	n := 0
	for ev, err := range m.Events() {
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v %s %v", ev.Kind, ev.Resource, ev.Type)
		if r := ev.Route(); r != nil && r.Gateway.String() == "10.9.0.2" {
			break
		}
		n++
	}
}
