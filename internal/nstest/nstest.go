// Package nstest gives integration tests a throwaway network namespace and
// a way to run `ip` in it. Tests that use it skip, saying why, when they
// cannot run (not root, no `ip`).
package nstest

import (
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/runtime/nlsock"
)

// prefix names this package's namespaces; examplens.Name adds the pid, so
// that the leftovers of a killed run can be told from a running one's.
const prefix = "linx-test"

var removeStale sync.Once

// New creates a fresh named network namespace (`ip netns add
// linx-test-<pid>-<random>`, from examplens.Name) that is deleted when the
// test ends; the first call in a process deletes the leftovers of test
// processes that are gone (examplens.RemoveStale), which t.Cleanup never
// ran for. It skips the test when not running as root or when `ip` is not
// installed.
func New(t testing.TB) nlsock.NetNS {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("nstest: needs root to create network namespaces (run the integration tests as root)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("nstest: `ip` (iproute2) not found in PATH")
	}
	removeStale.Do(func() { examplens.RemoveStale(prefix) })
	name := examplens.Name(prefix)
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("ip", "netns", "del", name).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v\n%s", name, err, out)
		}
	})
	return nlsock.NetNSName(name)
}

// IP runs `ip -n NAME args...` in ns (a namespace from New) and returns its
// output; it fails the test with the output when ip fails.
func IP(t testing.TB, ns nlsock.NetNS, args ...string) string {
	t.Helper()
	return run(t, ns, "", args)
}

// Batch runs `ip -n NAME -batch -` with script (one ip command per line,
// without the leading "ip") on standard input, failing the test on error.
func Batch(t testing.TB, ns nlsock.NetNS, script string) {
	t.Helper()
	run(t, ns, script, []string{"-batch", "-"})
}

// Veth creates the veth pair a <-> b inside ns and brings both ends up.
func Veth(t testing.TB, ns nlsock.NetNS, a, b string) {
	t.Helper()
	IP(t, ns, "link", "add", a, "type", "veth", "peer", "name", b)
	IP(t, ns, "link", "set", a, "up")
	IP(t, ns, "link", "set", b, "up")
}

func run(t testing.TB, ns nlsock.NetNS, stdin string, args []string) string {
	t.Helper()
	name := ns.Name()
	if name == "" {
		t.Fatalf("nstest: %s is not a named namespace from nstest.New", ns)
	}
	cmd := exec.Command("ip", append([]string{"-n", name}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return string(out)
}

// Dial opens a NETLINK_ROUTE connection in ns, closed when the test ends.
func Dial(t testing.TB, ns nlsock.NetNS) *nlsock.Conn {
	t.Helper()
	c, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Interfaces maps interface names to indexes and back, as seen inside ns.
func Interfaces(t testing.TB, ns nlsock.NetNS) (byName map[string]uint32, byIndex map[uint32]string) {
	t.Helper()
	byName, byIndex = map[string]uint32{}, map[uint32]string{}
	err := nlsock.Do(ns, func() error {
		ifs, err := net.Interfaces()
		for _, i := range ifs {
			byName[i.Name] = uint32(i.Index)
			byIndex[uint32(i.Index)] = i.Name
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return byName, byIndex
}

// Settle runs check until it reports no differences, retrying for about
// five seconds (the kernel changes some state by itself: DAD, carrier,
// neighbour entries), then fails the test with the last differences.
func Settle(t testing.TB, check func() []string) {
	t.Helper()
	var diffs []string
	for range 20 {
		if diffs = check(); len(diffs) == 0 {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	for _, d := range diffs {
		t.Error(d)
	}
}
