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
package route
