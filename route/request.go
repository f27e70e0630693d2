package route

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
)

// build resets r and fills it with the request for v: dst and gw, then
// opts in order, then the family (derived and checked once, here), then
// v's defaults for what is still absent.
func (v verb) build(r *rtnl.Route, dst netip.Prefix, gw netip.Addr, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: r}
	err := s.req.fill(v, dst, gw, opts)
	s.req.msg = nil
	return err
}

// scratch is the memory of one request being built (and, for the single
// verbs, sent), reused through scratchPool: an Option is a function the
// compiler cannot see into, so the request handed to it escapes to the
// heap, and without reuse every Add would allocate it and its message.
type scratch struct {
	req request
	msg rtnl.Route // the single verbs' message
	buf []byte     // the single verbs' encoding
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (q *request) fill(v verb, dst netip.Prefix, gw netip.Addr, opts []Option) error {
	m := q.msg
	m.Reset()
	if gw.IsValid() {
		m.SetGateway(gw.WithZone(""))
	}
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("route: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	if err := q.setDst(dst); err != nil {
		return err
	}
	if err := q.gatewayZone(gw); err != nil {
		return err
	}
	if err := q.check(v.del); err != nil {
		return err
	}
	q.defaults(v.del)
	return nil
}

// setDst settles the family and sets the destination (RTA_DST and
// rtm_dst_len; none for a /0).
func (q *request) setDst(dst netip.Prefix) error {
	m := q.msg
	switch {
	case q.defaultDst && dst != (netip.Prefix{}):
		return fmt.Errorf("route: Default with destination %s; pass netip.Prefix{} with Default", dst)
	case q.defaultDst:
	case !dst.IsValid():
		return errors.New("route: invalid destination prefix")
	case dst.Masked() != dst:
		return fmt.Errorf("route: destination %s has host bits set; did you mean %s?", dst, dst.Masked())
	case dst.Addr().Zone() != "":
		return errors.New("route: destination and source addresses take no zone")
	}
	fam, err := q.family(dst)
	if err != nil {
		return err
	}
	m.Header.Family = fam
	if q.defaultDst {
		return nil // rtm_dst_len 0, no RTA_DST
	}
	m.Header.DstLen = uint8(dst.Bits())
	if dst.Bits() > 0 {
		m.SetDst(dst.Addr())
	}
	return nil
}

// family is the one place the request's address family is decided: the
// first of Family, the destination, the gateway and the source that has
// one settles it, and every other must agree. With none (a Default
// destination and no address) it is IPv4, as ip's.
func (q *request) family(dst netip.Prefix) (rtnl.Family, error) {
	m := q.msg
	addrs := [...]struct {
		has  bool
		what string
		addr netip.Addr
	}{
		{!q.defaultDst, "destination", dst.Addr()},
		{m.Has(rtnl.RTA_GATEWAY), "gateway", m.Gateway},
		{m.Has(rtnl.RTA_PREFSRC), "source", m.PrefSrc},
	}
	// describe names what settled the family, for an error.
	describe := func(i int) string {
		switch {
		case i < 0:
			return "the family asked for (Family)"
		case addrs[i].what == "destination":
			return "destination " + dst.String()
		}
		return addrs[i].what + " " + addrs[i].addr.String()
	}
	fam, settled := m.Header.Family, -1
	for i, a := range addrs {
		if !a.has {
			continue
		}
		// An IPv4-mapped address (::ffff:10.0.0.1) is an IPv6 address:
		// the kernel accepts it as an IPv6 route's destination or gateway
		// and lists it so.
		switch f := famOf(a.addr); {
		case fam == 0:
			fam, settled = f, i
		case f != fam:
			hint := ""
			if a.what == "gateway" {
				hint = " (a gateway of the other family is Via, RTA_VIA)"
			}
			return 0, fmt.Errorf("route: %s is %s but %s is %s%s", describe(i), familyName(f), describe(settled), familyName(fam), hint)
		}
	}
	if q.src {
		if f := famOf(m.Src); fam == 0 {
			fam = f
		} else if f != fam {
			return 0, fmt.Errorf("route: source prefix %s is %s but the route is %s", m.Src, familyName(f), familyName(fam))
		}
	}
	for i := range m.Multipath {
		nh := &m.Multipath[i]
		if !nh.Has(rtnl.RTA_GATEWAY) {
			continue
		}
		if f := famOf(nh.Gateway); fam == 0 {
			fam = f
		} else if f != fam {
			return 0, fmt.Errorf("route: multipath leg %d gateway %s is %s but the route is %s (a gateway of the other family is Leg.Via)", i+1, nh.Gateway, familyName(f), familyName(fam))
		}
	}
	if fam == 0 {
		fam = rtnl.AF_INET
	}
	return fam, nil
}

// gatewayZone takes a numeric zone of gw (fe80::1%7) as the output
// interface. A zone name cannot be resolved here: the Client may be in
// another namespace.
func (q *request) gatewayZone(gw netip.Addr) error {
	z := gw.Zone()
	if z == "" {
		return nil
	}
	m := q.msg
	idx, err := strconv.ParseUint(z, 10, 32)
	switch {
	case err != nil || idx == 0:
		return fmt.Errorf("route: gateway %s names interface %q by name; give it with Dev(ifindex)", gw, z)
	case m.Has(rtnl.RTA_OIF) && uint32(idx) != m.OIF:
		return fmt.Errorf("route: gateway %s is on interface %d but Dev says %d", gw, idx, m.OIF)
	}
	m.SetOIF(uint32(idx))
	return nil
}

// check rejects what the options cannot check alone, the family being
// settled.
func (q *request) check(del bool) error {
	m := q.msg
	if m.Has(rtnl.RTA_PREFSRC) && m.PrefSrc.Zone() != "" {
		return errors.New("route: destination and source addresses take no zone")
	}
	if m.Has(rtnl.RTA_PREF) && m.Header.Family != rtnl.AF_INET6 {
		return errors.New("route: pref (RTA_PREF) applies only to IPv6 routes")
	}
	if m.Header.Flags&rtnl.RouteFlags(rtnl.RTNH_F_ONLINK) != 0 && !m.Has(rtnl.RTA_OIF) && !m.Has(rtnl.RTA_MULTIPATH) {
		return errors.New("route: onlink needs the output interface (Dev)")
	}
	if m.Has(rtnl.RTA_EXPIRES) && m.Header.Family != rtnl.AF_INET6 {
		return errors.New("route: expires (RTA_EXPIRES) applies only to IPv6 routes")
	}
	if m.Has(rtnl.RTA_MULTIPATH) && (m.Has(rtnl.RTA_GATEWAY) || m.Has(rtnl.RTA_VIA)) {
		return errors.New("route: a multipath route takes its gateways in its legs, not a route gateway")
	}
	if m.Has(rtnl.RTA_NH_ID) && !del && (m.Has(rtnl.RTA_GATEWAY) || m.Has(rtnl.RTA_VIA) || m.Has(rtnl.RTA_OIF) || m.Has(rtnl.RTA_MULTIPATH)) {
		return errors.New("route: nhid: the nexthop object gives the gateway and device; give no gateway, Via, Dev or Multipath with it")
	}
	return nil
}

// defaults fills what no option set. Every verb: table main. Add and
// replace: protocol boot, type unicast, and the scope ip(8) picks for the
// type and gateway. Delete: scope RT_SCOPE_NOWHERE, protocol and type
// unspecified, so that the kernel matches any.
func (q *request) defaults(del bool) {
	h := &q.msg.Header
	if h.Table == uint8(rtnl.RT_TABLE_UNSPEC) && !q.msg.Has(rtnl.RTA_TABLE) {
		h.Table = uint8(rtnl.RT_TABLE_MAIN)
	}
	if del {
		if q.msg.Has(rtnl.RTA_NH_ID) {
			// The kernel matches an nhid route by its object only: a
			// gateway or device sent with the id would fail the match
			// (fib_nh_match), and a listing shows the object's.
			for _, id := range []uint16{rtnl.RTA_GATEWAY, rtnl.RTA_VIA, rtnl.RTA_OIF, rtnl.RTA_MULTIPATH, rtnl.RTA_FLOW} {
				q.msg.Unset(id)
			}
		}
		if q.given&givenScope == 0 {
			h.Scope = rtnl.RT_SCOPE_NOWHERE
		}
		return
	}
	if q.given&givenProtocol == 0 {
		h.Protocol = rtnl.RTPROT_BOOT
	}
	if q.given&givenType == 0 {
		h.Type = rtnl.RTN_UNICAST
	}
	if q.given&givenScope == 0 {
		m := q.msg
		// A gateway of either family (RTA_VIA: IPv4 via IPv6), legs or a
		// nexthop object: ip's gw_ok, nhs_ok and nhid.
		h.Scope = defaultScope(h.Family, h.Type, m.Has(rtnl.RTA_GATEWAY) || m.Has(rtnl.RTA_VIA) || m.Has(rtnl.RTA_MULTIPATH) || m.Has(rtnl.RTA_NH_ID), m.Has(rtnl.RTA_OIF))
	}
}

// defaultScope is the scope ip(8) (iproute_modify) gives a new route of
// family f and type t: IPv6 and MPLS universe; local and nat host;
// broadcast, multicast and anycast link; unicast by a device (dev) link
// unless it has a gateway, multipath legs or a nexthop object (then
// universe, as ip gives any multipath route, whatever its legs hold).
// Without a device either, universe: a caller may add the legs to the
// request after (reconcile.Multipath does), and the kernel refuses an
// IPv4 unicast route with neither anyway.
func defaultScope(f rtnl.Family, t rtnl.RouteType, gateway, dev bool) rtnl.Scope {
	switch {
	case f == rtnl.AF_INET6 || f == rtnl.AF_MPLS:
		return rtnl.RT_SCOPE_UNIVERSE
	case t == rtnl.RTN_LOCAL || t == rtnl.RTN_NAT:
		return rtnl.RT_SCOPE_HOST
	case t == rtnl.RTN_BROADCAST || t == rtnl.RTN_MULTICAST || t == rtnl.RTN_ANYCAST:
		return rtnl.RT_SCOPE_LINK
	case (t == rtnl.RTN_UNICAST || t == rtnl.RTN_UNSPEC) && !gateway && dev:
		return rtnl.RT_SCOPE_LINK
	}
	return rtnl.RT_SCOPE_UNIVERSE
}

// famOf is a's address family; a is valid.
func famOf(a netip.Addr) rtnl.Family {
	if a.Is4() {
		return rtnl.AF_INET
	}
	return rtnl.AF_INET6
}

func familyName(f rtnl.Family) string {
	if f == rtnl.AF_INET {
		return "IPv4"
	}
	return "IPv6"
}
