package reconcile

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// randomDesired draws up to n desired routes of both families with distinct
// keys: plain and multipath gateway routes, device routes, blackhole,
// unreachable and prohibit routes, metrics, mtu/advmss, pref, three tables.
func randomDesired(t testing.TB, rng *rand.Rand, l *lab, n int) []Desired {
	t.Helper()
	va := l.idx["va"]
	tables := []uint32{254, 100, 300}
	seen := map[Key]bool{}
	var out []Desired
	for len(out) < n {
		v6 := rng.IntN(2) == 1
		var dst netip.Prefix
		if v6 {
			dst = netip.PrefixFrom(netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, byte(1 + rng.IntN(200)), byte(rng.IntN(4))}), 48)
		} else {
			dst = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(1 + rng.IntN(200)), byte(rng.IntN(4)), 0}), 24)
		}
		gw := func(i int) netip.Addr {
			if v6 {
				return netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(2 + i)})
			}
			return netip.AddrFrom4([4]byte{10, 0, 0, byte(2 + i)})
		}
		opts := []route.Option{route.Table(rtnl.Table(tables[rng.IntN(len(tables))]))}
		if rng.IntN(2) == 0 {
			opts = append(opts, route.Metric(uint32([]int{0, 10, 1024, 2000}[rng.IntN(4)])))
		}
		// Attributes the kernel keys or echoes in its own way: prefsrc,
		// realm, TOS (IPv4 key), source prefix and expiry (IPv6).
		if rng.IntN(4) == 0 {
			if v6 {
				opts = append(opts, route.Src(netip.MustParseAddr("2001:db8::1")))
			} else {
				opts = append(opts, route.Src(netip.MustParseAddr("10.0.0.1")))
			}
		}
		if !v6 && rng.IntN(5) == 0 {
			opts = append(opts, route.TOS([]uint8{0x10, 0x08, 0x04}[rng.IntN(3)]))
		}
		kind := rng.IntN(12)
		if !v6 && (kind < 4 || kind == 11) && rng.IntN(4) == 0 {
			// (a multipath route's realm goes on its legs; the
			// kernel refuses a top-level one that differs)
			opts = append(opts, route.Realm(uint32(1+rng.IntN(9))))
		}
		if v6 && kind != 10 && rng.IntN(5) == 0 { // (no source routing through nexthop objects)
			opts = append(opts, route.From(netip.PrefixFrom(netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 0xee, byte(rng.IntN(3))}), 48)))
		}
		if v6 && rng.IntN(6) == 0 {
			opts = append(opts, route.Expires(uint32(300+rng.IntN(300))))
		}
		var d Desired
		var err error
		switch {
		case kind == 10: // through a nexthop object (lab ids 4 and 6)
			id := uint32(4)
			if v6 {
				id = 6
			}
			d, err = Route(dst, netip.Addr{}, append(opts, route.NHID(id))...)
		case kind == 11: // a lightweight tunnel encap, onlink
			var e rtnl.LwtEncap
			e.IP.SetID(uint64(1 + rng.IntN(100)))
			if v6 {
				e.IP6.SetID(uint64(1 + rng.IntN(100)))
				e.IP6.SetDst(gw(9))
				opts = append(opts, route.Encap(rtnl.LWTUNNEL_ENCAP_IP6, e))
			} else {
				e.IP.SetDst(gw(9))
				opts = append(opts, route.Encap(rtnl.LWTUNNEL_ENCAP_IP, e))
			}
			opts = append(opts, route.Dev(va), route.Onlink())
			d, err = Route(dst, gw(rng.IntN(5)), opts...)
		case kind < 4:
			if rng.IntN(3) == 0 {
				opts = append(opts, route.MTU(uint32(1280+rng.IntN(200))))
			}
			if rng.IntN(4) == 0 {
				opts = append(opts, route.AdvMSS(uint32(1000+rng.IntN(200))))
			}
			if v6 && rng.IntN(3) == 0 {
				opts = append(opts, route.Pref([]rtnl.Pref{rtnl.ICMPV6_ROUTER_PREF_LOW, rtnl.ICMPV6_ROUTER_PREF_HIGH, rtnl.ICMPV6_ROUTER_PREF_MEDIUM}[rng.IntN(3)]))
			}
			if rng.IntN(2) == 0 {
				opts = append(opts, route.Dev(va))
			}
			d, err = Route(dst, gw(rng.IntN(5)), opts...)
		case kind < 7:
			hops := make([]Hop, 1+rng.IntN(3))
			for i, j := range rng.Perm(5)[:len(hops)] {
				hops[i] = Hop{Gateway: gw(j), Weight: 1 + rng.IntN(4)}
				if rng.IntN(2) == 0 {
					hops[i].Dev = va
				}
			}
			if rng.IntN(3) == 0 {
				opts = append(opts, route.MTU(uint32(1280+rng.IntN(200))))
			}
			if !v6 && rng.IntN(3) == 0 {
				// Legs with realms and encaps, as route.Multipath
				// gives them.
				legs := make([]route.Leg, len(hops))
				for i, h := range hops {
					legs[i] = route.Leg{Gateway: h.Gateway, Dev: va, Weight: h.Weight, Realm: uint32(rng.IntN(3))}
					if rng.IntN(2) == 0 {
						legs[i].EncapType = rtnl.LWTUNNEL_ENCAP_IP
						legs[i].Encap.IP.SetID(uint64(1 + rng.IntN(50)))
						legs[i].Encap.IP.SetDst(gw(9))
					}
				}
				d, err = Route(dst, netip.Addr{}, append(opts, route.Multipath(legs...))...)
				break
			}
			d, err = Multipath(dst, hops, opts...)
		case kind < 8:
			d, err = Route(dst, netip.Addr{}, append(opts, route.Dev(va))...)
		default:
			typ := []rtnl.RouteType{rtnl.RTN_BLACKHOLE, rtnl.RTN_UNREACHABLE, rtnl.RTN_PROHIBIT}[rng.IntN(3)]
			d, err = Route(dst, netip.Addr{}, append(opts, route.Type(typ))...)
		}
		if err != nil {
			t.Fatal(err)
		}
		if seen[d.Key()] {
			continue
		}
		seen[d.Key()] = true
		out = append(out, d)
	}
	return out
}

// TestIntegrationPropertySecondPlanEmpty: for random desired sets, after
// Apply a fresh read plans nothing. Each round replaces the previous set,
// so changed, new and removed routes are all exercised.
func TestIntegrationPropertySecondPlanEmpty(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{Tables: []uint32{254, 100, 300}})
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	for round := range 8 {
		want := randomDesired(t, rng, l, 40)
		if err := r.Set(want); err != nil {
			t.Fatal(err)
		}
		if p, err := r.Apply(ctxFor(t, 10*time.Second)); err != nil {
			t.Fatalf("round %d: apply: %v\n%s", round, err, p.String())
		}
		p, err := r.Plan(ctxFor(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if !p.Empty() {
			var b strings.Builder
			for _, c := range p.Changes {
				fmt.Fprintf(&b, "%s\n", c)
			}
			t.Fatalf("round %d: second plan not empty (%d changes):\n%s\nkernel:\n%s", round, len(p.Changes), p.String(),
				strings.Join(append(l.routes(t, "-4", "proto", "99"), l.routes(t, "-6", "proto", "99")...), "\n"))
		}
		n4, n6 := len(l.routes(t, "-4", "proto", "99")), len(l.routes(t, "-6", "proto", "99"))
		if n4+n6 != len(want) {
			t.Fatalf("round %d: %d owned routes in the kernel (ip), want %d", round, n4+n6, len(want))
		}
	}
}

// TestIntegrationRandomDriftWithLoss interleaves random external changes
// (by ip) and desired-state changes with notifications dropped at random,
// without telling; the periodic re-read must still bring the kernel back.
func TestIntegrationRandomDriftWithLoss(t *testing.T) {
	l := newLab(t)
	r := l.reconciler(t, Config{ResyncInterval: 300 * time.Millisecond, Tables: []uint32{254, 100, 300}})
	var drops atomic.Int64
	rng := rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))
	lossRNG := rand.New(rand.NewPCG(3, uint64(time.Now().UnixNano())))
	r.dropEvent = func() bool {
		if lossRNG.IntN(3) == 0 {
			drops.Add(1)
			return true
		}
		return false
	}
	want := randomDesired(t, rng, l, 30)
	if err := r.Set(want); err != nil {
		t.Fatal(err)
	}
	running(t, r)
	waitConverged(t, r, 5*time.Second)
	for step := range 60 {
		d := want[rng.IntN(len(want))]
		k := d.Key()
		fam := "-4"
		if k.Family == rtnl.AF_INET6 {
			fam = "-6"
		}
		tbl := fmt.Sprint(k.Table)
		met := fmt.Sprint(k.Metric)
		switch rng.IntN(5) {
		case 0: // delete an owned route
			nstestIPMaybe(l, fam, "route", "del", k.Dst.String(), "table", tbl, "metric", met)
		case 1: // change it
			nstestIPMaybe(l, fam, "route", "replace", "blackhole", k.Dst.String(), "table", tbl, "metric", met, "proto", "99")
		case 2: // an extra owned route
			nstestIPMaybe(l, fam, "route", "add", "blackhole", extraDst(k.Family, step), "table", tbl, "proto", "99")
		case 3: // foreign routes, which must survive
			nstestIPMaybe(l, fam, "route", "add", "blackhole", extraDst(k.Family, 100+step), "table", tbl, "proto", "static")
		case 4: // the desired state changes
			want = randomDesired(t, rng, l, 30)
			if err := r.Set(want); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
	}
	// The last change's notification may have been dropped, so the loop
	// can still believe it converged: only a full re-read begun after the
	// last change proves anything. Wait for two periodic ones (the first
	// may have started before the change), then judge.
	waitPeriodic(t, r, 2, 5*time.Second)
	waitConverged(t, r, 5*time.Second)
	emptyPlan(t, r)
	n4, n6 := len(l.routes(t, "-4", "proto", "99")), len(l.routes(t, "-6", "proto", "99"))
	if n4+n6 != len(want) {
		t.Fatalf("%d owned routes in the kernel (ip), want %d", n4+n6, len(want))
	}
	if drops.Load() == 0 {
		t.Fatal("no notification was dropped: the test did not inject loss")
	}
	if got := len(l.routes(t, "-4", "proto", "static")) + len(l.routes(t, "-6", "proto", "static")); got == 0 {
		t.Error("the foreign routes added by ip are gone")
	}
	t.Logf("dropped %d notifications; stats %+v", drops.Load(), r.Stats())
}

func extraDst(fam rtnl.Family, i int) string {
	if fam == rtnl.AF_INET6 {
		return fmt.Sprintf("2001:db8:ff:%x::/64", i)
	}
	return fmt.Sprintf("10.250.%d.0/24", i)
}

// waitPeriodic waits until n more periodic full re-reads have completed.
func waitPeriodic(t *testing.T, r *Reconciler, n uint64, d time.Duration) {
	t.Helper()
	start := r.Stats().FullResyncs["periodic"]
	deadline := time.Now().Add(d)
	for r.Stats().FullResyncs["periodic"] < start+n {
		if time.Now().After(deadline) {
			t.Fatalf("no %d periodic re-reads within %v (stats %+v)", n, d, r.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
