package main

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationRouteSyncScopeAndWords: -4 owns IPv4 only; a line's own
// proto, a table outside -table and -proto 0 are refused in CLI words
// naming the line; plan lines name interfaces; a Conflict is marked on its
// line naming the holder, exits 2, and -takeover replaces it.
func TestIntegrationRouteSyncScopeAndWords(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	nstest.IP(t, ns, "-6", "route", "add", "2001:db8:99::/48", "via", "2001:db8::2", "proto", "200")
	file := syncFile(t, "10.90.0.0/16 via 10.0.0.2 dev lnx0\n")
	plan := linxOK(t, ns, "-4", "route", "sync", "-f", file, "-proto", "200")
	if !strings.Contains(plan, "dev lnx0") || strings.Contains(plan, "2001:") {
		t.Fatalf("-4 plan:\n%s\nwant the add naming dev lnx0, nothing IPv6", plan)
	}
	if !strings.Contains(ownedRoutes(t, ns), "2001:db8:99::/48") {
		t.Fatal("linx -4 route sync deleted an IPv6 route")
	}

	bad := syncFile(t, "10.90.0.0/16 via 10.0.0.2\n10.91.0.0/16 via 10.0.0.2 proto static\n10.92.0.0/16 via 10.0.0.2 table 7\n")
	r := linx(t, "-n", ns.Name(), "route", "sync", "-f", bad, "-proto", "200", "-table", "254")
	if r.code == 0 || !strings.Contains(r.stderr, bad+":2: proto static differs from -proto") || !strings.Contains(r.stderr, bad+":3: table 7 is not one of the owned tables") {
		t.Fatalf("exit %d stderr %q: want lines 2 and 3 named", r.code, r.stderr)
	}
	if r := linx(t, "-n", ns.Name(), "route", "sync", "-f", file, "-proto", "0"); r.code != 255 || !strings.Contains(r.stderr, "-proto 0 is unspec") {
		t.Fatalf("-proto 0: exit %d stderr %q", r.code, r.stderr)
	}
	if r := linx(t, "-n", ns.Name(), "route", "sync", "-f", file, "-proto", "boot"); r.code == 0 || !strings.Contains(r.stderr, "-allow-reserved") {
		t.Fatalf("-proto boot: exit %d stderr %q; want a hint at -allow-reserved", r.code, r.stderr)
	}

	nstest.IP(t, ns, "route", "add", "10.95.0.0/16", "via", "10.0.0.9", "proto", "static")
	conflict := syncFile(t, "10.90.0.0/16 via 10.0.0.2 dev lnx0\n10.95.0.0/16 via 10.0.0.2\n")
	r = linx(t, "-4", "-n", ns.Name(), "route", "sync", "-f", conflict, "-proto", "200")
	if r.code != 2 || !strings.Contains(r.stdout, "10.95.0.0/16") || !strings.Contains(r.stdout, "CONFLICT: the key is held by a route of protocol static (-takeover replaces it)") {
		t.Fatalf("conflict: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	linxOK(t, ns, "-4", "route", "sync", "-f", conflict, "-proto", "200", "-takeover")
	if got := nstest.IP(t, ns, "route", "show", "10.95.0.0/16"); !strings.Contains(got, "10.0.0.2") || strings.Contains(got, "static") {
		t.Fatalf("after -takeover: %s", got)
	}
}

// TestIntegrationRouteSyncWatchLinkLater: under -watch a line naming an
// interface that does not exist yet is blocked (not a parse error) and
// installed when the interface appears; a link deleted and re-created
// gets its routes back on its new index.
func TestIntegrationRouteSyncWatchLinkLater(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	file := syncFile(t, "10.90.0.0/16 via 10.0.0.2\n10.97.0.0/16 dev lnx9\n")
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
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("%s: not within 5s; stdout %q stderr %q", what, out.String(), errb.String())
	}
	waitFor("the other route installed, the line blocked", func() bool {
		return strings.Contains(ownedRoutes(t, ns), "10.90.0.0/16") && strings.Contains(out.String(), "blocked "+file+":2: dev lnx9 does not exist")
	})
	for round := range 2 {
		nstest.IP(t, ns, "link", "add", "lnx9", "type", "veth", "peer", "name", "lnx8")
		nstest.IP(t, ns, "link", "set", "lnx9", "up")
		nstest.IP(t, ns, "link", "set", "lnx8", "up")
		waitFor("the waiting route installed on lnx9", func() bool {
			return strings.Contains(ownedRoutes(t, ns), "10.97.0.0/16 dev lnx9")
		})
		if round == 0 {
			nstest.IP(t, ns, "link", "del", "lnx9")
		}
	}
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGINT: %v; stderr %q", err, errb.String())
	}
}
