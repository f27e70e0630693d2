package reconcile

import (
	"bytes"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
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
	flow    uint32        // RTA_FLOW, the IPv4 realm (IPv6 takes none)
	expires bool          // IPv6: the route expires (compared as presence: the countdown runs)
	encap   encapValue    // RTA_ENCAP_TYPE and RTA_ENCAP
}

// encapValue is a route's lightweight tunnel: its type and the encoded
// payload attributes (RTA_ENCAP's content). Compared by encapMatch.
type encapValue struct {
	typ  rtnl.EncapType
	attr []byte
}

// hop is one next hop: the top-level gateway and interface of a plain
// route, or one RTA_MULTIPATH record.
type hop struct {
	gw     netip.Addr // RTA_GATEWAY, or RTA_VIA (an IPv6 gateway of an IPv4 route)
	oif    uint32
	hops   uint8 // weight-1
	onlink bool
	flow   uint32     // a multipath leg's RTA_FLOW (IPv4 realm)
	encap  encapValue // a multipath leg's encap
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
	v.flow = 0
	if r.Has(rtnl.RTA_FLOW) && r.Header.Family == rtnl.AF_INET {
		v.flow = r.Flow
	}
	v.expires = false
	if r.Header.Family == rtnl.AF_INET6 {
		// Asked for with RTA_EXPIRES; the kernel reports the time left
		// in RTA_CACHEINFO. It keeps no expiry on a blackhole,
		// unreachable or prohibit route.
		v.expires = (r.Has(rtnl.RTA_EXPIRES) && r.Expires > 0 ||
			r.Has(rtnl.RTA_CACHEINFO) && r.CacheInfo.Expires != 0) &&
			(v.typ == rtnl.RTN_UNICAST || v.typ == 0)
	}
	encapOf(&v.encap, r)
	v.hops = v.hops[:0]
	switch {
	case v.nhid != 0:
		// The nexthop object owns the next hops; the kernel lists them
		// but they are not the route's to compare.
	case r.Has(rtnl.RTA_MULTIPATH) && len(r.Multipath) > 0:
		for i := range r.Multipath {
			nh := &r.Multipath[i]
			h := hop{oif: uint32(nh.Header.Ifindex), hops: nh.Header.Hops, onlink: nh.Header.Flags&rtnl.RTNH_F_ONLINK != 0}
			if nh.Has(rtnl.RTA_FLOW) && r.Header.Family == rtnl.AF_INET {
				h.flow = nh.Flow
			}
			if nh.Has(rtnl.RTA_ENCAP_TYPE) && nh.Has(rtnl.RTA_ENCAP) {
				var one rtnl.Route
				one.Header.Family = r.Header.Family
				one.SetEncapType(nh.EncapType)
				one.SetEncap(nh.Encap)
				encapOf(&h.encap, &one)
			}
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
		// one-hop multipath route as a plain one, its leg's realm and
		// encap as the route's.
		h := &v.hops[0]
		h.hops = 0
		if h.flow != 0 && v.flow == 0 {
			v.flow, h.flow = h.flow, 0
		}
		if h.encap.typ != 0 && v.encap.typ == 0 {
			v.encap, h.encap = h.encap, encapValue{attr: v.encap.attr[:0]}
		}
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
		d.pref != k.pref || d.nhid != k.nhid || d.flow != k.flow || d.expires != k.expires ||
		!metricsEqual(d.metrics, k.metrics) || !encapMatch(&d.encap, &k.encap) {
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
					(dh.oif == 0 || dh.oif == kh.oif) && dh.flow == kh.flow && encapMatch(&dh.encap, &kh.encap) {
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

// encapOf fills e from r's RTA_ENCAP_TYPE and RTA_ENCAP, reusing e's
// buffer. Only routes with an encap pay for it (one encode).
func encapOf(e *encapValue, r *rtnl.Route) {
	e.typ, e.attr = 0, e.attr[:0]
	if !r.Has(rtnl.RTA_ENCAP_TYPE) || !r.Has(rtnl.RTA_ENCAP) {
		return
	}
	e.typ = r.EncapType
	var one rtnl.Route
	one.Header.Family = r.Header.Family
	one.SetEncapType(r.EncapType)
	one.SetEncap(r.Encap)
	b := one.Append(nil)
	if len(b) < rtnl.SizeofRtMsg {
		return
	}
	for rest := b[rtnl.SizeofRtMsg:]; len(rest) > 0; {
		typ, p, next, ok := nlwire.Attr(rest)
		if !ok {
			return
		}
		if typ&nlwire.TypeMask == rtnl.RTA_ENCAP {
			e.attr = append(e.attr, p...)
			return
		}
		rest = next
	}
}

// encapMatch reports whether the kernel's encap k is what d asks for:
// the same type, and every attribute d gives present in k with the same
// bytes. An attribute k has and d does not must be all zero: the kernel
// echoes defaults (an IP tunnel's ttl 0, tos 0, flags 0) it was not given.
func encapMatch(d, k *encapValue) bool {
	if d.typ != k.typ {
		return false
	}
	if d.typ == 0 {
		return true
	}
	for rest := d.attr; len(rest) > 0; {
		typ, p, next, ok := nlwire.Attr(rest)
		if !ok {
			return bytes.Equal(d.attr, k.attr)
		}
		kp, found := findAttr(k.attr, typ&nlwire.TypeMask)
		if !found || !bytes.Equal(p, kp) {
			return false
		}
		rest = next
	}
	for rest := k.attr; len(rest) > 0; {
		typ, p, next, ok := nlwire.Attr(rest)
		if !ok {
			return false
		}
		if _, found := findAttr(d.attr, typ&nlwire.TypeMask); !found {
			for _, c := range p {
				if c != 0 {
					return false
				}
			}
		}
		rest = next
	}
	return true
}

// findAttr returns the payload of the first attribute of type typ in b.
func findAttr(b []byte, typ uint16) ([]byte, bool) {
	for len(b) > 0 {
		t, p, next, ok := nlwire.Attr(b)
		if !ok {
			return nil, false
		}
		if t&nlwire.TypeMask == typ {
			return p, true
		}
		b = next
	}
	return nil, false
}
