package reconcile

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// Desired is one route the reconciler is to keep in the kernel: the
// message that installs it, with its Key and canonical value worked out
// once. Make one with Route, Multipath or FromRoute. The reconciler sets
// its protocol to the Scope's; everything else is kept as given.
type Desired struct {
	wire []byte // the encoded message (struct rtmsg and attributes): compact, never changed once built
	key  Key
	val  value
}

// Hop is one next hop of a multipath route.
type Hop struct {
	Gateway netip.Addr // the next hop's gateway, or invalid for a device route
	Dev     uint32     // output interface index, or 0 to let the kernel pick
	Weight  int        // 1..256; 0 means 1
	Onlink  bool       // RTNH_F_ONLINK: the gateway is on Dev even without an address covering it
}

// Route is a desired route in the words of route.Add: destination, gateway
// (netip.Addr{} for none) and options.
func Route(dst netip.Prefix, gw netip.Addr, opts ...route.Option) (Desired, error) {
	r := scratchRoutes.Get().(*rtnl.Route)
	defer scratchRoutes.Put(r)
	if err := route.RequestInto(r, "add", dst, gw, opts...); err != nil {
		return Desired{}, err
	}
	return fromRoute(r, true) // keeps nothing of r: its wire bytes and a canonical copy
}

// scratchRoutes are the messages Route builds in: a desired route keeps
// only its encoding and canonical value, and an rtnl.Route is large (a
// fresh one per desired route was most of a 100,000-route Set's time).
var scratchRoutes = sync.Pool{New: func() any { return new(rtnl.Route) }}

// Multipath is a desired route to dst over the next hops hops (one
// RTA_MULTIPATH message, for IPv6 too), refined by opts as route.Add's
// (Table, Metric, MTU, ...; give gateways and devices in hops, not opts).
func Multipath(dst netip.Prefix, hops []Hop, opts ...route.Option) (Desired, error) {
	if len(hops) == 0 {
		return Desired{}, fmt.Errorf("reconcile: multipath route %s has no next hops", dst)
	}
	r, err := route.Request("add", dst, netip.Addr{}, opts...)
	if err != nil {
		return Desired{}, err
	}
	if r.Has(rtnl.RTA_GATEWAY) || r.Has(rtnl.RTA_OIF) {
		return Desired{}, fmt.Errorf("reconcile: multipath route %s: give gateways and devices in the hops, not as options", dst)
	}
	nhs := make([]rtnl.Nexthop, len(hops))
	for i, h := range hops {
		switch {
		case h.Weight < 0 || h.Weight > 256:
			return Desired{}, fmt.Errorf("reconcile: multipath route %s: hop %d: weight %d is not in 1..256", dst, i+1, h.Weight)
		case h.Gateway.IsValid() && (h.Gateway.Is4() != dst.Addr().Is4() || h.Gateway.Is4In6()):
			return Desired{}, fmt.Errorf("reconcile: multipath route %s: hop %d: gateway %s is not of the destination's family", dst, i+1, h.Gateway)
		case !h.Gateway.IsValid() && h.Dev == 0:
			return Desired{}, fmt.Errorf("reconcile: multipath route %s: hop %d has neither gateway nor device", dst, i+1)
		case h.Onlink && h.Dev == 0:
			return Desired{}, fmt.Errorf("reconcile: multipath route %s: hop %d: onlink needs the device", dst, i+1)
		}
		nh := &nhs[i]
		if h.Weight > 0 {
			nh.Header.Hops = uint8(h.Weight - 1)
		}
		nh.Header.Ifindex = int32(h.Dev)
		if h.Onlink {
			nh.Header.Flags |= rtnl.RTNH_F_ONLINK
		}
		if h.Gateway.IsValid() {
			nh.SetGateway(h.Gateway.WithZone(""))
		}
	}
	r.SetMultipath(nhs)
	return fromRoute(r, true)
}

// FromRoute is a desired route from a fully built message (as
// route.Request returns, or as read from the kernel: a route listed by
// route.List can be kept as it is). The message is copied.
func FromRoute(r *rtnl.Route) (Desired, error) { return fromRoute(r, false) }

// fromRoute is FromRoute; owned says r is the caller's to keep (no copy).
func fromRoute(r *rtnl.Route, owned bool) (Desired, error) {
	if r == nil {
		return Desired{}, errors.New("reconcile: nil route")
	}
	if f := r.Header.Family; f != rtnl.AF_INET && f != rtnl.AF_INET6 {
		return Desired{}, fmt.Errorf("reconcile: route family %s: only IPv4 and IPv6 routes can be reconciled", f)
	}
	var d Desired
	var m *rtnl.Route
	if owned {
		m = r
	} else {
		c := r.Clone()
		m = &c
	}
	d.key = KeyOf(m)
	if !d.key.Dst.IsValid() {
		return Desired{}, errors.New("reconcile: route without a valid destination")
	}
	if d.key.Table == 0 {
		d.key.Table = uint32(rtnl.RT_TABLE_MAIN)
		setTable(m, d.key.Table)
	}
	if m.Header.Type == 0 {
		m.Header.Type = rtnl.RTN_UNICAST
	}
	if m.Header.Family == rtnl.AF_INET6 && m.Has(rtnl.RTA_CACHEINFO) && m.CacheInfo.Expires > 0 && !m.Has(rtnl.RTA_EXPIRES) {
		// A route read from the kernel, expiring: keep it expiring.
		m.SetExpires(uint64(max(1, m.CacheInfo.Expires/100)))
	}
	canon(&d.val, m)
	if d.val.metrics != nil {
		c := *d.val.metrics // canon points into m
		d.val.metrics = &c
	}
	if len(d.val.hops) > 0 {
		d.val.hops = slices.Clip(d.val.hops)
	}
	// What the kernel reports but does not take (RTA_CACHEINFO, state
	// flags) is not part of what is desired. An IPv6 expiry (RTA_EXPIRES)
	// is kept and compared as presence; IPv4 takes none.
	for _, id := range []uint16{rtnl.RTA_CACHEINFO, rtnl.RTA_PAD} {
		m.Unset(id)
	}
	if m.Header.Family != rtnl.AF_INET6 {
		m.Unset(rtnl.RTA_EXPIRES)
	}
	m.Header.Flags &= rtnl.RouteFlags(rtnl.RTNH_F_ONLINK)
	d.wire = m.Append(make([]byte, 0, m.Size()))
	return d, nil
}

// Key is the route's kernel key.
func (d Desired) Key() Key { return d.key }

// Message is a copy of the message that installs the route.
func (d Desired) Message() rtnl.Route {
	var r rtnl.Route
	r.Decode(d.wire) // encoded from a valid Route: cannot fail
	return r
}

// withProtocol returns d with rtm_protocol p, copying the message only if
// it differs.
func (d Desired) withProtocol(p rtnl.Protocol) Desired {
	if len(d.wire) < rtnl.SizeofRtMsg || rtnl.Protocol(d.wire[5]) == p {
		return d
	}
	d.wire = slices.Clone(d.wire)
	d.wire[5] = byte(p) // struct rtmsg: family, dst_len, src_len, tos, table, protocol
	return d
}

// String describes the route as `ip route` would list it, briefly,
// interfaces by index ("dev #3"); Format names them.
func (d Desired) String() string { return d.Format(nil) }

// Format is String with interface names from name (nil, or a name it
// returns empty: "#index").
func (d Desired) Format(name func(ifindex uint32) string) string {
	return describe(d.key, &d.val, name)
}

// describe formats a key and value in `ip route` words.
func describe(k Key, v *value, name func(uint32) string) string {
	s := k.String()
	if v.typ != rtnl.RTN_UNICAST && v.typ != 0 {
		s = v.typ.String() + " " + s
	}
	dev := func(i uint32) string {
		if name != nil {
			if n := name(i); n != "" {
				return n
			}
		}
		return fmt.Sprintf("#%d", i)
	}
	for i, h := range v.hops {
		if len(v.hops) > 1 {
			s += fmt.Sprintf(" nexthop%d", i+1)
		}
		if h.gw.IsValid() {
			s += " via " + h.gw.String()
		}
		if h.oif != 0 {
			s += " dev " + dev(h.oif)
		}
		if h.onlink {
			s += " onlink"
		}
		if len(v.hops) > 1 {
			s += fmt.Sprintf(" weight %d", int(h.hops)+1)
		}
	}
	if v.nhid != 0 {
		s += fmt.Sprintf(" nhid %d", v.nhid)
	}
	if v.prefsrc.IsValid() {
		s += " src " + v.prefsrc.String()
	}
	if v.encap.typ != 0 {
		s += " encap " + v.encap.typ.String()
	}
	if v.flow != 0 {
		s += fmt.Sprintf(" realm %d", v.flow)
	}
	if v.expires {
		s += " expires"
	}
	return s
}

// differences names what differs between the desired value d and the
// kernel's k, in `ip route` words: "via, dev" or "mtu".
func differences(d, k *value) string {
	var out []string
	add := func(cond bool, what string) {
		if cond {
			out = append(out, what)
		}
	}
	add(d.typ != k.typ, "type")
	add(d.scope != k.scope, "scope")
	add(d.prefsrc != k.prefsrc, "src")
	add(d.pref != k.pref, "pref")
	add(d.nhid != k.nhid, "nhid")
	add(d.flow != k.flow, "realm")
	add(d.expires != k.expires, "expires")
	add(!metricsEqual(d.metrics, k.metrics), "metrics")
	add(!encapMatch(&d.encap, &k.encap), "encap")
	if d.nhid == 0 {
		dv, kv := *d, *k
		dv.typ, kv.typ = 0, 0
		dv.scope, kv.scope, dv.prefsrc, kv.prefsrc, dv.pref, kv.pref = 0, 0, netip.Addr{}, netip.Addr{}, 0, 0
		dv.flow, kv.flow, dv.expires, kv.expires, dv.metrics, kv.metrics = 0, 0, false, false, nil, nil
		dv.encap, kv.encap = encapValue{}, encapValue{}
		add(!matches(&dv, &kv), "next hops")
	}
	return strings.Join(out, ", ")
}

// equal reports whether two desired routes ask for the same thing.
func (d *Desired) equal(o *Desired) bool {
	return d.key == o.key && bytes.Equal(d.wire, o.wire)
}

// sortHops orders next hops by gateway, then device: the canonical order
// of a set.
func sortHops(hs []hop) {
	slices.SortFunc(hs, func(a, b hop) int {
		if c := a.gw.Compare(b.gw); c != 0 {
			return c
		}
		return int(a.oif) - int(b.oif)
	})
}
