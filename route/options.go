package route

import (
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines a route request (Add, Replace, Delete, Request, Batch). It
// sets a field of the message the verb sends, through rtnl.Route's
// setters, which record the attribute's presence. What no option sets is
// given the verb's default afterwards (see request.defaults), so "not
// given" never becomes a zero on the wire.
type Option func(*request) error

// request is a route request being built: the message itself, plus what
// its fixed header cannot say about itself. The attributes carry their own
// presence bits; struct rtmsg has none, and the zero values of its
// protocol, scope and type are real choices (RTPROT_UNSPEC,
// RT_SCOPE_UNIVERSE, RTN_UNSPEC), so the options that set them mark it in
// given. Family and table need no mark: 0 is never a choice there.
type request struct {
	msg        *rtnl.Route
	given      headerFields
	defaultDst bool // Default: the destination is the family's default route
	src        bool // From was given (RTA_SRC may be absent for a /0)
	get        bool // the request is a Get lookup
}

// headerFields is a set of rtmsg fields set by an option.
type headerFields uint8

const (
	givenProtocol headerFields = 1 << iota
	givenScope
	givenType
)

// Table puts the route in table id (1 to 4294967295, or a named one such as
// rtnl.RT_TABLE_MAIN, the default). Tables above 255 are sent as RTA_TABLE.
func Table(id rtnl.Table) Option {
	return func(q *request) error {
		if id == rtnl.RT_TABLE_UNSPEC {
			return errTableUnspec
		}
		if id <= 255 {
			q.msg.Header.Table = uint8(id)
			q.msg.Unset(rtnl.RTA_TABLE)
		} else {
			q.msg.Header.Table = uint8(rtnl.RT_TABLE_UNSPEC)
			q.msg.SetTable(id)
		}
		return nil
	}
}

var errTableUnspec = errors.New("route: table 0 (unspec) is not a routing table; use 1..4294967295")

// Protocol tags the route with who installed it (RTPROT_*, or any number
// up to 255). Add and Replace default to RTPROT_BOOT as ip(8) does; Delete
// matches any protocol unless this is given.
func Protocol(p rtnl.Protocol) Option {
	return func(q *request) error {
		q.msg.Header.Protocol = p
		q.given |= givenProtocol
		return nil
	}
}

// Metric sets the route priority (RTA_PRIORITY). Without it no metric is
// sent, and the kernel picks its default (0 for IPv4, 1024 for IPv6); Delete
// then matches any metric.
func Metric(m uint32) Option {
	return func(q *request) error { q.msg.SetPriority(m); return nil }
}

// Dev sets the output interface by index (RTA_OIF). IPv6 link-local
// gateways need it.
func Dev(ifindex uint32) Option {
	return func(q *request) error {
		if ifindex == 0 {
			return errors.New("route: interface index 0 is not an interface")
		}
		q.msg.SetOIF(ifindex)
		return nil
	}
}

// Src sets the preferred source address (RTA_PREFSRC).
func Src(a netip.Addr) Option {
	return func(q *request) error {
		if !a.IsValid() {
			return errors.New("route: invalid source address")
		}
		q.msg.SetPrefSrc(a)
		return nil
	}
}

// Type sets the route type: RTN_UNICAST (the default), RTN_BLACKHOLE,
// RTN_UNREACHABLE, RTN_PROHIBIT, RTN_LOCAL, ...
func Type(t rtnl.RouteType) Option {
	return func(q *request) error {
		q.msg.Header.Type = t
		q.given |= givenType
		return nil
	}
}

// Scope overrides the scope. The default is what ip(8) picks: host for local
// and nat routes, link for broadcast, multicast and anycast routes and for
// unicast routes through an interface without a gateway, global otherwise;
// Delete matches any scope unless this is given.
func Scope(sc rtnl.Scope) Option {
	return func(q *request) error {
		q.msg.Header.Scope = sc
		q.given |= givenScope
		return nil
	}
}

// MTU sets the route's path MTU (RTAX_MTU in RTA_METRICS), as
// `ip route add ... mtu N`.
func MTU(n uint32) Option {
	return func(q *request) error {
		q.msg.Metrics.SetMTU(n)
		q.msg.SetPresent(rtnl.RTA_METRICS)
		return nil
	}
}

// AdvMSS sets the MSS advertised on connections over the route (RTAX_ADVMSS
// in RTA_METRICS), as `ip route add ... advmss N`.
func AdvMSS(n uint32) Option {
	return func(q *request) error {
		q.msg.Metrics.SetAdvMSS(n)
		q.msg.SetPresent(rtnl.RTA_METRICS)
		return nil
	}
}

// Pref sets an IPv6 route's router preference (RTA_PREF: low, medium,
// high), as `ip route add ... pref high`. IPv4 routes have none: asking for
// one is an error.
func Pref(p rtnl.Pref) Option {
	return func(q *request) error { q.msg.SetPref(p); return nil }
}

// Onlink makes the kernel take the gateway as directly reachable on the
// output interface even when no address of the interface covers it
// (RTNH_F_ONLINK), as `ip route add ... onlink`. It needs Dev.
func Onlink() Option {
	return func(q *request) error {
		q.msg.Header.Flags |= rtnl.RouteFlags(rtnl.RTNH_F_ONLINK)
		return nil
	}
}

// Family fixes the request's address family (rtnl.AF_INET or
// rtnl.AF_INET6), as ip's -4 and -6 do: every address of the request must
// then be of that family, and a Default destination is that family's.
// Without it the family is the addresses'.
func Family(f rtnl.Family) Option {
	return func(q *request) error {
		if f != rtnl.AF_INET && f != rtnl.AF_INET6 {
			return errors.New("route: Family needs AF_INET or AF_INET6, not " + f.String())
		}
		q.msg.Header.Family = f
		return nil
	}
}

// Default makes the request's destination the default route (0.0.0.0/0 or
// ::/0) of the family that the rest of the request decides: the gateway's,
// Src's or Family's, IPv4 when none does, as ip's "default" word. Pass
// netip.Prefix{} as dst with it; any other dst is an error, and so is
// netip.Prefix{} without it.
func Default() Option {
	return func(q *request) error { q.defaultDst = true; return nil }
}
