package link_test

// A CNI bridge plugin, written as a user of linx would write one: ADD makes
// a bridge with the gateway address, a veth pair with one end in the
// container's namespace as eth0, addresses and routes on both sides, and
// brings everything up; DEL tears it down. It uses only the public API of
// link, addr, route and nlsock. The test drives it against two throwaway
// namespaces and checks the result with ip and a TCP connection across.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// cniNet is the plugin's configuration and the container's allocation.
type cniNet struct {
	Bridge   string       // e.g. "cni0"
	Gateway  netip.Prefix // the bridge's address, e.g. 10.22.0.1/24
	HostVeth string       // the host end, e.g. "veth1234"
	IfName   string       // the container end, e.g. "eth0"
	Addr     netip.Prefix // the container's address, e.g. 10.22.0.5/24
	Behind   netip.Prefix // a network the host routes through the container
}

// cniAdd is the plugin's ADD: host is the namespace the bridge lives in,
// ctr the container's.
func cniAdd(ctx context.Context, host, ctr nlsock.NetNS, n cniNet) error {
	hl, err := link.Open(link.InNamespace(host))
	if err != nil {
		return err
	}
	defer hl.Close()
	ha, hr := addr.NewClient(hl.Conn()), route.NewClient(hl.Conn())

	// The bridge, shared by every container: EEXIST is fine.
	if err := hl.Add(ctx, n.Bridge, link.Bridge(link.STP(false)), link.Up()); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("bridge: %w", err)
	}
	br, err := hl.GetByName(ctx, n.Bridge)
	if err != nil {
		return err
	}
	if err := ha.Add(ctx, link.Index(br), n.Gateway); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("gateway address: %w", err)
	}

	// The veth pair: the peer is created in the container as IfName.
	if err := hl.Add(ctx, n.HostVeth, link.Veth(n.IfName, link.NetNS(ctr)), link.Master(link.Index(br)), link.Up()); err != nil {
		return fmt.Errorf("veth: %w", err)
	}

	// The container side.
	cl, err := link.Open(link.InNamespace(ctr))
	if err != nil {
		return err
	}
	defer cl.Close()
	ca, cr := addr.NewClient(cl.Conn()), route.NewClient(cl.Conn())
	eth, err := cl.GetByName(ctx, n.IfName)
	if err != nil {
		return err
	}
	if lo, err := cl.GetByName(ctx, "lo"); err == nil {
		if err := cl.SetUp(ctx, link.Index(lo)); err != nil {
			return err
		}
	}
	if err := ca.Add(ctx, link.Index(eth), n.Addr); err != nil {
		return fmt.Errorf("container address: %w", err)
	}
	if err := cl.SetUp(ctx, link.Index(eth)); err != nil {
		return err
	}
	if err := cr.AddDefault(ctx, n.Gateway.Addr(), route.Dev(link.Index(eth))); err != nil {
		return fmt.Errorf("container default route: %w", err)
	}

	// The host side: a network behind the container.
	if n.Behind.IsValid() {
		if err := hr.Add(ctx, n.Behind, n.Addr.Addr(), route.Dev(link.Index(br))); err != nil {
			return fmt.Errorf("host route: %w", err)
		}
	}
	return nil
}

// cniDel is the plugin's DEL: deleting the host end removes the pair (and
// the routes through it); the bridge goes when last is set.
func cniDel(ctx context.Context, host nlsock.NetNS, n cniNet, last bool) error {
	hl, err := link.Open(link.InNamespace(host))
	if err != nil {
		return err
	}
	defer hl.Close()
	if err := hl.DeleteByName(ctx, n.HostVeth); err != nil && !errors.Is(err, unix.ENODEV) {
		return err
	}
	if last {
		if err := hl.DeleteByName(ctx, n.Bridge); err != nil && !errors.Is(err, unix.ENODEV) {
			return err
		}
	}
	return nil
}

func ipOut(t *testing.T, ns nlsock.NetNS, args ...string) string {
	t.Helper()
	out, err := exec.Command("ip", append([]string{"-n", ns.Name()}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ip %v: %v: %s", args, err, out)
	}
	return string(out)
}

func TestIntegrationCNIBridgePlugin(t *testing.T) {
	host, ctr := nstest.New(t), nstest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n := cniNet{
		Bridge: "cni0", Gateway: netip.MustParsePrefix("10.22.0.1/24"),
		HostVeth: "vethc1", IfName: "eth0", Addr: netip.MustParsePrefix("10.22.0.5/24"),
		Behind: netip.MustParsePrefix("10.99.0.0/24"),
	}
	if err := cniAdd(ctx, host, ctr, n); err != nil {
		t.Fatal(err)
	}

	// What ip sees on both sides.
	for _, c := range []struct {
		ns   nlsock.NetNS
		args []string
		want []string
	}{
		{host, []string{"-d", "link", "show", "cni0"}, []string{"UP", "bridge"}},
		{host, []string{"-d", "link", "show", "vethc1"}, []string{"master cni0", "UP", "veth", "bridge_slave"}},
		{host, []string{"addr", "show", "cni0"}, []string{"inet 10.22.0.1/24"}},
		{host, []string{"route", "show", "10.99.0.0/24"}, []string{"10.99.0.0/24 via 10.22.0.5 dev cni0"}},
		{ctr, []string{"-d", "link", "show", "eth0"}, []string{"UP", "veth"}},
		{ctr, []string{"addr", "show", "eth0"}, []string{"inet 10.22.0.5/24"}},
		{ctr, []string{"route", "show", "default"}, []string{"default via 10.22.0.1 dev eth0"}},
	} {
		out := ipOut(t, c.ns, c.args...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("ip %v: no %q in\n%s", c.args, w, out)
			}
		}
	}

	// Traffic crosses: the container connects to a listener on the gateway.
	var ln net.Listener
	if err := nlsock.Do(host, func() (err error) { ln, err = net.Listen("tcp4", "10.22.0.1:0"); return }); err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Write([]byte("hello from the host"))
			c.Close()
		}
	}()
	var got []byte
	err := nlsock.Do(ctr, func() error {
		c, err := net.DialTimeout("tcp4", ln.Addr().String(), 10*time.Second)
		if err != nil {
			return err
		}
		defer c.Close()
		got, err = io.ReadAll(c)
		return err
	})
	if err != nil || string(got) != "hello from the host" {
		t.Fatalf("container -> gateway: %q, %v", got, err)
	}

	// A second ADD of the same container fails with the kernel's reason.
	if err := cniAdd(ctx, host, ctr, n); !errors.Is(err, unix.EEXIST) {
		t.Errorf("second ADD: %v, want EEXIST", err)
	}

	if err := cniDel(ctx, host, n, true); err != nil {
		t.Fatal(err)
	}
	if out := ipOut(t, host, "-o", "link"); strings.Contains(out, "cni0") || strings.Contains(out, "vethc1") {
		t.Errorf("after DEL the host has\n%s", out)
	}
	if out := ipOut(t, ctr, "-o", "link"); strings.Contains(out, "eth0") {
		t.Errorf("after DEL the container has\n%s", out)
	}
	if out := ipOut(t, host, "route", "show", "10.99.0.0/24"); out != "" {
		t.Errorf("after DEL the host routes %s", out)
	}
	// DEL is idempotent, as CNI wants.
	if err := cniDel(ctx, host, n, true); err != nil {
		t.Errorf("second DEL: %v", err)
	}
}
