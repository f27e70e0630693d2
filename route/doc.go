// Package route gives the `ip route` verbs over rtnetlink: list (all at once
// or streamed), get, add, add-default, replace, delete and delete-default.
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
