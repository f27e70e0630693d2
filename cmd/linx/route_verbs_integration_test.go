package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// TestIntegrationRouteVerbs: append, prepend, change, the show selectors,
// flush and get's options, against ip's view of the result.
func TestIntegrationRouteVerbs(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	linxOK(t, ns, "route", "add", "10.5.0.0/16", "via", "10.0.0.2", "table", "1000")
	linxOK(t, ns, "route", "append", "10.5.0.0/16", "via", "10.0.1.2", "table", "1000")
	linxOK(t, ns, "route", "prepend", "10.5.0.0/16", "via", "10.0.0.3", "table", "1000")
	got := nstest.IP(t, ns, "route", "show", "table", "1000")
	want := "10.5.0.0/16 via 10.0.0.3 dev lnx0 \n10.5.0.0/16 via 10.0.0.2 dev lnx0 \n10.5.0.0/16 via 10.0.1.2 dev lnx2 \n"
	if got != want {
		t.Errorf("after add, append, prepend:\n%s\nwant\n%s", got, want)
	}
	linxFail(t, ns, 2, "no such file or directory", "route", "change", "10.6.0.0/16", "via", "10.0.0.2")
	linxOK(t, ns, "route", "add", "10.6.0.0/16", "via", "10.0.0.2")
	linxOK(t, ns, "route", "change", "10.6.0.0/16", "via", "10.0.1.2", "mtu", "1300")
	if got := nstest.IP(t, ns, "route", "show", "10.6.0.0/16"); got != "10.6.0.0/16 via 10.0.1.2 dev lnx2 mtu 1300 \n" {
		t.Errorf("after change: %q", got)
	}

	for _, r := range []string{"10.0.0.0/8", "10.7.0.0/16", "10.7.1.0/24", "10.7.1.128/25", "10.8.0.0/16"} {
		linxOK(t, ns, "route", "add", r, "via", "10.0.0.2", "table", "1001")
	}
	for _, c := range []struct{ sel, want string }{
		{"10.7.1.0/24", "10.7.1.0/24"},
		{"exact 10.7.1.0/24", "10.7.1.0/24"},
		{"match 10.7.1.0/24", "10.0.0.0/8 10.7.0.0/16 10.7.1.0/24"},
		{"root 10.7.0.0/16", "10.7.0.0/16 10.7.1.0/24 10.7.1.128/25"},
	} {
		ours := linxOK(t, ns, append([]string{"-j", "route", "show", "table", "1001"}, strings.Fields(c.sel)...)...)
		ips := nstest.IP(t, ns, append([]string{"-j", "route", "show", "table", "1001"}, strings.Fields(c.sel)...)...)
		for _, w := range strings.Fields(c.want) {
			if !strings.Contains(ours, `"`+w+`"`) || !strings.Contains(ips, `"`+w+`"`) {
				t.Errorf("show %s: no %s in ours %s or ip's %s", c.sel, w, ours, ips)
			}
		}
		if n, m := strings.Count(ours, `"dst"`), strings.Count(ips, `"dst"`); n != m || n != len(strings.Fields(c.want)) {
			t.Errorf("show %s: %d routes, ip %d, want %d", c.sel, n, m, len(strings.Fields(c.want)))
		}
	}
	linxOK(t, ns, "route", "add", "10.7.2.0/24", "via", "10.0.1.2", "table", "1001", "metric", "5", "src", "10.0.1.1")
	for _, sel := range []string{"via 10.0.1.2", "via 10.0.0.2", "via 10.0.0.0/16", "metric 5", "src 10.0.1.1", "src 10.0.0.0/8", "root 10.7.0.0/16 via 10.0.0.2", "scope global", "scope link"} {
		ours := linxOK(t, ns, append([]string{"-j", "route", "show", "table", "1001"}, strings.Fields(sel)...)...)
		ips := nstest.IP(t, ns, append([]string{"-j", "route", "show", "table", "1001"}, strings.Fields(sel)...)...)
		if ours != ips {
			t.Errorf("show table 1001 %s:\n ours %s\n   ip %s", sel, ours, ips)
		}
	}
	for _, c := range []struct{ flags, sel []string }{
		{[]string{"-j"}, []string{"scope", "link"}},
		{[]string{"-j"}, []string{"scope", "host", "table", "local"}},
		{[]string{"-4", "-d", "-j"}, []string{"scope", "global"}},
		{[]string{"-6", "-j"}, []string{"scope", "global"}},
		{nil, []string{"scope", "link"}},
	} {
		args := append(append(c.flags, "route", "show"), c.sel...)
		if ours, ips := linxOK(t, ns, args...), nstest.IP(t, ns, args...); !slices.Equal(normLines(ours), normLines(ips)) {
			t.Errorf("%s:\n ours %s\n   ip %s", args, ours, ips)
		}
	}
	linxOK(t, ns, "route", "flush", "table", "1001", "via", "10.0.1.2")
	if got := nstest.IP(t, ns, "route", "show", "table", "1001", "via", "10.0.1.2"); got != "" {
		t.Errorf("after flush via 10.0.1.2: %q", got)
	}
	linxFail(t, ns, 1, "not a VRF device", "route", "get", "10.8.1.1", "vrf", "lnx0")
	linxOK(t, ns, "route", "flush", "table", "1001", "root", "10.7.0.0/16")
	if got := nstest.IP(t, ns, "route", "show", "table", "1001"); got != "10.0.0.0/8 via 10.0.0.2 dev lnx0 \n10.8.0.0/16 via 10.0.0.2 dev lnx0 \n" {
		t.Errorf("after flush root 10.7.0.0/16: %q", got)
	}
	linxOK(t, ns, "route", "flush", "table", "1000")
	if got := nstest.IP(t, ns, "route", "show", "table", "1000"); got != "" {
		t.Errorf("after flush table 1000: %q", got)
	}
	linxFail(t, ns, 255, "needs a selector", "route", "flush")

	// get: the lookup's options reach the kernel: each answer is ip's.
	linxOK(t, ns, "route", "add", "::ffff:10.0.0.0/104", "dev", "lnx0")
	nstest.Batch(t, ns, "rule add fwmark 7 table 1001\nrule add uidrange 500-500 table 1001\nrule add from 10.0.0.1 table 1001\nrule add tos 0x10 table 1001\nrule add ipproto udp dport 53 table 1001\n")
	if err := nlsock.Do(ns, func() error {
		return os.WriteFile("/proc/sys/net/ipv4/conf/all/forwarding", []byte("1\n"), 0)
	}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"10.8.1.1"},
		{"10.8.1.1", "mark", "7"},
		{"10.8.1.1", "uid", "500"},
		{"10.8.1.1", "from", "10.0.0.1"},
		{"10.8.1.1", "tos", "0x10"},
		{"10.8.1.1", "from", "10.0.0.9", "iif", "lnx0", "mark", "7"},
		{"fibmatch", "10.0.0.7"},
		{"10.0.1.7", "oif", "lnx2"},
		{"2001:db8:1::7"},
		{"::ffff:10.0.0.7"}, // IPv4-mapped: an IPv6 lookup, as ip's
		{"10.8.1.1", "ipproto", "udp", "dport", "53"},
		{"10.8.1.1", "ipproto", "tcp", "sport", "1000", "dport", "80"},
	} {
		r := linx(t, append([]string{"-n", ns.Name(), "-j", "route", "get"}, args...)...)
		ipOut, ipErr := exec.Command("ip", append([]string{"-n", ns.Name(), "-j", "route", "get"}, args...)...).CombinedOutput()
		if (r.code == 0) != (ipErr == nil) {
			t.Errorf("route get %q: linx exit %d (%s), ip %v (%s)", args, r.code, r.stderr, ipErr, ipOut)
			continue
		}
		if ipErr != nil {
			continue
		}
		var ours, ips []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &ours); err != nil || len(ours) != 1 {
			t.Fatalf("route get %q: %v %s", args, err, r.stdout)
		}
		if err := json.Unmarshal(ipOut, &ips); err != nil || len(ips) != 1 {
			t.Fatalf("ip route get %q: %v %s", args, err, ipOut)
		}
		for _, k := range []string{"dst", "gateway", "dev", "prefsrc"} {
			// linx's JSON writes a host dst as ADDR/LEN.
			o := strings.TrimSuffix(strings.TrimSuffix(fmt.Sprint(ours[0][k]), "/32"), "/128")
			if o != fmt.Sprint(ips[0][k]) {
				t.Errorf("route get %q: %s %v, ip %v", args, k, ours[0][k], ips[0][k])
			}
		}
	}
}

// TestIntegrationRouteBatch: -batch sends route lines together, runs other
// lines as commands, names each failed line, stops at a failure without
// -force and goes on with it, as ip -batch does.
func TestIntegrationRouteBatch(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	file := filepath.Join(t.TempDir(), "cmds")
	script := strings.Join([]string{
		"route add 10.1.0.0/16 via 10.0.0.2",    // 1
		"# a comment",                           // 2
		"route add 10.2.0.0/16 via 10.0.0.2",    // 3
		"route add 10.1.0.0/16 via 10.0.0.2",    // 4: exists
		"route add 10.3.0.0/16 via 10.0.0.2",    // 5
		"route show table main",                 // 6: not a route change
		"route add 10.4.0.0/16 frob",            // 7: does not parse
		"route add 10.5.0.0/16 dev lnx2",        // 8
		"r a 10.6.0.0/16 via 10.0.1.2 dev lnx2", // 9: prefixes, as on the command line
	}, "\n") + "\n"
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	r := linx(t, "-n", ns.Name(), "-batch", file)
	if r.code != 1 || !strings.Contains(r.stderr, "Command failed "+file+":4\n") || strings.Contains(r.stderr, ":7") {
		t.Fatalf("without -force: exit %d stderr %q; want line 4 failed and the run stopped", r.code, r.stderr)
	}
	got := nstest.IP(t, ns, "route", "show", "proto", "boot")
	if !strings.Contains(got, "10.3.0.0/16") || strings.Contains(got, "10.5.0.0/16") {
		t.Errorf("without -force, routes: %q (line 5 shares line 4's write; nothing after it runs)", got)
	}
	r = linx(t, "-n", ns.Name(), "-force", "-batch", file)
	for _, n := range []string{"1", "3", "4", "5", "7"} {
		if !strings.Contains(r.stderr, "Command failed "+file+":"+n+"\n") {
			t.Errorf("-force: line %s not reported failed: %q", n, r.stderr)
		}
	}
	if strings.Contains(r.stderr, ":6\n") || strings.Contains(r.stderr, ":8\n") || strings.Contains(r.stderr, ":9\n") || r.code != 1 {
		t.Errorf("-force: exit %d stderr %q", r.code, r.stderr)
	}
	got = nstest.IP(t, ns, "route", "show", "proto", "boot")
	if !strings.Contains(got, "10.5.0.0/16 dev lnx2") || !strings.Contains(got, "10.6.0.0/16 via 10.0.1.2") {
		t.Errorf("-force: routes %q", got)
	}
	if !strings.Contains(r.stdout, "10.0.0.0/24 dev lnx0") {
		t.Errorf("the show line did not run: stdout %q", r.stdout)
	}
	// Other objects' commands run in order between the route writes: a
	// nexthop object exists before the route that names it is sent.
	mixed := filepath.Join(t.TempDir(), "mixed")
	if err := os.WriteFile(mixed, []byte("addr add 10.0.5.1/24 dev lnx0\nroute add 10.21.0.0/16 via 10.0.5.2\n"+
		"nexthop add id 9 via 10.0.0.2 dev lnx0\nroute add 10.20.0.0/16 nhid 9\nroute add 10.22.0.0/16 nhid 9 metric 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	linxOK(t, ns, "-batch", mixed)
	if got := nstest.IP(t, ns, "route", "show"); !strings.Contains(got, "10.20.0.0/16 nhid 9") || !strings.Contains(got, "10.22.0.0/16 nhid 9") {
		t.Errorf("mixed batch: %q", got)
	}
	if got := nstest.IP(t, ns, "route", "show", "10.21.0.0/16"); !strings.Contains(got, "via 10.0.5.2") {
		t.Errorf("mixed batch, route after addr: %q", got)
	}

	// Standard input.
	cmd := exec.Command(os.Args[0], "-n", ns.Name(), "-batch", "-")
	cmd.Env = append(os.Environ(), "LINX_TEST_MAIN=1")
	cmd.Stdin = strings.NewReader("route del 10.5.0.0/16\nroute del 10.6.0.0/16\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("-batch -: %v %s", err, out)
	}
	if got := nstest.IP(t, ns, "route", "show", "proto", "boot"); strings.Contains(got, "10.5.0.0") || strings.Contains(got, "10.6.0.0") {
		t.Errorf("after -batch - deletes: %q", got)
	}
}
