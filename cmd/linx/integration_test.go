package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Interface names used in the test namespaces: unlike eth0 or lo they exist
// nowhere else, so a name resolved in the wrong namespace cannot pass.
const (
	linkA = "lnx0" // peer lnx1
	linkB = "lnx2" // peer lnx3
)

// linxResult is one run of the linx binary.
type linxResult struct {
	code           int
	stdout, stderr string
}

// linx runs the test binary as the linx command (see TestMain) with args.
func linx(t *testing.T, args ...string) linxResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LINX_TEST_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	res := linxResult{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	default:
		t.Fatalf("run linx %q: %v", args, err)
	}
	return res
}

// linxOK runs linx in ns and fails the test unless it exits 0 with an empty
// stderr.
func linxOK(t *testing.T, ns nlsock.NetNS, args ...string) string {
	t.Helper()
	r := linx(t, append([]string{"-n", ns.Name()}, args...)...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("linx %q: exit %d\nstderr: %s", args, r.code, r.stderr)
	}
	return r.stdout
}

// linxFail runs linx in ns and fails the test unless it exits with code
// and stderr contains want.
func linxFail(t *testing.T, ns nlsock.NetNS, code int, want string, args ...string) {
	t.Helper()
	r := linx(t, append([]string{"-n", ns.Name()}, args...)...)
	if r.code != code || !strings.HasPrefix(r.stderr, "linx: ") || !strings.Contains(r.stderr, want) || r.stdout != "" {
		t.Fatalf("linx %q: exit %d (want %d), stdout %q, stderr %q (want it to mention %q)", args, r.code, code, r.stdout, r.stderr, want)
	}
}

// setupNS makes a namespace with two veth pairs and addresses on them.
// Links get no IPv6 link-local address (addr_gen_mode 1): those come and go
// asynchronously (and with carrier), and with them fe80 routes, which
// would make two consecutive listings differ.
func setupNS(t *testing.T) nlsock.NetNS {
	ns := nstest.New(t)
	err := nlsock.Do(ns, func() error {
		// /proc/sys/net shows the namespace of the opening thread.
		return os.WriteFile("/proc/sys/net/ipv6/conf/default/addr_gen_mode", []byte("1\n"), 0)
	})
	if err != nil {
		t.Fatalf("disable IPv6 link-local addresses: %v", err)
	}
	nstest.Veth(t, ns, linkA, "lnx1")
	nstest.Veth(t, ns, linkB, "lnx3")
	nstest.Batch(t, ns, strings.Join([]string{
		"link set lo up",
		"addr add 10.0.0.1/24 dev " + linkA,
		"addr add 10.0.1.1/24 dev " + linkB,
		"addr add 2001:db8::1/64 dev " + linkA + " nodad",
		"addr add 2001:db8:1::1/64 dev " + linkB + " nodad",
	}, "\n")+"\n")
	return ns
}

// route is the part of a route that linx's JSON and ip's JSON both show,
// normalized: dst as a CIDR, numbers as numbers, ip's omissions filled
// with the values they stand for.
type cmpRoute struct {
	Dst, Gateway, Dev string
	Table, Protocol   uint64
	Type              uint64
	Metric            string // "" when absent
	Nexthops          string
}

func (r cmpRoute) String() string {
	type plain cmpRoute // without the String method
	return fmt.Sprintf("%+v", plain(r))
}

// ipRoutes reads `ip -n NS -j -N -F route show table all` (F = 4 or 6).
func ipRoutes(t *testing.T, ns nlsock.NetNS, fam string) []cmpRoute {
	t.Helper()
	return parseRoutes(t, "ip", nstest.IP(t, ns, "-"+fam, "-j", "-N", "route", "show", "table", "all"), fam)
}

// parseRoutes reads a route listing in ip -j -N's JSON.
func parseRoutes(t *testing.T, who, out, fam string) []cmpRoute {
	t.Helper()
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("%s json: %v\n%s", who, err, out)
	}
	num := func(m map[string]any, k string, def uint64) uint64 {
		v, ok := m[k]
		if !ok {
			return def
		}
		n, err := strconv.ParseUint(fmt.Sprint(v), 10, 64)
		if err != nil {
			t.Fatalf("ip json %s=%v: %v", k, v, err)
		}
		return n
	}
	str := func(m map[string]any, k string) string {
		if v, ok := m[k]; ok {
			return fmt.Sprint(v)
		}
		return ""
	}
	var rs []cmpRoute
	for _, m := range raw {
		dst := str(m, "dst")
		switch {
		case dst == "default" && fam == "4":
			dst = "0.0.0.0/0"
		case dst == "default":
			dst = "::/0"
		case !strings.Contains(dst, "/") && fam == "4":
			dst += "/32"
		case !strings.Contains(dst, "/"):
			dst += "/128"
		}
		r := cmpRoute{
			Dst: dst, Gateway: str(m, "gateway"), Dev: str(m, "dev"),
			Table: num(m, "table", 254), Protocol: num(m, "protocol", 3), Type: num(m, "type", 1),
			Metric: str(m, "metric"),
		}
		if nhs, ok := m["nexthops"].([]any); ok {
			var parts []string
			for _, nh := range nhs {
				nm := nh.(map[string]any)
				parts = append(parts, str(nm, "gateway")+"@"+str(nm, "dev")+"*"+str(nm, "weight"))
			}
			r.Nexthops = strings.Join(parts, ",")
		}
		rs = append(rs, r)
	}
	return rs
}

// linxRoutes reads `linx -n NS -json -Numeric -F route list table all`:
// ip -j -N's JSON.
func linxRoutes(t *testing.T, ns nlsock.NetNS, fam string) []cmpRoute {
	t.Helper()
	return parseRoutes(t, "linx", linxOK(t, ns, "-json", "-Numeric", "-"+fam, "route", "list", "table", "all"), fam)
}

// compareWithIP checks that linx's JSON lists exactly the routes ip lists,
// in the same (kernel) order, with the same fields.
func compareWithIP(t *testing.T, ns nlsock.NetNS) {
	t.Helper()
	for _, fam := range []string{"4", "6"} {
		want, got := ipRoutes(t, ns, fam), linxRoutes(t, ns, fam)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("-%s route list table all: linx and ip differ\nlinx:\n%s\nip:\n%s", fam, lines(got), lines(want))
		}
	}
}

func lines(rs []cmpRoute) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString("  " + r.String() + "\n")
	}
	return b.String()
}

// TestIntegrationRouteLifecycle drives add, replace, list, get and delete
// through the command, checking exit codes and messages, and checks every
// listing against ip's.
func TestIntegrationRouteLifecycle(t *testing.T) {
	ns := setupNS(t)

	linxOK(t, ns, "route", "add", "default", "via", "10.0.0.254", "proto", "static", "metric", "100")
	linxOK(t, ns, "route", "add", "10.1.2.0/24", "via", "10.0.0.254", "dev", linkA, "proto", "static", "src", "10.0.0.1", "metric", "100")
	linxOK(t, ns, "route", "add", "blackhole", "10.4.0.0/16", "proto", "static")
	linxOK(t, ns, "route", "add", "unreachable", "10.5.0.0/16")
	linxOK(t, ns, "route", "add", "10.2.0.0/16", "via", "10.0.0.254", "table", "1000", "proto", "static")
	linxOK(t, ns, "route", "add", "10.9.9.9", "dev", linkB)
	linxOK(t, ns, "route", "add", "2001:db8:100::/48", "via", "2001:db8::254", "dev", linkA, "proto", "static", "metric", "1024")
	linxOK(t, ns, "route", "add", "default", "via", "2001:db8::254", "proto", "ra")
	linxOK(t, ns, "-6", "route", "add", "prohibit", "default", "table", "77", "metric", "5")
	compareWithIP(t, ns)

	// The same route again: EEXIST, the kernel's words on stderr.
	linxFail(t, ns, exitKernel, "exists", "route", "add", "10.1.2.0/24", "via", "10.0.0.254", "dev", linkA, "proto", "static", "src", "10.0.0.1", "metric", "100")
	// Replace moves it to another gateway in place.
	linxOK(t, ns, "route", "replace", "10.1.2.0/24", "via", "10.0.0.253", "dev", linkA, "proto", "static", "metric", "100")
	if got := nstest.IP(t, ns, "route", "show", "10.1.2.0/24"); !strings.Contains(got, "via 10.0.0.253") || strings.Count(got, "\n") != 1 {
		t.Errorf("after replace ip shows %q", got)
	}
	compareWithIP(t, ns)

	// The JSON listing of the main table (default) has the added routes
	// and nothing from table 1000 or local.
	byDst := map[string]cmpRoute{}
	for _, fam := range []string{"4", "6"} {
		for _, r := range parseRoutes(t, "linx", linxOK(t, ns, "-json", "-N", "-"+fam, "route", "list"), fam) {
			if r.Table != 254 {
				t.Errorf("route list (main) gave %s in table %d", r.Dst, r.Table)
			}
			byDst[r.Dst] = r
		}
	}
	if r := byDst["10.1.2.0/24"]; r.Gateway != "10.0.0.253" || r.Dev != linkA || r.Metric != "100" || r.Protocol != 4 {
		t.Errorf("10.1.2.0/24: %+v", r)
	}
	if r := byDst["10.9.9.9/32"]; r.Dev != linkB || r.Metric != "" {
		t.Errorf("10.9.9.9/32: %+v", r)
	}
	if r := byDst["::/0"]; r.Gateway != "2001:db8::254" || r.Protocol != 9 {
		t.Errorf("::/0: %+v", r)
	}
	if _, ok := byDst["10.2.0.0/16"]; ok {
		t.Error("route list (main) shows table 1000's route")
	}

	// route get: the kernel's choice, as JSON (an array of one) and text.
	got := parseRoutes(t, "linx", linxOK(t, ns, "-json", "-N", "route", "get", "10.1.2.5"), "4")
	if len(got) != 1 || got[0].Dst != "10.1.2.5/32" || got[0].Gateway != "10.0.0.253" || got[0].Dev != linkA {
		t.Errorf("route get 10.1.2.5: %+v", got)
	}
	if text := linxOK(t, ns, "route", "get", "10.1.2.5"); !strings.HasPrefix(text, "10.1.2.5 via 10.0.0.253 dev "+linkA+" src 10.0.0.1") {
		t.Errorf("route get text: %q", text)
	}
	if text := linxOK(t, ns, "route", "get", "2001:db8:100::5"); !strings.Contains(text, "via 2001:db8::254 dev "+linkA) {
		t.Errorf("route get IPv6 text: %q", text)
	}

	// Delete: narrowed by what is given, ESRCH when nothing matches.
	linxFail(t, ns, exitKernel, "no such process", "route", "del", "10.2.0.0/16") // it is in table 1000
	linxOK(t, ns, "route", "del", "10.2.0.0/16", "table", "1000")
	linxOK(t, ns, "route", "delete", "10.1.2.0/24")
	linxFail(t, ns, exitKernel, "no such process", "route", "del", "10.1.2.0/24")
	linxOK(t, ns, "route", "del", "blackhole", "10.4.0.0/16")
	linxOK(t, ns, "route", "del", "default")
	linxOK(t, ns, "-6", "route", "del", "default", "table", "77")
	linxOK(t, ns, "route", "del", "default", "via", "2001:db8::254")
	compareWithIP(t, ns)
	for _, gone := range []string{"10.1.2.0/24", "10.2.0.0/16", "10.4.0.0/16", "default", "prohibit"} {
		if out := linxOK(t, ns, "route", "list", "table", "all"); strings.Contains(out, gone) {
			t.Errorf("%s still listed after delete:\n%s", gone, out)
		}
	}
	linxFail(t, ns, exitKernel, "unreachable", "route", "get", "10.99.0.1")
}

// TestIntegrationTextMatchesIP sets routes up with ip and checks that
// `linx route list ...` prints what `ip route show ...` prints (trailing
// spaces aside) for a spread of route kinds and filters.
func TestIntegrationTextMatchesIP(t *testing.T) {
	ns := setupNS(t)
	a, b := linkA, linkB
	nstest.Batch(t, ns, strings.Join([]string{
		"route add default via 10.0.0.254 proto static metric 100",
		"route add 10.1.2.0/24 via 10.0.0.254 dev " + a + " metric 100 src 10.0.0.1 proto static",
		"route add 10.3.0.0/16 proto static nexthop via 10.0.0.2 dev " + a + " weight 1 nexthop via 10.0.1.2 dev " + b + " weight 3",
		"route add blackhole 10.4.0.0/16 proto static",
		"route add unreachable 10.5.0.0/16 proto static",
		"route add prohibit 10.6.0.0/16",
		"route add 10.7.0.0/16 via 10.0.0.254 mtu 1400 advmss 1300 proto static",
		"route add 10.8.0.0/16 via 10.0.0.254 mtu lock 1280 window 65535 initcwnd 10 rtt 12ms rttvar 1500ms features ecn congctl cubic proto bird",
		"route add 10.9.9.9 dev " + a,
		"route add 10.2.0.0/16 via 10.0.0.254 table 1000 proto static",
		"route add 10.77.0.0/16 via inet6 fe80::1 dev " + a,
		"route add 10.66.0.0/16 via 10.0.1.254 dev " + b,
		"route add 2001:db8:100::/48 via 2001:db8::254 dev " + a + " metric 1024 src 2001:db8::1 proto static pref high",
		"route add 2001:db8:200::/48 via fe80::1 dev " + a + " proto static pref low",
		"route add 2001:db8:400::/48 proto static nexthop via 2001:db8::2 dev " + a + " weight 2 nexthop via 2001:db8:1::2 dev " + b + " weight 5",
		"route add blackhole 2001:db8:500::/48 proto static",
		"route add 2001:db8:300::/48 via 2001:db8::254 table 1000 proto static",
		"route add 2001:db8:600::/48 via 2001:db8::254 mtu 1400 hoplimit 32 proto static",
		// Carrier loss on linkB's peer: routes over linkB show "linkdown".
		"link set lnx3 down",
	}, "\n")+"\n")
	// The kernel marks routes over linkB linkdown when linkwatch gets to
	// the carrier loss, up to a second later: wait, or ip and linx may
	// read on either side of it.
	waitFor(t, 5*time.Second, "routes over "+b+" marked linkdown", func() bool {
		return strings.Contains(nstest.IP(t, ns, "-4", "route", "show", "10.66.0.0/16"), "linkdown")
	})

	for _, c := range [][]string{
		{"-4", "route", "list"},
		{"-6", "route", "show"},
		{"-4", "route", "list", "table", "all"},
		{"-6", "route", "list", "table", "all"},
		{"-4", "route", "list", "table", "1000"},
		{"-6", "route", "list", "table", "local"},
		{"-4", "route", "list", "proto", "static"},
		{"-6", "route", "list", "proto", "kernel"},
		{"-4", "route", "list", "type", "blackhole"},
		{"-4", "route", "list", "table", "all", "type", "local"},
	} {
		ipArgs := append([]string{c[0], "route", "show"}, c[3:]...)
		want := trimLines(nstest.IP(t, ns, ipArgs...))
		got := linxOK(t, ns, c...)
		if got != want {
			t.Errorf("linx %q differs from ip %q\nlinx:\n%s\nip:\n%s", c, ipArgs, got, want)
		}
	}

	// The kernel's device filter keeps multipath routes with a next hop
	// on the device; ip's filter_nlmsg (and linx) then leave them out.
	for _, c := range []struct{ fam, multipath string }{
		{"-4", "10.3.0.0/16 proto static"},
		{"-6", "2001:db8:400::/48 proto static"},
	} {
		got := linxOK(t, ns, c.fam, "route", "list", "dev", a)
		want := trimLines(nstest.IP(t, ns, c.fam, "route", "show", "dev", a))
		if strings.Contains(got, c.multipath) {
			t.Errorf("%s route list dev %s lists the multipath route, which ip leaves out:\n%s", c.fam, a, got)
		}
		if got != want {
			t.Errorf("%s route list dev %s:\nlinx:\n%s\nip:\n%s", c.fam, a, got, want)
		}
	}
	if !strings.Contains(linxOK(t, ns, "-4", "route", "list"), "10.66.0.0/16 via 10.0.1.254 dev "+b+" linkdown") {
		t.Error("no linkdown flag on the route over the link without carrier")
	}
}

// trimLines removes the trailing spaces ip leaves on its lines.
func trimLines(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString(strings.TrimRight(line, " \n"))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestIntegrationErrors checks runtime failures: exit 2 for the kernel's
// refusals, 1 for an interface that does not exist or addresses of two
// families, a message naming what was wrong (with the kernel's extended ack
// where it gives one), nothing on stdout.
func TestIntegrationErrors(t *testing.T) {
	ns := setupNS(t)
	linxFail(t, ns, exitError, `dev "nosuch0": no such interface in netns "`+ns.Name()+`"`, "route", "add", "10.50.0.0/16", "dev", "nosuch0")
	linxFail(t, ns, exitError, `dev "nosuch0"`, "-json", "route", "list", "dev", "nosuch0")
	linxFail(t, ns, exitKernel, "Nexthop has invalid gateway", "route", "add", "10.50.0.0/16", "via", "10.200.0.1")
	linxFail(t, ns, exitKernel, "network is unreachable", "-6", "route", "get", "2001:db8:99::1")
	linxFail(t, ns, exitKernel, "no such process", "route", "del", "10.50.0.0/16")
	// Found before the kernel is asked.
	linxFail(t, ns, exitError, "is IPv6 but destination 10.50.0.0/16 is IPv4", "route", "add", "10.50.0.0/16", "via", "2001:db8::2")
	// A namespace that does not exist: 255, as ip's.
	r := linx(t, "-n", "linx-test-absent", "route", "list")
	if r.code != exitUsage || !strings.Contains(r.stderr, `"linx-test-absent"`) || r.stdout != "" {
		t.Errorf("absent netns: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// -n with a path names the same namespace.
	if out := linx(t, "-n", "/run/netns/"+ns.Name(), "route", "list", "dev", linkA); out.code != 0 || !strings.Contains(out.stdout, "10.0.0.0/24 proto kernel scope link src 10.0.0.1") {
		t.Errorf("-n PATH: %+v", out)
	}
}

// TestIntegrationExitStatusesAsIP runs the same command lines through ip
// and linx in one namespace and compares their exit statuses, which
// scripts test: 2 for the kernel's refusals, 1 for bad arguments and
// unknown objects, 255 for unknown commands, keywords and values.
func TestIntegrationExitStatusesAsIP(t *testing.T) {
	ns := setupNS(t)
	for _, c := range []struct {
		args string
		want int
	}{
		{"foo", exitError},
		{"route foo", exitUsage},
		{"route add bogus", exitError},
		{"route add 10.0.0.0/8 dev nonexistent", exitError},
		{"route add 10.0.0.0/24 dev " + linkA, exitKernel}, // the kernel's own route: EEXIST
		{"route del 10.77.0.0/16", exitKernel},
		{"route get 10.99.0.1", exitKernel},
		{"route add 10.0.0.0/8 foo", exitUsage},
		{"route add 10.0.0.0/8 dev", exitUsage},
		{"route add 10.0.0.0/8 dev lo metric xx", exitUsage},
		{"route add 10.0.0.0/8 dev lo proto xx", exitUsage},
		{"route add 10.0.0.0/8 dev lo scope xx", exitUsage},
		{"route add 10.0.0.0/8 dev lo mtu xx", exitUsage},
		{"route add 10.0.0.0/8 via ::1", exitError},
		{"-6 route add default via 10.0.0.1", exitError},
		{"-4 route get ::1", exitError},
		{"route get bogus", exitError},
		{"route list table xx", exitUsage},
		{"route list proto xx", exitUsage},
		{"route list dev nonexistent", exitError},
		{"link show nonexistent", exitError},
		{"addr show dev nonexistent", exitError},
		{"link foo bar", exitUsage},
		{"neigh show nud xx", exitUsage},
		{"monitor foo", exitUsage},
		{"-x route", exitUsage},
	} {
		args := strings.Fields(c.args)
		ipCode := 0
		cmd := exec.Command("ip", append([]string{"-n", ns.Name()}, args...)...)
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("ip %s: %v", c.args, err)
			}
			ipCode = ee.ExitCode()
		}
		r := linx(t, append([]string{"-n", ns.Name()}, args...)...)
		if ipCode != c.want {
			t.Errorf("ip %s: exit %d, the test expects %d", c.args, ipCode, c.want)
		}
		if r.code != c.want {
			t.Errorf("linx %s: exit %d, want %d as ip's (stderr %q)", c.args, r.code, c.want, r.stderr)
		}
	}
}

// waitFor polls cond until it holds, failing the test after d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
