package bench

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

const nsName = "linx-bench"

var (
	benchNS     = nlsock.NetNSName(nsName)
	routeCount  = 100000
	setupFailed error
)

// TestMain makes the namespace with veth0 (10.0.0.1/24) and routeCount /32
// routes in the main table, then runs the benchmarks.
func TestMain(m *testing.M) {
	if n, err := strconv.Atoi(os.Getenv("LINX_BENCH_ROUTES")); err == nil && n > 0 {
		routeCount = n
	}
	if os.Geteuid() == 0 {
		setupFailed = setup()
	} else {
		setupFailed = fmt.Errorf("not root: the benchmarks need a network namespace")
	}
	code := m.Run()
	exec.Command("ip", "netns", "del", nsName).Run()
	os.Exit(code)
}

func ip(args ...string) error {
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("ip %v: %v: %s", args, err, out)
	}
	return nil
}

func setup() error {
	exec.Command("ip", "netns", "del", nsName).Run()
	for _, args := range [][]string{
		{"netns", "add", nsName},
		{"-n", nsName, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"-n", nsName, "link", "set", "veth0", "up"},
		{"-n", nsName, "link", "set", "veth1", "up"},
		{"-n", nsName, "addr", "add", "10.0.0.1/24", "dev", "veth0"},
	} {
		if err := ip(args...); err != nil {
			return err
		}
	}
	c, err := route.Open(route.InNamespace(benchNS))
	if err != nil {
		return err
	}
	defer c.Close()
	// In chunks, so the setup does not dominate the process's peak RSS.
	var b route.Batch
	gw := netip.MustParseAddr("10.0.0.254")
	for i := range routeCount {
		if err := b.Add(hostRoute(10<<24|1<<16, i), gw, route.Protocol(rtnl.RTPROT_STATIC)); err != nil {
			return err
		}
		if b.Len() == 8192 || i == routeCount-1 {
			if err := c.Apply(context.Background(), &b); err != nil {
				return err
			}
			b.Reset()
		}
	}
	return nil
}

// hostRoute is the i-th /32 after base (an IPv4 address as a uint32).
func hostRoute(base uint32, i int) netip.Prefix {
	v := base + uint32(i)
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), 32)
}

func needSetup(b *testing.B) {
	if setupFailed != nil {
		b.Skip(setupFailed)
	}
}

func mustAddr(s string) netip.Addr { return netip.MustParseAddr(s) }
