package reconcile

import (
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// value is a route's canonical content: what is compared once two routes
// have the same Key. The kernel reads some things back differently but
// equivalently (a one-hop multipath route as a plain one, multipath without
// a top-level interface, IPv6 without RTA_PREF as medium, an interface it
// resolved from the gateway); canon and matches absorb those differences so
// that a converged route is never rewritten.
type value struct {
	typ     rtnl.RouteType
	scope   rtnl.Scope
	prefsrc netip.Addr
	pref    rtnl.Pref
	nhid    uint32
	metrics *rtnl.Metrics // nil: none
	hops    []hop         // next hops as a set, sorted by sortHops (desired side)
}

// hop is one next hop: the top-level gateway and interface of a plain
// route, or one RTA_MULTIPATH record.
type hop struct {
	gw     netip.Addr // RTA_GATEWAY, or RTA_VIA (an IPv6 gateway of an IPv4 route)
	oif    uint32
	hops   uint8 // weight-1
	onlink bool
}

// canon fills v from r, reusing v's hop slice (no allocation once it has
// room).
func canon(v *value, r *rtnl.Route) {
	v.typ = r.Header.Type
	v.scope = r.Header.Scope
	if r.Header.Family == rtnl.AF_INET6 {
		v.scope = rtnl.RT_SCOPE_UNIVERSE // IPv6 has no route scopes: it reads back universe
	}
	v.prefsrc = netip.Addr{}
	if r.Has(rtnl.RTA_PREFSRC) {
		v.prefsrc = r.PrefSrc
	}
	v.pref = 0 // absent reads as medium (ICMPV6_ROUTER_PREF_MEDIUM = 0)
	if r.Has(rtnl.RTA_PREF) && r.Header.Family == rtnl.AF_INET6 {
		v.pref = r.Pref
	}
	v.nhid = 0
	if r.Has(rtnl.RTA_NH_ID) {
		v.nhid = r.NHID
	}
	v.metrics = nil
	if r.Has(rtnl.RTA_METRICS) {
		v.metrics = &r.Metrics
	}
	v.hops = v.hops[:0]
	switch {
	case v.nhid != 0:
		// The nexthop object owns the next hops; the kernel lists them
		// but they are not the route's to compare.
	case r.Has(rtnl.RTA_MULTIPATH) && len(r.Multipath) > 0:
		for i := range r.Multipath {
			nh := &r.Multipath[i]
			h := hop{oif: uint32(nh.Header.Ifindex), hops: nh.Header.Hops, onlink: nh.Header.Flags&rtnl.RTNH_F_ONLINK != 0}
			switch {
			case nh.Has(rtnl.RTA_GATEWAY):
				h.gw = nh.Gateway
			case nh.Has(rtnl.RTA_VIA):
				h.gw = nh.Via
			}
			v.hops = append(v.hops, h)
		}
	default:
		h := hop{onlink: rtnl.NexthopFlags(r.Header.Flags)&rtnl.RTNH_F_ONLINK != 0}
		switch {
		case r.Has(rtnl.RTA_GATEWAY):
			h.gw = r.Gateway
		case r.Has(rtnl.RTA_VIA):
			h.gw = r.Via
		}
		if r.Has(rtnl.RTA_OIF) {
			h.oif = r.OIF
		}
		if h.gw.IsValid() || h.oif != 0 {
			v.hops = append(v.hops, h)
		}
	}
	if len(v.hops) == 1 {
		// One next hop has no weight to speak of: the kernel keeps a
		// one-hop multipath route as a plain one.
		v.hops[0].hops = 0
	}
	if len(v.hops) > 1 {
		sortHops(v.hops)
	}
}

// matches reports whether the kernel's route k (canonicalised) is what the
// desired value d asks for. Where d leaves something to the kernel (an
// interface to resolve from the gateway, the lo of an IPv6 blackhole) any
// kernel choice matches.
func matches(d, k *value) bool {
	if d.typ != k.typ || d.scope != k.scope || d.prefsrc != k.prefsrc ||
		d.pref != k.pref || d.nhid != k.nhid || !metricsEqual(d.metrics, k.metrics) {
		return false
	}
	if d.nhid != 0 {
		return true
	}
	if len(d.hops) == 0 {
		// A route without next hops (blackhole, unreachable, ...): the
		// kernel may add an interface (IPv6: lo) but no gateway.
		return len(k.hops) == 0 || len(k.hops) == 1 && !k.hops[0].gw.IsValid()
	}
	if len(d.hops) != len(k.hops) || len(d.hops) > 64 {
		return false
	}
	// Match as sets: each desired hop takes one kernel hop of the same
	// gateway, weight and onlink flag, and the same interface where the
	// desired one names it. Hops that name their interface go first, so
	// that one leaving it open cannot take another's.
	var used uint64
	for pass := 0; pass < 2; pass++ {
		for i := range d.hops {
			dh := &d.hops[i]
			if (dh.oif != 0) != (pass == 0) {
				continue
			}
			found := false
			for j := range k.hops {
				kh := &k.hops[j]
				if used&(1<<j) == 0 && dh.gw == kh.gw && dh.hops == kh.hops && dh.onlink == kh.onlink &&
					(dh.oif == 0 || dh.oif == kh.oif) {
					used |= 1 << j
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// metricsEqual compares RTA_METRICS; none equals an empty set.
func metricsEqual(a, b *rtnl.Metrics) bool {
	var none rtnl.Metrics
	if a == nil {
		a = &none
	}
	if b == nil {
		b = &none
	}
	return a.Equal(b)
}
