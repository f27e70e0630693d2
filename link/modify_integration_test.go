package link

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
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

// ipLink is `ip -d -j link show dev NAME` in ns, the oracle of these
// tests; nil when the link does not exist.
func ipLink(t *testing.T, ns nlsock.NetNS, name string) map[string]any {
	t.Helper()
	out, err := exec.Command("ip", "-n", ns.Name(), "-d", "-j", "link", "show", "dev", name).Output()
	if err != nil {
		return nil
	}
	var v []map[string]any
	if err := json.Unmarshal(out, &v); err != nil || len(v) != 1 {
		t.Fatalf("ip -d -j link show dev %s: %v: %s", name, err, out)
	}
	return v[0]
}

// field walks a path of keys into an ip -j object and formats the value
// found ("" when absent).
func field(obj map[string]any, path ...string) string {
	var v any = obj
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		if v, ok = m[k]; !ok {
			return ""
		}
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

func hasFlag(obj map[string]any, flag string) bool {
	fl, _ := obj["flags"].([]any)
	return slices.Contains(fl, any(flag))
}

func modifyClient(t *testing.T, ns nlsock.NetNS) (*Client, context.Context) {
	t.Helper()
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c, ctx
}

func mustIndex(t *testing.T, c *Client, ctx context.Context, name string) uint32 {
	t.Helper()
	l, err := c.GetByName(ctx, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return Index(l)
}

// Each option of Set, checked against ip -d -j link.
func TestIntegrationSetOptions(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "add", "va", "type", "veth", "peer", "name", "vb")
	nstest.IP(t, ns, "link", "add", "brx", "type", "bridge")
	c, ctx := modifyClient(t, ns)
	va := mustIndex(t, c, ctx, "va")
	br := mustIndex(t, c, ctx, "brx")

	set := func(opts ...Option) {
		t.Helper()
		if err := c.Set(ctx, va, opts...); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: ip shows %q, want %q", what, got, want)
		}
	}

	if err := c.SetUp(ctx, va); err != nil {
		t.Fatal(err)
	}
	if !hasFlag(ipLink(t, ns, "va"), "UP") {
		t.Errorf("SetUp: va not UP: %v", ipLink(t, ns, "va")["flags"])
	}
	if err := c.SetDown(ctx, va); err != nil {
		t.Fatal(err)
	}
	if hasFlag(ipLink(t, ns, "va"), "UP") {
		t.Errorf("SetDown: va still UP")
	}
	set(Up(), MTU(1280), TxQueueLen(321), Alias("linx alias"), Group(7),
		Address(net.HardwareAddr{0x02, 0, 0, 0, 0, 0x42}), ARP(false), Promisc(true), AllMulticast(true))
	j := ipLink(t, ns, "va")
	check("mtu", field(j, "mtu"), "1280")
	check("txqlen", field(j, "txqlen"), "321")
	check("alias", field(j, "ifalias"), "linx alias")
	check("group", field(j, "group"), "7")
	check("address", field(j, "address"), "02:00:00:00:00:42")
	for _, f := range []string{"UP", "NOARP", "PROMISC", "ALLMULTI"} {
		if !hasFlag(j, f) {
			t.Errorf("flag %s missing: %v", f, j["flags"])
		}
	}
	// Flags outside the change mask stay: ARP back on leaves UP and PROMISC.
	set(ARP(true), AllMulticast(false))
	j = ipLink(t, ns, "va")
	if hasFlag(j, "NOARP") || hasFlag(j, "ALLMULTI") || !hasFlag(j, "UP") || !hasFlag(j, "PROMISC") {
		t.Errorf("after arp on, allmulticast off: flags %v; want UP, PROMISC without NOARP, ALLMULTI", j["flags"])
	}
	set(Promisc(false), Down())
	if j = ipLink(t, ns, "va"); hasFlag(j, "PROMISC") || hasFlag(j, "UP") {
		t.Errorf("after promisc off, down: flags %v", j["flags"])
	}

	set(Master(br))
	check("master", field(ipLink(t, ns, "va"), "master"), "brx")
	set(NoMaster())
	check("nomaster", field(ipLink(t, ns, "va"), "master"), "")

	set(Name("va-renamed"))
	if ipLink(t, ns, "va") != nil || field(ipLink(t, ns, "va-renamed"), "ifindex") != fmt.Sprint(va) {
		t.Errorf("rename: va still there or va-renamed is not index %d", va)
	}

	// Bad input is refused before anything is sent.
	for _, o := range []Option{MTU(0), Name(""), Name("a/b"), Name("sixteen-bytes-xx"), Address(nil), Master(0), NetNS(nlsock.HostNS()), nil} {
		if err := c.Set(ctx, va, o); err == nil {
			t.Errorf("option %p accepted", o)
		}
	}
	if err := c.Set(ctx, 0, Up()); err == nil {
		t.Error("Set of index 0 accepted")
	}
	// The kernel's refusal names the request and keeps the errno.
	err := c.Set(ctx, 999999, Up())
	if !errors.Is(err, unix.ENODEV) || !strings.Contains(err.Error(), "link set") {
		t.Errorf("set of a missing link: %v, want ENODEV named link set", err)
	}
}

// NetNS by name, by pid and by fd moves the link, as ip link set netns.
func TestIntegrationSetNetNS(t *testing.T) {
	ns := nstest.New(t)
	other := nstest.New(t)
	nstest.IP(t, ns, "link", "add", "m1", "type", "veth", "peer", "name", "m2")
	nstest.IP(t, ns, "link", "add", "m3", "type", "veth", "peer", "name", "m4")
	nstest.IP(t, ns, "link", "add", "m5", "type", "veth", "peer", "name", "m6")
	c, ctx := modifyClient(t, ns)

	if err := c.Set(ctx, mustIndex(t, c, ctx, "m1"), NetNS(other)); err != nil {
		t.Fatal(err)
	}
	if ipLink(t, ns, "m1") != nil || ipLink(t, other, "m1") == nil {
		t.Error("netns by name: m1 did not move")
	}

	// A process inside the other namespace, for its pid.
	sleeper := exec.Command("ip", "netns", "exec", other.Name(), "sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sleeper.Process.Kill(); sleeper.Wait() })
	nstest.Settle(t, func() []string {
		a, _ := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", sleeper.Process.Pid))
		b, _ := os.Readlink("/proc/self/ns/net")
		if a == b || a == "" {
			return []string{"sleeper not in its namespace yet"}
		}
		return nil
	})
	if err := c.Set(ctx, mustIndex(t, c, ctx, "m3"), NetNS(nlsock.NetNSPid(sleeper.Process.Pid))); err != nil {
		t.Fatal(err)
	}
	if ipLink(t, other, "m3") == nil {
		t.Error("netns by pid: m3 did not move")
	}

	f, err := os.Open(other.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := c.Set(ctx, mustIndex(t, c, ctx, "m5"), NetNS(nlsock.NetNSFd(int(f.Fd())))); err != nil {
		t.Fatal(err)
	}
	if ipLink(t, other, "m5") == nil {
		t.Error("netns by fd: m5 did not move")
	}
	if err := c.Set(ctx, mustIndex(t, c, ctx, "m2"), NetNS(nlsock.NetNSName("linx-no-such-ns"))); err == nil {
		t.Error("netns of a missing name accepted")
	}
}

// Each kind Add creates shows in ip -d -j link with the options given;
// Delete removes it.
func TestIntegrationAddKinds(t *testing.T) {
	ns := nstest.New(t)
	c, ctx := modifyClient(t, ns)
	add := func(name string, k Kind, opts ...Option) map[string]any {
		t.Helper()
		if err := c.Add(ctx, name, k, opts...); err != nil {
			t.Fatalf("add %s type %s: %v", name, k, err)
		}
		j := ipLink(t, ns, name)
		if got := field(j, "linkinfo", "info_kind"); got != k.String() {
			t.Fatalf("%s: kind %q, want %q", name, got, k)
		}
		return j
	}
	check := func(what string, j map[string]any, want string, path ...string) {
		t.Helper()
		if got := field(j, path...); got != want {
			t.Errorf("%s %v: ip shows %q, want %q", what, path, got, want)
		}
	}

	j := add("ve0", Veth("ve1", MTU(1300)), MTU(1400), Up())
	check("veth", j, "1400", "mtu")
	check("veth", j, "ve1", "link")
	check("veth peer", ipLink(t, ns, "ve1"), "1300", "mtu")
	if !hasFlag(j, "UP") {
		t.Errorf("veth: not up: %v", j["flags"])
	}
	if err := c.Add(ctx, "ve0", Veth("")); !errors.Is(err, unix.EEXIST) {
		t.Errorf("second add of ve0: %v, want EEXIST", err)
	}

	// This kernel has no CONFIG_BRIDGE_VLAN_FILTERING (ip's vlan_filtering 1
	// fails with EOPNOTSUPP too, and so does 0): VLANFiltering is checked
	// on bytes.
	j = add("br0", Bridge(STP(true), ForwardDelay(8*time.Second), HelloTime(3*time.Second), MaxAge(12*time.Second),
		AgeingTime(100*time.Second), BridgePriority(4096), McastSnooping(false)))
	for k, want := range map[string]string{"stp_state": "1", "forward_delay": "800", "hello_time": "300", "max_age": "1200",
		"ageing_time": "10000", "priority": "4096", "mcast_snooping": "0"} {
		check("bridge", j, want, "linkinfo", "info_data", k)
	}
	if err := c.Set(ctx, mustIndex(t, c, ctx, "ve1"), Master(mustIndex(t, c, ctx, "br0"))); err != nil {
		t.Fatal(err)
	}
	check("port", ipLink(t, ns, "ve1"), "bridge", "linkinfo", "info_slave_kind")

	ve0 := mustIndex(t, c, ctx, "ve0")
	for mode, word := range map[rtnl.MacvlanMode]string{rtnl.MACVLAN_MODE_PRIVATE: "private", rtnl.MACVLAN_MODE_VEPA: "vepa",
		rtnl.MACVLAN_MODE_BRIDGE: "bridge", rtnl.MACVLAN_MODE_PASSTHRU: "passthru", rtnl.MACVLAN_MODE_SOURCE: "source"} {
		name := "mv-" + word
		j = add(name, Macvlan(ve0, mode))
		check("macvlan", j, word, "linkinfo", "info_data", "mode")
		check("macvlan", j, "ve0", "link")
		if err := c.DeleteByName(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Add(ctx, "mv-bad", Macvlan(ve0, 3)); err == nil {
		t.Error("macvlan mode 3 accepted")
	}

	j = add("vx0", Vxlan(42, DstPort(4789), Local(netip.MustParseAddr("10.0.0.1")), Remote(netip.MustParseAddr("10.0.0.2")),
		Dev(ve0), Learning(false), TTL(5), TOS(0x10)))
	for k, want := range map[string]string{"id": "42", "port": "4789", "local": "10.0.0.1", "remote": "10.0.0.2",
		"link": "ve0", "learning": "false", "ttl": "5", "tos": "0x10"} {
		check("vxlan", j, want, "linkinfo", "info_data", k)
	}
	j = add("vx6", Vxlan(7, MulticastGroup(netip.MustParseAddr("ff05::100")), Dev(ve0), Learning(true)))
	check("vxlan6", j, "ff05::100", "linkinfo", "info_data", "group6")
	check("vxlan6", j, "true", "linkinfo", "info_data", "learning")
	if err := c.Add(ctx, "vx-bad", Vxlan(1<<24)); err == nil {
		t.Error("vxlan id 2^24 accepted")
	}

	add("ifb0", IFB(), Up())

	// Delete by index, by name; one veth end takes the other.
	if err := c.Delete(ctx, mustIndex(t, c, ctx, "ifb0")); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteByName(ctx, "ve1"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"ifb0", "ve0", "ve1"} {
		if ipLink(t, ns, n) != nil {
			t.Errorf("%s still there after delete", n)
		}
	}
	if err := c.DeleteByName(ctx, "ve1"); !errors.Is(err, unix.ENODEV) {
		t.Errorf("delete of a deleted link: %v, want ENODEV", err)
	}
}

// A veth created with its peer in a second namespace, named and set up
// there.
func TestIntegrationVethPeerInNamespace(t *testing.T) {
	ns := nstest.New(t)
	other := nstest.New(t)
	c, ctx := modifyClient(t, ns)
	if err := c.Add(ctx, "host0", Veth("ctr0", NetNS(other), MTU(1450), Address(net.HardwareAddr{2, 0, 0, 0, 0, 7})), Up()); err != nil {
		t.Fatal(err)
	}
	if ipLink(t, ns, "ctr0") != nil {
		t.Error("peer ctr0 is in the first namespace")
	}
	j := ipLink(t, other, "ctr0")
	if j == nil {
		t.Fatal("peer ctr0 not in the second namespace")
	}
	if field(j, "mtu") != "1450" || field(j, "address") != "02:00:00:00:00:07" || field(j, "linkinfo", "info_kind") != "veth" {
		t.Errorf("peer: mtu %s address %s kind %s; want 1450, 02:00:00:00:00:07, veth", field(j, "mtu"), field(j, "address"), field(j, "linkinfo", "info_kind"))
	}
	if hasFlag(ipLink(t, ns, "host0"), "UP") == false {
		t.Error("host0 not up")
	}
}
