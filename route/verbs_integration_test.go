package route

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"golang.org/x/sys/unix"
)

// TestIntegrationVerbsAndDeleteMatching: append, prepend and change as ip
// has them, a Batch of every verb through Queue, and the kernel's delete
// matching of nhid routes, for both families, as the package doc says.
func TestIntegrationVerbsAndDeleteMatching(t *testing.T) {
	tn := newTestNS(t)
	a := netip.MustParseAddr
	dst := pfx("10.5.0.0/16")
	if err := tn.c.Add(tn.ctx, dst, a("10.0.0.2"), Table(1000)); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.Append(tn.ctx, dst, a("10.0.1.2"), Table(1000)); err != nil {
		t.Fatal(err)
	}
	if err := tn.c.Prepend(tn.ctx, dst, a("10.0.0.3"), Table(1000)); err != nil {
		t.Fatal(err)
	}
	if got, want := nstest.IP(t, tn.ns, "route", "show", "table", "1000"),
		"10.5.0.0/16 via 10.0.0.3 dev veth0 \n10.5.0.0/16 via 10.0.0.2 dev veth0 \n10.5.0.0/16 via 10.0.1.2 dev veth2 \n"; got != want {
		t.Errorf("append/prepend: %q, want %q", got, want)
	}
	if err := tn.c.Change(tn.ctx, pfx("10.6.0.0/16"), a("10.0.0.2")); !errors.Is(err, unix.ENOENT) {
		t.Errorf("change of a missing route: %v, want ENOENT", err)
	}

	var b Batch
	b.Queue("add", pfx("10.7.0.0/16"), a("10.0.0.2"))
	b.Queue("change", pfx("10.7.0.0/16"), a("10.0.1.2"))
	b.Queue("append", pfx("10.7.0.0/16"), a("10.0.0.9"), Table(1001))
	b.Queue("prepend", pfx("10.7.0.0/16"), a("10.0.0.8"), Table(1001))
	b.Queue("replace", pfx("10.8.0.0/16"), a("10.0.0.2"))
	b.Queue("delete", pfx("10.8.0.0/16"), netip.Addr{})
	b.Queue("delete", pfx("10.9.0.0/16"), netip.Addr{}) // index 6: not there
	if err := b.Queue("frob", pfx("10.9.0.0/16"), netip.Addr{}); err == nil {
		t.Error("Queue took an unknown verb")
	}
	err := tn.c.Apply(tn.ctx, &b)
	if !errors.Is(err, unix.ESRCH) || !strings.Contains(err.Error(), "6") {
		t.Errorf("batch: %v, want one ESRCH at index 6", err)
	}
	if got := nstest.IP(t, tn.ns, "route", "show", "10.7.0.0/16"); got != "10.7.0.0/16 via 10.0.1.2 dev veth2 \n" {
		t.Errorf("after add+change: %q", got)
	}

	// Delete matching of nhid routes.
	nstest.Batch(t, tn.ns, "nexthop add id 1 via 10.0.0.2 dev veth0\nnexthop add id 2 via 2001:db8::2 dev veth0\n")
	for _, c := range []struct {
		dst     netip.Prefix
		gw      netip.Addr
		opts    []Option
		deleted bool
	}{
		{pfx("10.10.0.0/16"), a("10.0.0.2"), []Option{Dev(tn.ifA)}, false}, // IPv4: a gateway never matches an nhid route
		{pfx("10.10.0.0/16"), netip.Addr{}, []Option{NHID(2)}, false},      // nor another id
		{pfx("10.10.0.0/16"), a("10.0.0.2"), []Option{NHID(1), Dev(tn.ifA)}, true},
		{pfx("10.10.0.0/16"), netip.Addr{}, nil, true},                            // nothing given: any
		{pfx("2001:db8:10::/48"), a("2001:db8::99"), []Option{Dev(tn.ifA)}, true}, // IPv6: gateway not compared
		{pfx("2001:db8:10::/48"), netip.Addr{}, []Option{NHID(1)}, false},
		{pfx("2001:db8:10::/48"), netip.Addr{}, []Option{NHID(2)}, true},
	} {
		id := uint32(1)
		if c.dst.Addr().Is6() {
			id = 2
		}
		if err := tn.c.Add(tn.ctx, c.dst, netip.Addr{}, NHID(id)); err != nil && !errors.Is(err, unix.EEXIST) {
			t.Fatal(err)
		}
		err := tn.c.Delete(tn.ctx, c.dst, c.gw, c.opts...)
		if c.deleted && err != nil || !c.deleted && !errors.Is(err, unix.ESRCH) {
			t.Errorf("delete %s gw %v %d options: %v (want deleted %v)", c.dst, c.gw, len(c.opts), err, c.deleted)
		}
	}

	// Get refuses what is no lookup key.
	if _, err := tn.c.Get(tn.ctx, a("10.0.0.2"), Metric(5)); err == nil || !strings.Contains(err.Error(), "get takes") {
		t.Errorf("Get with Metric: %v", err)
	}
	if _, err := tn.c.Get(tn.ctx, a("10.0.0.2"), IIF(tn.ifA)); err == nil || !strings.Contains(err.Error(), "needs the source") {
		t.Errorf("Get with IIF and no From: %v", err)
	}
	r, err := tn.c.Get(tn.ctx, a("10.0.0.2"), From(pfx("10.0.0.1/32")), Mark(3), UID(7), Dev(tn.ifA))
	if err != nil || r.OIF != tn.ifA || !r.Has(rtnl.RTA_UID) || r.UID != 7 || r.Mark != 3 {
		t.Errorf("Get with options: %+v %v", r, err)
	}
}
