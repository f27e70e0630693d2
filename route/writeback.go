package route

import (
	"context"
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Writable is the request that writes back route r as listed (by List,
// All, Get or a monitor event): a copy without what the kernel reports but
// does not accept. It drops RTA_CACHEINFO and the state flags the kernel
// sets itself (dead, linkdown, offload, trap, cloned, ... on the route
// and on its legs: an add carrying dead or linkdown is refused), keeping
// onlink and pervasive; and for an nhid route, the gateway, device and
// legs of its nexthop object, which the kernel lists with the route but
// refuses with the id (and the type blackhole it lists for a route
// through a blackhole object: the route is unicast). An expiring IPv6 route's time left (listed in
// RTA_CACHEINFO, in ticks of 1/100 s) becomes RTA_EXPIRES in seconds, so
// the route re-added expires when the listed one would have. Add, Delete and Replace the
// result with AddRoute, DeleteRoute, ReplaceRoute or a Batch.
func Writable(r *rtnl.Route) rtnl.Route {
	w := r.Clone()
	const keep = rtnl.RouteFlags(rtnl.RTNH_F_ONLINK | rtnl.RTNH_F_PERVASIVE)
	w.Header.Flags &= keep
	if w.Header.Family == rtnl.AF_INET6 && w.Has(rtnl.RTA_CACHEINFO) && w.CacheInfo.Expires > 0 && !w.Has(rtnl.RTA_EXPIRES) {
		// An expiring IPv6 route lists its time left in rta_cacheinfo
		// (clock ticks of USER_HZ, 100 a second), never as RTA_EXPIRES.
		setExpires(&w, uint32(max(1, w.CacheInfo.Expires/100)))
	}
	w.Unset(rtnl.RTA_CACHEINFO)
	if w.Has(rtnl.RTA_NH_ID) {
		if w.Header.Type == rtnl.RTN_BLACKHOLE {
			// A route through a blackhole nexthop object is listed as a
			// blackhole route; it is a unicast route.
			w.Header.Type = rtnl.RTN_UNICAST
		}
		for _, id := range []uint16{rtnl.RTA_GATEWAY, rtnl.RTA_VIA, rtnl.RTA_OIF, rtnl.RTA_MULTIPATH, rtnl.RTA_FLOW, rtnl.RTA_ENCAP, rtnl.RTA_ENCAP_TYPE} {
			w.Unset(id)
		}
	}
	for i := range w.Multipath {
		w.Multipath[i].Header.Flags &= rtnl.RTNH_F_ONLINK | rtnl.RTNH_F_PERVASIVE
	}
	return w
}

// AddRoute installs the fully built route r (NLM_F_CREATE|NLM_F_EXCL), as
// Writable or Request make it.
func (c *Client) AddRoute(ctx context.Context, r *rtnl.Route) error {
	return c.modifyRoute(ctx, verbAdd, r)
}

// ReplaceRoute installs r, replacing the route of the same key
// (NLM_F_CREATE|NLM_F_REPLACE).
func (c *Client) ReplaceRoute(ctx context.Context, r *rtnl.Route) error {
	return c.modifyRoute(ctx, verbReplace, r)
}

// DeleteRoute deletes the route r describes; the kernel compares what r
// carries (see the package doc, "Delete"). Writable(listed) deletes
// exactly the listed route.
func (c *Client) DeleteRoute(ctx context.Context, r *rtnl.Route) error {
	return c.modifyRoute(ctx, verbDelete, r)
}

func (c *Client) modifyRoute(ctx context.Context, v verb, r *rtnl.Route) error {
	if r == nil {
		return errors.New(v.op + ": nil route")
	}
	if f := r.Header.Family; f != rtnl.AF_INET && f != rtnl.AF_INET6 {
		return errors.New(v.op + ": route family " + f.String() + " is neither AF_INET nor AF_INET6")
	}
	err := c.conn.Execute(ctx, v.op, v.typ, v.flags, r.Append(nil))
	dst := Destination(r)
	if dst.Bits() == 0 {
		dst = netip.Prefix{}
	}
	return v.named(err, dst)
}
