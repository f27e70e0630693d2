// Package route gives the `ip route` verbs over rtnetlink: list (all at once
// or streamed), get, add, add-default, replace, append, change, prepend,
// delete and delete-default, one at a time or many per sendmsg (Batch).
//
// Routes are the generated rtnl.Route values, so a route from List, from Get
// and from a monitor event are the same type with the same fields. Addresses
// are net/netip values; the address family (IPv4 or IPv6) is taken from the
// addresses (or Family, ip's -4/-6), decided in one place, and mixing
// families in one request is an error reported before anything is sent.
// Options set fields of the message itself (an rtnl.Route, through its
// presence-recording setters); the verb's defaults (table main; for add
// and replace protocol boot, type unicast and ip's scope) fill only what
// no option set. Request shows the message a verb would send. Kernel errors keep their errno: errors.Is(err,
// unix.EEXIST), unix.ESRCH, unix.ENETUNREACH, ...
//
//	c, err := route.Open()
//	...
//	defer c.Close()
//	for r, err := range c.All(ctx, route.Filter{Table: rtnl.RT_TABLE_MAIN}) {
//		...
//	}
//
// # Owned lists: List keeps routes compact
//
// An rtnl.Route has a field for every attribute a route can carry (typed
// encapsulations, metrics, multipath legs, MFC statistics, ...), so that
// decoding into one reused value never allocates: that makes All fast and
// constant in memory, but a slice of them costs every route the full size
// of the type (sizeof(rtnl.Route), some 2.6 KB) whatever it carries.
// ListFull returns such values, for small tables. List returns
// rtnl.RouteCompact, the owned form for keeping a full table (a BGP feed of
// a million routes in about 150 MB rather than 2.6 GB): the
// attributes nearly every unicast route carries — table, destination,
// priority, preferred source, gateway, device, and for IPv6 pref and cache
// info — are plain fields (152 bytes in all, no pointers for the
// collector to follow); a route that carries anything else (metrics,
// multipath, encap, expires, unknown attributes, ...) keeps its whole
// attribute set as well, behind one pointer that is nil for ordinary
// routes. Which attributes are plain is declared once, in the schema
// (compact = [...] on the Route message); nlgen generates the type. The
// conversion is lossless: r.Route() is exactly the rtnl.Route ListFull
// returns, attribute order and unknown bytes included, so it encodes to
// the kernel's bytes and Writable works on it.
//
// # Writing back what was listed
//
// Every route List returns can be written back: Writable(r) is the
// request that re-creates it (without what the kernel reports but does
// not take), for AddRoute, DeleteRoute, ReplaceRoute and Batch. The
// options say everything a listing shows: NHID, Multipath legs with
// weights, onlink and encapsulations, Encap (mpls, ip, ip6, seg6,
// seg6local, ...), Via (an IPv4 route through an IPv6 gateway), Expires,
// TOS, From (IPv6 source routes), Realm, every RTAX_* metric (RouteMetric,
// LockMetric, Congctl, MTU, AdvMSS), Scope, Pref, Table, Protocol, Type.
// An IPv4-mapped address (::ffff:10.0.0.1) is an IPv6 address, as the
// kernel takes and lists it. Two kernel rules are not linx's to lift: a
// leg whose device is down (listed "dead") cannot be added again, the
// kernel refusing a gateway it cannot reach (ENETUNREACH for IPv4,
// EHOSTUNREACH for IPv6); and a route
// through a blackhole nexthop object is listed with type blackhole but is
// a unicast route (Writable says so).
//
// # Delete
//
// A delete names a route by what it gives; what it leaves out matches
// anything (Delete sends scope RT_SCOPE_NOWHERE, protocol and type 0
// unless given). The kernel compares, for IPv4 (fib_table_delete and
// fib_nh_match in net/ipv4/fib_semantics.c): destination, table and tos
// always; type, scope, protocol, preferred source and metric when given;
// the metrics (RTA_METRICS) when given; and the next hops. A route through
// a nexthop object (nhid) matches only a delete that gives its id, or one
// that gives no gateway, device and legs at all: the gateway and device a
// listing shows for it are its object's, and giving them fails with
// ESRCH. For IPv6 (ip6_route_del in net/ipv6/route.c): destination,
// source prefix, table and metric; an nhid route matches a delete that
// gives its id or none, gateway and device given are not compared with
// it; other routes match on gateway and device when given. linx follows
// both by sending a delete with NHID as the id alone (no gateway, Via,
// Dev or legs), so the words of a listing delete exactly the route
// listed. A delete that matches nothing fails with ESRCH.
//
// # Dumps under churn
//
// A dump is not a snapshot. When the kernel notices that a table changed
// while it was dumping, it marks the dump (NLM_F_DUMP_INTR) and List and
// All end with an error wrapping nlsock.ErrDumpInterrupted. The IPv6 FIB
// does not: its dump walks the route tree in several passes and, when
// routes were added or removed between two passes, resumes by counting
// routes from where it stopped (fib6_dump_table in net/ipv6/ip6_fib.c), so
// under churn an IPv6 listing can repeat some routes and miss others with
// no flag and no error. Where an exact IPv6 view matters, dump while the
// table is quiet, dump twice and compare, or follow changes with a monitor
// started before the dump.
package route
