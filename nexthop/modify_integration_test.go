package nexthop

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// ipNexthops is `ip -d -j nexthop show`, the oracle, each entry re-encoded
// as JSON, by id.
func ipNexthops(t *testing.T, ns nlsock.NetNS) map[float64]string {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, "-d", "-j", "nexthop", "show")), &list); err != nil {
		t.Fatal(err)
	}
	m := map[float64]string{}
	for _, n := range list {
		b, _ := json.Marshal(n)
		m[n["id"].(float64)] = string(b)
	}
	return m
}

func TestIntegrationNexthopVerbs(t *testing.T) {
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
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dev := idx["veth0"]
	a := netip.MustParseAddr
	add := func(id uint32, opts ...Option) {
		t.Helper()
		if err := c.Add(ctx, id, opts...); err != nil {
			t.Fatalf("Add %d: %v", id, err)
		}
	}
	add(1, Via(a("10.0.0.2")), Dev(dev))
	add(2, Via(a("10.9.0.2")), Dev(dev), Onlink(), Protocol(rtnl.RTPROT_STATIC))
	add(3, Blackhole())
	add(4, Group(Member{1, 3}, Member{2, 5}))
	add(5, Group(Member{ID: 1}, Member{ID: 2}), Resilient(), Buckets(32), IdleTimer(10), UnbalancedTimer(20))
	add(6, Via(a("10.0.0.3")), FDB())
	add(7, Dev(dev))
	add(8, Dev(dev), Family(rtnl.AF_INET6))
	add(9, Group(Member{ID: 1}, Member{ID: 2, Weight: 300}))

	got := ipNexthops(t, ns)
	for id, want := range map[float64]string{
		1: `{"dev":"veth0","flags":[],"gateway":"10.0.0.2","id":1,"protocol":"unspec","scope":"link"}`,
		2: `{"dev":"veth0","flags":["onlink"],"gateway":"10.9.0.2","id":2,"protocol":"static","scope":"link"}`,
		3: `{"blackhole":null,"flags":[],"id":3,"protocol":"unspec","scope":"global"}`,
		4: `{"flags":[],"group":[{"id":1,"weight":3},{"id":2,"weight":5}],"id":4,"protocol":"unspec","scope":"global"}`,
		5: `{"flags":[],"group":[{"id":1},{"id":2}],"id":5,"protocol":"unspec","resilient_args":{"buckets":32,"idle_timer":10,"unbalanced_time":0,"unbalanced_timer":20},"scope":"global","type":"resilient"}`,
		6: `{"fdb":null,"flags":[],"gateway":"10.0.0.3","id":6,"protocol":"unspec","scope":"link"}`,
		7: `{"dev":"veth0","flags":[],"id":7,"protocol":"unspec","scope":"host"}`,
		8: `{"dev":"veth0","flags":[],"id":8,"protocol":"unspec","scope":"link"}`,
	} {
		if got[id] != want {
			t.Errorf("nexthop %v: ip shows\n%s\nwant\n%s", id, got[id], want)
		}
	}

	// Weights above 256 use the high byte, which ip 6.1 does not read.
	n9, err := c.Get(ctx, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(n9.Group) != 2 || Weight(n9.Group[0]) != 1 || Weight(n9.Group[1]) != 300 {
		t.Errorf("Get 9: group %+v, want weights 1 and 300", n9.Group)
	}

	// Get, and the resilient parameters read back through the nest.
	n, err := c.Get(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n.GroupType != rtnl.NEXTHOP_GRP_TYPE_RES || n.ResGroup.Buckets != 32 || n.ResGroup.IdleTimer != 1000 {
		t.Errorf("Get 5: type %v, buckets %d, idle %d; want resilient, 32, 1000 (clock_t)", n.GroupType, n.ResGroup.Buckets, n.ResGroup.IdleTimer)
	}
	if _, err := c.Get(ctx, 99); !errors.Is(err, unix.ENOENT) {
		t.Errorf("Get 99: %v, want ENOENT", err)
	}

	if err := c.Add(ctx, 1, Via(a("10.0.0.2")), Dev(dev)); !errors.Is(err, unix.EEXIST) {
		t.Errorf("second Add: %v, want EEXIST", err)
	}
	if err := c.Replace(ctx, 1, Via(a("10.0.0.4")), Dev(dev)); err != nil {
		t.Fatal(err)
	}
	if want := `{"dev":"veth0","flags":[],"gateway":"10.0.0.4","id":1,"protocol":"unspec","scope":"link"}`; ipNexthops(t, ns)[1] != want {
		t.Errorf("after Replace ip shows %s, want %s", ipNexthops(t, ns)[1], want)
	}
	if err := c.Delete(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, 7); !errors.Is(err, unix.ENOENT) {
		t.Errorf("second Delete: %v, want ENOENT", err)
	}

	// Flush the groups only, then everything.
	cnt, err := c.Flush(ctx, Filter{Groups: true})
	if err != nil || cnt != 3 {
		t.Errorf("Flush groups: %d, %v; want 3", cnt, err)
	}
	cnt, err = c.Flush(ctx, Filter{})
	if err != nil || cnt != 5 {
		t.Errorf("Flush: %d, %v; want 5", cnt, err)
	}
	if got := ipNexthops(t, ns); len(got) != 0 {
		t.Errorf("after Flush ip shows %v", got)
	}
}

func TestRequestErrors(t *testing.T) {
	a := netip.MustParseAddr
	for name, opts := range map[string][]Option{
		"nothing":           {},
		"group and via":     {Group(Member{ID: 1}), Via(a("10.0.0.1"))},
		"resilient single":  {Via(a("10.0.0.1")), Resilient()},
		"buckets single":    {Dev(1), Buckets(4)},
		"blackhole dev":     {Blackhole(), Dev(1)},
		"onlink no dev":     {Via(a("10.0.0.1")), Onlink()},
		"family mismatch":   {Via(a("10.0.0.1")), Family(rtnl.AF_INET6)},
		"empty group":       {Group()},
		"weight":            {Group(Member{1, 65537})},
		"member 0":          {Group(Member{})},
		"timer":             {Group(Member{ID: 1}), Resilient(), IdleTimer(1 << 31)},
		"group with family": {Group(Member{ID: 1}), Family(rtnl.AF_INET)},
		"nil":               {nil},
	} {
		if m, err := Request("add", 1, opts...); err == nil {
			t.Errorf("%s: Request gave %+v, want an error", name, m)
		}
	}
	if _, err := Request("add", 0, Dev(1)); err == nil {
		t.Error("id 0: no error")
	}
	m, err := Request("add", 5, Group(Member{ID: 1}, Member{ID: 2}), Resilient())
	if err != nil {
		t.Fatal(err)
	}
	if !m.Has(rtnl.NHA_RES_GROUP) || m.Header.Family != 0 {
		t.Errorf("resilient group: NHA_RES_GROUP present %v, family %v; want present, unspec", m.Has(rtnl.NHA_RES_GROUP), m.Header.Family)
	}
}
