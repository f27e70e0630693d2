package neigh

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/netip"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// ipNeighs is `ip -d -j neigh show ARGS... nud all`, the oracle, by dst.
func ipNeighs(t *testing.T, ns nlsock.NetNS, args ...string) map[string]map[string]any {
	t.Helper()
	var list []map[string]any
	out := nstest.IP(t, ns, append(append([]string{"-d", "-j", "neigh", "show"}, args...), "nud", "all")...)
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	m := map[string]map[string]any{}
	for _, e := range list {
		m[e["dst"].(string)] = e
	}
	return m
}

func mac(s string) net.HardwareAddr {
	m, err := net.ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return m
}

func TestIntegrationNeighVerbs(t *testing.T) {
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
	a := netip.MustParseAddr

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Add(ctx, dev, a("10.0.0.5"), LLAddr(mac("02:00:00:00:00:05"))))
	must(c.Add(ctx, dev, a("10.0.0.6"), LLAddr(mac("02:00:00:00:00:06")), State(rtnl.NUD_REACHABLE)))
	must(c.Add(ctx, dev, a("2001:db8::5"), LLAddr(mac("02:00:00:00:00:07")), Router(), ExternLearn(), Protocol(rtnl.Protocol(12))))
	must(c.Add(ctx, dev, a("10.0.0.7"), State(rtnl.NUD_NOARP), LLAddr(mac("02:00:00:00:00:08"))))
	must(c.Add(ctx, dev, a("10.0.0.9"), Proxy()))

	got := ipNeighs(t, ns, "dev", "veth0")
	check := func(dst, key string, v any) {
		t.Helper()
		e := got[dst]
		if e == nil {
			t.Errorf("ip shows no neighbour %s: %v", dst, got)
			return
		}
		val, ok := e[key]
		switch v {
		case "present":
			if !ok {
				t.Errorf("%s: ip shows no %s: %v", dst, key, e)
			}
			return
		case "state":
		}
		if b, err := json.Marshal(val); err != nil || string(b) != v {
			t.Errorf("%s: ip shows %s = %s, want %s", dst, key, b, v)
		}
	}
	check("10.0.0.5", "lladdr", `"02:00:00:00:00:05"`)
	check("10.0.0.5", "state", `["PERMANENT"]`)
	check("10.0.0.6", "state", `["REACHABLE"]`)
	check("10.0.0.7", "state", `["NOARP"]`)
	check("2001:db8::5", "router", "present")
	check("2001:db8::5", "extern_learn", "present")
	check("2001:db8::5", "protocol", `"bird"`)
	if p := ipNeighs(t, ns, "proxy"); p["10.0.0.9"] == nil {
		t.Errorf("ip neigh show proxy: %v, want 10.0.0.9", p)
	}

	// add again: EEXIST; change of a missing entry: ENOENT; change and
	// replace of existing ones.
	if err := c.Add(ctx, dev, a("10.0.0.5"), LLAddr(mac("02:00:00:00:00:05"))); !errors.Is(err, unix.EEXIST) {
		t.Errorf("second Add: %v, want EEXIST", err)
	}
	if err := c.Change(ctx, dev, a("10.0.0.99"), LLAddr(mac("02:00:00:00:00:99"))); !errors.Is(err, unix.ENOENT) {
		t.Errorf("Change of a missing entry: %v, want ENOENT", err)
	}
	must(c.Change(ctx, dev, a("10.0.0.5"), LLAddr(mac("02:00:00:00:00:55"))))
	must(c.Replace(ctx, dev, a("10.0.0.8"), LLAddr(mac("02:00:00:00:00:88")), State(rtnl.NUD_STALE)))
	got = ipNeighs(t, ns, "dev", "veth0")
	check("10.0.0.5", "lladdr", `"02:00:00:00:00:55"`)
	check("10.0.0.8", "state", `["STALE"]`)

	must(c.Delete(ctx, dev, a("10.0.0.6")))
	must(c.Delete(ctx, dev, a("10.0.0.9"), Proxy()))
	if err := c.Delete(ctx, dev, a("10.0.0.6")); !errors.Is(err, unix.ENOENT) {
		t.Errorf("second Delete: %v, want ENOENT", err)
	}
	if p := ipNeighs(t, ns, "proxy"); len(p) != 0 {
		t.Errorf("proxy entries after Delete: %v", p)
	}

	// flush: like ip's, it spares permanent and noarp entries.
	n, err := c.Flush(ctx, Filter{Ifindex: dev})
	if err != nil {
		t.Fatal(err)
	}
	got = ipNeighs(t, ns, "dev", "veth0")
	if n != 1 || got["10.0.0.8"] != nil || got["10.0.0.5"] == nil || got["10.0.0.7"] == nil {
		t.Errorf("Flush removed %d; ip shows %v; want the stale 10.0.0.8 gone only", n, got)
	}
	n, err = c.Flush(ctx, Filter{Ifindex: dev, State: rtnl.NUD_PERMANENT | rtnl.NUD_NOARP})
	// 10.0.0.5, 10.0.0.7, 2001:db8::5, and the kernel's own noarp entries
	// (multicast groups such as ff02::16 and 224.0.0.22), which come and go by
	// themselves: they are not counted.
	if err != nil || n < 3 {
		t.Errorf("Flush permanent|noarp: %d, %v; want at least 3", n, err)
	}
	for dst := range ipNeighs(t, ns, "dev", "veth0") {
		if a, err := netip.ParseAddr(dst); err != nil || !a.IsMulticast() {
			t.Errorf("after the flushes ip shows %s", dst)
		}
	}
}

func TestIntegrationFDB(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	nstest.IP(t, ns, "link", "add", "br0", "type", "bridge")
	nstest.IP(t, ns, "link", "set", "veth1", "master", "br0")
	nstest.IP(t, ns, "link", "set", "br0", "up")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	port := idx["veth1"]
	if err := c.AddFDB(ctx, port, mac("02:00:00:00:01:01"), Master()); err != nil {
		t.Fatal(err)
	}
	if err := c.AddFDB(ctx, port, mac("02:00:00:00:01:02"), Master(), State(rtnl.NUD_NOARP)); err != nil {
		t.Fatal(err)
	}
	fdb := func() map[string]map[string]any {
		out, err := exec.Command("bridge", "-n", ns.Name(), "-j", "fdb", "show", "dev", "veth1").CombinedOutput()
		if err != nil {
			t.Fatalf("bridge fdb show: %v: %s", err, out)
		}
		var list []map[string]any
		if err := json.Unmarshal(out, &list); err != nil {
			t.Fatal(err)
		}
		m := map[string]map[string]any{}
		for _, e := range list {
			if e["master"] == "br0" {
				m[e["mac"].(string)] = e
			}
		}
		return m
	}
	got := fdb()
	if e := got["02:00:00:00:01:01"]; e == nil || e["state"] != "permanent" {
		t.Errorf("bridge fdb: 02:00:00:00:01:01 is %v, want permanent on br0", e)
	}
	if e := got["02:00:00:00:01:02"]; e == nil || e["state"] != "static" {
		t.Errorf("bridge fdb: 02:00:00:00:01:02 is %v, want static on br0", e)
	}
	// Our own listing sees them too, as AF_BRIDGE entries.
	list, err := c.List(ctx, Filter{Family: rtnl.AF_BRIDGE, Ifindex: port})
	if err != nil {
		t.Fatal(err)
	}
	var macs []string
	for _, n := range list {
		macs = append(macs, net.HardwareAddr(n.LLAddr).String())
	}
	if !slices.Contains(macs, "02:00:00:00:01:01") {
		t.Errorf("List AF_BRIDGE: %v", macs)
	}
	if err := c.DeleteFDB(ctx, port, mac("02:00:00:00:01:01"), Master()); err != nil {
		t.Fatal(err)
	}
	if e := fdb()["02:00:00:00:01:01"]; e != nil {
		t.Errorf("still there after DeleteFDB: %v", e)
	}
	if err := c.AddFDB(ctx, port, net.HardwareAddr{2, 0, 0, 0, 1}); err == nil {
		t.Error("AddFDB with a 5-byte MAC: no error")
	}
}

// An FDB entry of a vxlan device: remote, VNI and port, as bridge fdb add
// ... dst ... vni ... port ... self.
func TestIntegrationFDBVxlan(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning")
	nstest.IP(t, ns, "link", "set", "vx0", "up")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = c.AddFDB(ctx, idx["vx0"], mac("02:00:00:00:00:aa"), Dst(netip.MustParseAddr("10.0.0.2")), VNI(43), Port(4790))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bridge", "-n", ns.Name(), "-j", "fdb", "show", "dev", "vx0").CombinedOutput()
	if err != nil {
		t.Fatalf("bridge fdb show: %v: %s", err, out)
	}
	var list []map[string]any
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	want := `{"dst":"10.0.0.2","flags":["self"],"mac":"02:00:00:00:00:aa","port":4790,"state":"permanent","vni":43}`
	found := false
	for _, e := range list {
		b, _ := json.Marshal(e)
		found = found || string(b) == want
	}
	if !found {
		t.Errorf("bridge fdb show dev vx0: %s\nwant an entry %s", out, want)
	}
	if err := c.DeleteFDB(ctx, idx["vx0"], mac("02:00:00:00:00:aa"), Dst(netip.MustParseAddr("10.0.0.2")), VNI(43), Port(4790)); err != nil {
		t.Fatal(err)
	}
}

// An FDB entry through an FDB nexthop group (NDA_NH_ID), as bridge fdb add
// MAC dev vx0 nhid 10 self.
func TestIntegrationFDBNexthop(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "up")
	nstest.IP(t, ns, "link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning")
	nstest.IP(t, ns, "link", "set", "vx0", "up")
	nstest.IP(t, ns, "nexthop", "add", "id", "1", "via", "10.0.0.2", "fdb")
	nstest.IP(t, ns, "nexthop", "add", "id", "10", "group", "1", "fdb")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.AddFDB(ctx, idx["vx0"], mac("02:00:00:00:00:bb"), NHID(10)); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bridge", "-n", ns.Name(), "-j", "fdb", "show", "dev", "vx0").CombinedOutput()
	if err != nil {
		t.Fatalf("bridge fdb show: %v: %s", err, out)
	}
	if want := `{"flags":["self"],"mac":"02:00:00:00:00:bb","nhid":10,"state":"permanent"}`; !strings.Contains(normalize(t, out), want) {
		t.Errorf("bridge fdb show dev vx0: %s\nwant an entry %s", out, want)
	}
}

// normalize re-encodes a JSON array's entries with sorted keys, one per
// line.
func normalize(t *testing.T, b []byte) string {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, e := range list {
		x, _ := json.Marshal(e)
		s = append(s, string(x))
	}
	return strings.Join(s, "\n")
}
