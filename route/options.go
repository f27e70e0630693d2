package route

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines a route request (Add, Replace, Delete, ...).
type Option func(*spec) error

// spec is a route request before it is encoded: what the caller gave, with
// presence, so that "not given" never becomes a zero on the wire.
type spec struct {
	dst      netip.Prefix
	gw       netip.Addr
	src      netip.Addr
	table    uint32
	protocol rtnl.Protocol
	hasProto bool
	metric   uint32
	hasMet   bool
	oif      uint32
	typ      rtnl.RouteType
	hasType  bool
	scope    rtnl.Scope
	hasScope bool
	metrics  rtnl.Metrics // RTA_METRICS, when any was given
	pref     rtnl.Pref
	hasPref  bool
	onlink   bool
}

// Table puts the route in table id (1 to 4294967295, or a named one such as
// rtnl.RT_TABLE_MAIN, the default). Tables above 255 are sent as RTA_TABLE.
func Table(id rtnl.Table) Option {
	return func(s *spec) error {
		if id == 0 {
			return errors.New("route: table 0 (unspec) is not a routing table; use 1..4294967295")
		}
		s.table = uint32(id)
		return nil
	}
}

// Protocol tags the route with who installed it (RTPROT_*, or any number
// up to 255). Add and Replace default to RTPROT_BOOT as ip(8) does; Delete
// matches any protocol unless this is given.
func Protocol(p rtnl.Protocol) Option {
	return func(s *spec) error { s.protocol, s.hasProto = p, true; return nil }
}

// Metric sets the route priority (RTA_PRIORITY). Without it no metric is
// sent, and the kernel picks its default (0 for IPv4, 1024 for IPv6); Delete
// then matches any metric.
func Metric(m uint32) Option {
	return func(s *spec) error { s.metric, s.hasMet = m, true; return nil }
}

// Dev sets the output interface by index (RTA_OIF). IPv6 link-local
// gateways need it.
func Dev(ifindex uint32) Option {
	return func(s *spec) error {
		if ifindex == 0 {
			return errors.New("route: interface index 0 is not an interface")
		}
		s.oif = ifindex
		return nil
	}
}

// Src sets the preferred source address (RTA_PREFSRC).
func Src(a netip.Addr) Option {
	return func(s *spec) error {
		if !a.IsValid() {
			return errors.New("route: invalid source address")
		}
		s.src = a
		return nil
	}
}

// Type sets the route type: RTN_UNICAST (the default), RTN_BLACKHOLE,
// RTN_UNREACHABLE, RTN_PROHIBIT, RTN_LOCAL, ...
func Type(t rtnl.RouteType) Option {
	return func(s *spec) error { s.typ, s.hasType = t, true; return nil }
}

// Scope overrides the scope. The default is what ip(8) picks: host for local
// and nat routes, link for broadcast, multicast and anycast routes and for
// unicast routes through an interface without a gateway, global otherwise.
func Scope(sc rtnl.Scope) Option {
	return func(s *spec) error { s.scope, s.hasScope = sc, true; return nil }
}

// MTU sets the route's path MTU (RTAX_MTU in RTA_METRICS), as
// `ip route add ... mtu N`.
func MTU(n uint32) Option {
	return func(s *spec) error { s.metrics.SetMTU(n); return nil }
}

// AdvMSS sets the MSS advertised on connections over the route (RTAX_ADVMSS
// in RTA_METRICS), as `ip route add ... advmss N`.
func AdvMSS(n uint32) Option {
	return func(s *spec) error { s.metrics.SetAdvMSS(n); return nil }
}

// Pref sets an IPv6 route's router preference (RTA_PREF: low, medium,
// high), as `ip route add ... pref high`. IPv4 routes have none: asking for
// one is an error.
func Pref(p rtnl.Pref) Option {
	return func(s *spec) error { s.pref, s.hasPref = p, true; return nil }
}

// Onlink makes the kernel take the gateway as directly reachable on the
// output interface even when no address of the interface covers it
// (RTNH_F_ONLINK), as `ip route add ... onlink`. It needs Dev.
func Onlink() Option {
	return func(s *spec) error { s.onlink = true; return nil }
}

// family checks that every address of the request is of one family and
// returns it.
func (s *spec) family() (rtnl.Family, error) {
	if !s.dst.IsValid() {
		return 0, errors.New("route: invalid destination prefix")
	}
	fam := famOf(s.dst.Addr())
	if s.dst.Masked() != s.dst {
		return 0, fmt.Errorf("route: destination %s has host bits set; did you mean %s?", s.dst, s.dst.Masked())
	}
	for _, a := range []struct {
		what string
		addr netip.Addr
	}{{"destination", s.dst.Addr()}, {"gateway", s.gw}, {"source", s.src}} {
		if a.addr.Is4In6() {
			return 0, fmt.Errorf("route: %s %s is an IPv4-mapped IPv6 address; use %s (Addr.Unmap) for IPv4", a.what, a.addr, a.addr.Unmap())
		}
		if a.addr.IsValid() && famOf(a.addr) != fam {
			return 0, fmt.Errorf("route: %s %s is %s but destination %s is %s", a.what, a.addr, famName(famOf(a.addr)), s.dst, famName(fam))
		}
	}
	if z := s.gw.Zone(); z != "" {
		// A numeric zone is an interface index; a name cannot be resolved
		// here (the Client may be in another namespace).
		idx, err := strconv.ParseUint(z, 10, 32)
		switch {
		case err != nil || idx == 0:
			return 0, fmt.Errorf("route: gateway %s names interface %q by name; give it with Dev(ifindex)", s.gw, z)
		case s.oif != 0 && uint32(idx) != s.oif:
			return 0, fmt.Errorf("route: gateway %s is on interface %d but Dev says %d", s.gw, idx, s.oif)
		}
		s.oif = uint32(idx)
	}
	if s.src.Zone() != "" || s.dst.Addr().Zone() != "" {
		return 0, errors.New("route: destination and source addresses take no zone")
	}
	return fam, nil
}

func famOf(a netip.Addr) rtnl.Family {
	if a.Is4() {
		return rtnl.AF_INET
	}
	return rtnl.AF_INET6
}

func famName(f rtnl.Family) string {
	if f == rtnl.AF_INET {
		return "IPv4"
	}
	return "IPv6"
}

// fill encodes the request into r, which it resets first. del selects the
// delete rules: scope RT_SCOPE_NOWHERE and protocol/type left unspecified
// unless given.
func (s *spec) fill(r *rtnl.Route, del bool) error {
	fam, err := s.family()
	if err != nil {
		return err
	}
	r.Reset()
	h := &r.Header
	h.Family = fam
	h.DstLen = uint8(s.dst.Bits())
	table := s.table
	if table == 0 {
		table = uint32(rtnl.RT_TABLE_MAIN)
	}
	if table <= 255 {
		h.Table = uint8(table)
	} else {
		h.Table = uint8(rtnl.RT_TABLE_UNSPEC)
		r.SetTable(rtnl.Table(table))
	}
	if del {
		h.Scope = rtnl.RT_SCOPE_NOWHERE
		if s.hasProto {
			h.Protocol = s.protocol
		}
		if s.hasType {
			h.Type = s.typ
		}
	} else {
		h.Protocol = rtnl.RTPROT_BOOT
		if s.hasProto {
			h.Protocol = s.protocol
		}
		h.Type = rtnl.RTN_UNICAST
		if s.hasType {
			h.Type = s.typ
		}
		switch {
		case h.Type == rtnl.RTN_LOCAL || h.Type == rtnl.RTN_NAT:
			h.Scope = rtnl.RT_SCOPE_HOST
		case h.Type == rtnl.RTN_BROADCAST || h.Type == rtnl.RTN_MULTICAST || h.Type == rtnl.RTN_ANYCAST:
			h.Scope = rtnl.RT_SCOPE_LINK
		case h.Type == rtnl.RTN_UNICAST && !s.gw.IsValid() && s.oif != 0:
			h.Scope = rtnl.RT_SCOPE_LINK
		default:
			h.Scope = rtnl.RT_SCOPE_UNIVERSE
		}
	}
	if s.hasScope {
		h.Scope = s.scope
	}
	if s.dst.Bits() > 0 {
		r.SetDst(s.dst.Addr())
	}
	if s.gw.IsValid() {
		r.SetGateway(s.gw.WithZone(""))
	}
	if s.src.IsValid() {
		r.SetPrefSrc(s.src.WithZone(""))
	}
	if s.oif != 0 {
		r.SetOIF(s.oif)
	}
	if s.hasMet {
		r.SetPriority(s.metric)
	}
	if s.metrics.Has(rtnl.RTAX_MTU) || s.metrics.Has(rtnl.RTAX_ADVMSS) {
		r.SetMetrics(s.metrics)
	}
	if s.hasPref {
		if fam != rtnl.AF_INET6 {
			return errors.New("route: pref (RTA_PREF) applies only to IPv6 routes")
		}
		r.SetPref(s.pref)
	}
	if s.onlink {
		if s.oif == 0 {
			return errors.New("route: onlink needs the output interface (Dev)")
		}
		h.Flags |= rtnl.RouteFlags(rtnl.RTNH_F_ONLINK)
	}
	return nil
}
