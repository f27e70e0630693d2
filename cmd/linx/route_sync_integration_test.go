package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// syncFile writes a desired-routes file and returns its path.
func syncFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "routes")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ownedRoutes is `ip route show proto 200 table all` of both families.
func ownedRoutes(t *testing.T, ns nlsock.NetNS) string {
	t.Helper()
	return nstest.IP(t, ns, "-4", "route", "show", "proto", "200", "table", "all") +
		nstest.IP(t, ns, "-6", "route", "show", "proto", "200", "table", "all")
}

const syncRoutes = `# desired routes, in linx route add words
10.90.0.0/16 via 10.0.0.2 metric 10 mtu 1400
10.91.0.0/16 nexthop via 10.0.0.2 dev lnx0 weight 2 nexthop via 10.0.1.2 dev lnx2
2001:db8:90::/48 via 2001:db8::2 dev lnx0   # a comment
blackhole 10.92.0.0/16 table 1000

2001:db8:91::/48 nexthop via 2001:db8::2 dev lnx0 nexthop via 2001:db8:1::2 dev lnx2
`

// TestIntegrationRouteSync: sync installs the file's routes under its
// protocol, leaves foreign routes alone, and a second run plans nothing;
// -dry-run writes nothing.
func TestIntegrationRouteSync(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	nstest.IP(t, ns, "route", "add", "10.95.0.0/16", "via", "10.0.0.2", "proto", "static")
	nstest.IP(t, ns, "route", "add", "10.96.0.0/16", "via", "10.0.0.2", "proto", "200", "table", "1000") // owned, not desired
	file := syncFile(t, syncRoutes)

	dry := linxOK(t, ns, "route", "sync", "-f", file, "-proto", "200", "-dry-run")
	for _, want := range []string{"10.90.0.0/16", "10.91.0.0/16", "2001:db8:90::/48", "2001:db8:91::/48", "10.92.0.0/16", "delete", "10.96.0.0/16"} {
		if !strings.Contains(dry, want) {
			t.Errorf("dry-run plan has no %q:\n%s", want, dry)
		}
	}
	if got := ownedRoutes(t, ns); strings.Contains(got, "10.90.0.0") {
		t.Fatalf("-dry-run wrote routes:\n%s", got)
	}

	plan := linxOK(t, ns, "route", "sync", "-f", file, "-proto", "200")
	if strings.Count(plan, "\n") != 6 {
		t.Errorf("first run plan: want 5 adds and 1 delete:\n%s", plan)
	}
	got := ownedRoutes(t, ns)
	for _, want := range []string{
		"10.90.0.0/16 via 10.0.0.2 dev lnx0 metric 10 mtu 1400",
		"10.91.0.0/16 \n\tnexthop via 10.0.0.2 dev lnx0 weight 2 \n\tnexthop via 10.0.1.2 dev lnx2 weight 1",
		"blackhole 10.92.0.0/16 table 1000",
		"2001:db8:90::/48 via 2001:db8::2 dev lnx0 metric 1024",
		"2001:db8:91::/48 metric 1024 pref medium\n\tnexthop via 2001:db8::2 dev lnx0 weight 1 \n\tnexthop via 2001:db8:1::2 dev lnx2 weight 1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("after sync, no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "10.96.0.0") {
		t.Errorf("the owned route that is not desired was kept:\n%s", got)
	}
	if !strings.Contains(nstest.IP(t, ns, "route", "show", "proto", "static"), "10.95.0.0/16") {
		t.Error("the foreign (proto static) route was touched")
	}
	if again := linxOK(t, ns, "route", "sync", "-f", file, "-proto", "200"); again != "" {
		t.Errorf("second run planned:\n%s", again)
	}
}

// TestIntegrationRouteSyncBadLine: one malformed line is FILE:LINE and
// nothing at all is applied.
func TestIntegrationRouteSyncBadLine(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	file := syncFile(t, "10.90.0.0/16 via 10.0.0.2\n\n10.91.0.0/16 via 10.0.0.2 frob 3\n")
	r := linx(t, "-n", ns.Name(), "route", "sync", "-f", file, "-proto", "200")
	if r.code == 0 || !strings.Contains(r.stderr, file+":3: ") || !strings.Contains(r.stderr, `unknown argument "frob"`) {
		t.Fatalf("exit %d, stderr %q: want an error naming %s:3", r.code, r.stderr, file)
	}
	if got := ownedRoutes(t, ns); got != "" {
		t.Fatalf("a file with a bad line applied routes:\n%s", got)
	}
	good := syncFile(t, "10.90.0.0/16 via 10.0.0.2\n")
	if r := linx(t, "-n", ns.Name(), "route", "sync", "-f", good, "-proto", "boot"); r.code == 0 || !strings.Contains(r.stderr, "protocol boot") {
		t.Fatalf("-proto boot: exit %d, stderr %q; want it refused", r.code, r.stderr)
	}
}

// TestIntegrationRouteSyncWatch: -watch repairs a route ip deletes, prints
// the repair, re-reads FILE on SIGHUP and exits 0 on SIGINT.
func TestIntegrationRouteSyncWatch(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	file := syncFile(t, "10.90.0.0/16 via 10.0.0.2\n2001:db8:90::/48 via 2001:db8::2\n")
	cmd := exec.Command(os.Args[0], "-n", ns.Name(), "route", "sync", "-f", file, "-proto", "200", "-watch")
	cmd.Env = append(os.Environ(), "LINX_TEST_MAIN=1")
	var out, errb syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("%s: not within 3s; stdout %q stderr %q", what, out.String(), errb.String())
	}
	waitFor("initial install", func() bool {
		return strings.Contains(ownedRoutes(t, ns), "2001:db8:90::/48") && strings.Contains(ownedRoutes(t, ns), "10.90.0.0/16")
	})
	nstest.IP(t, ns, "route", "del", "10.90.0.0/16")
	start := time.Now()
	waitFor("repair of the deleted route", func() bool { return strings.Contains(ownedRoutes(t, ns), "10.90.0.0/16") })
	if d := time.Since(start); d > time.Second {
		t.Errorf("repair took %v, want within a second", d)
	}
	waitFor("the repair printed", func() bool { return strings.Count(out.String(), "10.90.0.0/16") >= 2 })

	if err := os.WriteFile(file, []byte("10.90.0.0/16 via 10.0.0.2\n10.93.0.0/16 via 10.0.0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("SIGHUP re-read", func() bool {
		got := ownedRoutes(t, ns)
		return strings.Contains(got, "10.93.0.0/16") && !strings.Contains(got, "2001:db8:90::")
	})

	// A bad file on SIGHUP is reported and changes nothing.
	if err := os.WriteFile(file, []byte("10.94.0.0/16 via 10.0.0.2 frob\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("the bad line reported", func() bool { return strings.Contains(errb.String(), file+":1: ") })
	time.Sleep(300 * time.Millisecond)
	if got := ownedRoutes(t, ns); !strings.Contains(got, "10.93.0.0/16") || strings.Contains(got, "10.94.0.0") {
		t.Errorf("after a bad file: %s", got)
	}

	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGINT: %v; stderr %q", err, errb.String())
		}
	case <-time.After(3 * time.Second):
		t.Fatal("sync -watch did not exit on SIGINT")
	}
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
