// Package route gives the `ip route` verbs over rtnetlink: list (all at once
// or streamed), get, add, add-default, replace, delete and delete-default.
//
// Routes are the generated rtnl.Route values, so a route from List, from Get
// and from a monitor event are the same type with the same fields. Addresses
// are net/netip values; the address family (IPv4 or IPv6) is taken from the
// addresses, and mixing families in one request is an error reported before
// anything is sent. Kernel errors keep their errno: errors.Is(err,
// unix.EEXIST), unix.ESRCH, unix.ENETUNREACH, ...
//
//	c, err := route.Open()
//	...
//	defer c.Close()
//	for r, err := range c.All(ctx, route.Filter{Table: rtnl.RT_TABLE_MAIN}) {
//		...
//	}
package route
