package addr

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// ipAddrs is `ip -d -j addr show dev DEV`'s addr_info, the oracle.
func ipAddrs(t *testing.T, ns nlsock.NetNS, dev string) []map[string]any {
	t.Helper()
	var out []struct {
		AddrInfo []map[string]any `json:"addr_info"`
	}
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, "-d", "-j", "addr", "show", "dev", dev)), &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("ip addr show dev %s: %d links", dev, len(out))
	}
	return out[0].AddrInfo
}

// find is the entry of ip's list whose local address is local.
func find(t *testing.T, list []map[string]any, local string) map[string]any {
	t.Helper()
	for _, a := range list {
		if a["local"] == local {
			return a
		}
	}
	t.Fatalf("ip shows no address %s in %v", local, list)
	return nil
}

// want checks that ip shows key with value v (numbers as float64).
func want(t *testing.T, a map[string]any, key string, v any) {
	t.Helper()
	if n, ok := v.(int); ok {
		v = float64(n)
	}
	if a[key] != v {
		t.Errorf("address %v: ip shows %s = %v, want %v", a["local"], key, a[key], v)
	}
}

func TestIntegrationAddrVerbs(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dev := idx["veth0"]

	p := netip.MustParsePrefix
	add := func(pfx string, opts ...Option) {
		t.Helper()
		if err := c.Add(ctx, dev, p(pfx), opts...); err != nil {
			t.Fatalf("Add %s: %v", pfx, err)
		}
	}
	add("10.0.0.1/24", BroadcastAuto(), Label("veth0:x"), Metric(5), Lifetimes(100, 50), Proto(rtnl.AddrProto(42)))
	add("10.1.0.1/32", PeerAddress(netip.MustParseAddr("10.1.0.2")))
	add("10.2.0.1/16", Broadcast(netip.MustParseAddr("10.2.0.7")), Scope(rtnl.RT_SCOPE_LINK))
	add("10.3.0.1/31", BroadcastAuto()) // no broadcast for a /31, as ip
	add("2001:db8::1/64", AddFlags(rtnl.IFA_F_NODAD|rtnl.IFA_F_NOPREFIXROUTE|rtnl.IFA_F_HOMEADDRESS|rtnl.IFA_F_MANAGETEMPADDR))
	add("2001:db8:1::1/64", AddFlags(rtnl.IFA_F_NODAD), Metric(77))

	list := ipAddrs(t, ns, "veth0")
	a := find(t, list, "10.0.0.1")
	want(t, a, "prefixlen", 24)
	want(t, a, "broadcast", "10.0.0.255")
	want(t, a, "label", "veth0:x")
	want(t, a, "metric", 5)
	want(t, a, "valid_life_time", 100)
	want(t, a, "preferred_life_time", 50)
	want(t, a, "scope", "global")
	a = find(t, list, "10.1.0.1")
	want(t, a, "address", "10.1.0.2")
	want(t, a, "prefixlen", 32)
	a = find(t, list, "10.2.0.1")
	want(t, a, "broadcast", "10.2.0.7")
	want(t, a, "scope", "link")
	a = find(t, list, "10.3.0.1")
	want(t, a, "broadcast", nil)
	a = find(t, list, "2001:db8::1")
	for _, f := range []string{"nodad", "noprefixroute", "home", "mngtmpaddr"} {
		want(t, a, f, true)
	}
	want(t, find(t, list, "2001:db8:1::1"), "metric", 77)

	// ip 6.1 does not print IFA_PROTO: read it back ourselves.
	got, err := c.List(ctx, Filter{Index: dev, Proto: 42})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || Prefix(&got[0]) != p("10.0.0.1/24") {
		t.Errorf("addresses with proto 42: %v, want 10.0.0.1/24 only", got)
	}

	// add again: EEXIST; replace: renews the lifetimes in place.
	if err := c.Add(ctx, dev, p("10.0.0.1/24")); !errors.Is(err, unix.EEXIST) || !strings.Contains(err.Error(), "address add 10.0.0.1/24: file exists") {
		t.Errorf("second Add: %v, want EEXIST named address add 10.0.0.1/24", err)
	}
	if err := c.Replace(ctx, dev, p("10.0.0.1/24"), Lifetimes(Forever, Forever), Label("veth0:x"), BroadcastAuto()); err != nil {
		t.Fatal(err)
	}
	a = find(t, ipAddrs(t, ns, "veth0"), "10.0.0.1")
	want(t, a, "valid_life_time", float64(Forever))

	// delete: gone from ip; deleting again: EADDRNOTAVAIL.
	if err := c.Delete(ctx, dev, p("10.2.0.1/16")); err != nil {
		t.Fatal(err)
	}
	for _, a := range ipAddrs(t, ns, "veth0") {
		if a["local"] == "10.2.0.1" {
			t.Error("10.2.0.1 still there after Delete")
		}
	}
	if err := c.Delete(ctx, dev, p("10.2.0.1/16")); !errors.Is(err, unix.EADDRNOTAVAIL) {
		t.Errorf("second Delete: %v, want EADDRNOTAVAIL", err)
	}

	// flush by label, then by family: only what matched goes.
	n, err := c.Flush(ctx, Filter{Index: dev, Family: rtnl.AF_INET, Label: "veth0:*"})
	if err != nil || n != 1 {
		t.Fatalf("Flush label veth0:*: %d, %v; want 1", n, err)
	}
	n, err = c.Flush(ctx, Filter{Index: dev, Family: rtnl.AF_INET6, MatchScope: true, Scope: rtnl.RT_SCOPE_UNIVERSE})
	if err != nil || n != 2 {
		t.Fatalf("Flush inet6 scope global: %d, %v; want 2", n, err)
	}
	var left []string
	for _, a := range ipAddrs(t, ns, "veth0") {
		left = append(left, a["local"].(string))
	}
	// 10.1.0.1 and 10.3.0.1 remain, and the link-local IPv6 address.
	if len(left) != 3 || left[0] != "10.1.0.1" || left[1] != "10.3.0.1" {
		t.Errorf("after the flushes ip shows %v, want 10.1.0.1 10.3.0.1 fe80::...", left)
	}
}

func TestRequestErrors(t *testing.T) {
	p := netip.MustParsePrefix
	for _, c := range []struct {
		name string
		idx  uint32
		pfx  netip.Prefix
		opts []Option
	}{
		{"no interface", 0, p("10.0.0.1/24"), nil},
		{"invalid prefix", 1, netip.Prefix{}, nil},
		{"v4-mapped", 1, p("::ffff:10.0.0.1/120"), nil},
		{"peer family", 1, p("10.0.0.1/32"), []Option{PeerAddress(netip.MustParseAddr("2001:db8::2"))}},
		{"broadcast v6", 1, p("2001:db8::1/64"), []Option{BroadcastAuto()}},
		{"broadcast not v4", 1, p("10.0.0.1/24"), []Option{Broadcast(netip.MustParseAddr("::1"))}},
		{"label v6", 1, p("2001:db8::1/64"), []Option{Label("x")}},
		{"label long", 1, p("10.0.0.1/24"), []Option{Label("0123456789abcdef")}},
		{"lifetimes", 1, p("10.0.0.1/24"), []Option{Lifetimes(10, 20)}},
		{"kernel flag", 1, p("10.0.0.1/24"), []Option{AddFlags(rtnl.IFA_F_PERMANENT)}},
		{"nil option", 1, p("10.0.0.1/24"), []Option{nil}},
	} {
		if m, err := Request("add", c.idx, c.pfx, c.opts...); err == nil {
			t.Errorf("%s: Request gave %+v, want an error", c.name, m)
		}
	}
	m, err := Request("add", 3, p("10.0.0.1/24"), BroadcastAuto(), AddFlags(rtnl.IFA_F_NOPREFIXROUTE))
	if err != nil {
		t.Fatal(err)
	}
	if m.Broadcast != netip.MustParseAddr("10.0.0.255") || !m.Has(rtnl.IFA_FLAGS) || m.Flags != rtnl.IFA_F_NOPREFIXROUTE ||
		m.Local != m.Address || m.Header.Index != 3 || m.Header.PrefixLen != 24 || m.Header.Family != rtnl.AF_INET {
		t.Errorf("Request: %+v", m)
	}
}
