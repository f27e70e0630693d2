package reconcile

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// testProto is the protocol the tests own routes with.
const testProto = rtnl.Protocol(99)

// lab is a namespace with a veth pair va <-> vb, va holding 10.0.0.1/24
// and 2001:db8::1/64.
type lab struct {
	ns  nlsock.NetNS
	idx map[string]uint32
}

func newLab(t testing.TB) *lab {
	t.Helper()
	ns := nstest.New(t)
	nstest.Veth(t, ns, "va", "vb")
	nstest.IP(t, ns, "addr", "add", "10.0.0.1/24", "dev", "va")
	nstest.IP(t, ns, "addr", "add", "2001:db8::1/64", "dev", "va", "nodad")
	nstest.IP(t, ns, "nexthop", "add", "id", "4", "via", "10.0.0.2", "dev", "va")
	nstest.IP(t, ns, "nexthop", "add", "id", "6", "via", "2001:db8::2", "dev", "va")
	byName, _ := nstest.Interfaces(t, ns)
	return &lab{ns: ns, idx: byName}
}

func (l *lab) ip(t testing.TB, args ...string) string {
	t.Helper()
	return nstest.IP(t, l.ns, args...)
}

func (l *lab) reconciler(t testing.TB, cfg Config) *Reconciler {
	t.Helper()
	cfg.NetNS = l.ns
	if cfg.Protocol == 0 {
		cfg.Protocol = testProto
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// ipRoute is one route of `ip -d -j route show`.
type ipRoute struct {
	Type     string `json:"type"`
	Dst      string `json:"dst"`
	Gateway  string `json:"gateway"`
	Dev      string `json:"dev"`
	Protocol string `json:"protocol"`
	Metric   int    `json:"metric"`
	Table    string `json:"table"`
	Nexthops []struct {
		Gateway string `json:"gateway"`
		Dev     string `json:"dev"`
		Weight  int    `json:"weight"`
	} `json:"nexthops"`
	Metrics []map[string]any `json:"metrics"`
}

// routes lists `ip -FAM -d -j route show table all args...` as one line per
// route, sorted, for comparing.
func (l *lab) routes(t testing.TB, fam string, args ...string) []string {
	t.Helper()
	out := l.ip(t, append([]string{fam, "-d", "-j", "route", "show", "table", "all"}, args...)...)
	var rs []ipRoute
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("ip -j route: %v\n%s", err, out)
	}
	var lines []string
	for _, r := range rs {
		if r.Table == "local" || strings.HasPrefix(r.Dst, "fe80") || r.Dst == "ff00::/8" || r.Dst == "multicast ff00::/8" {
			continue
		}
		s := fmt.Sprintf("%s %s table=%s proto=%s metric=%d", r.Type, r.Dst, r.Table, r.Protocol, r.Metric)
		if r.Gateway != "" {
			s += " via " + r.Gateway
		}
		if r.Dev != "" && r.Type == "unicast" {
			s += " dev " + r.Dev
		}
		for _, nh := range r.Nexthops {
			s += fmt.Sprintf(" nh(%s %s %d)", nh.Gateway, nh.Dev, nh.Weight)
		}
		for _, m := range r.Metrics {
			for k, v := range m {
				s += fmt.Sprintf(" %s=%v", k, v)
			}
		}
		lines = append(lines, s)
	}
	slices.Sort(lines)
	return lines
}

func mustRoute(t testing.TB, dst string, gw string, opts ...route.Option) Desired {
	t.Helper()
	var g netip.Addr
	if gw != "" {
		g = netip.MustParseAddr(gw)
	}
	d, err := Route(netip.MustParsePrefix(dst), g, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ctxFor(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// within polls cond every 10 ms until it holds or d passes.
func within(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// emptyPlan fails the test unless a fresh read plans nothing.
func emptyPlan(t testing.TB, r *Reconciler) {
	t.Helper()
	p, err := r.Plan(ctxFor(t, 10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Empty() {
		t.Fatalf("second plan is not empty:\n%s", p.String())
	}
}

// nstestIPMaybe runs ip in the lab and ignores its failure (a random
// change can target a route that is not there).
func nstestIPMaybe(l *lab, args ...string) {
	exec.Command("ip", append([]string{"-n", l.ns.Name()}, args...)...).Run()
}
