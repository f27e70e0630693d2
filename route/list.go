package route

import (
	"context"
	"iter"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
)

// Filter selects routes. The kernel applies it (NETLINK_GET_STRICT_CHK), so
// unmatched routes never cross the socket; on kernels before 4.20, which
// ignore dump filters, it is applied here instead. A zero field matches
// anything.
type Filter struct {
	Family   rtnl.Family    // AF_INET or AF_INET6; 0 for both
	Table    rtnl.Table     // a table id; 0 for every table
	Protocol rtnl.Protocol  // e.g. RTPROT_STATIC; 0 for any
	Type     rtnl.RouteType // e.g. RTN_BLACKHOLE; 0 for any
	OIF      uint32         // output interface index; 0 for any
	// Cloned dumps the route cache instead of the routes: the exceptions
	// the kernel made (IPv4 next-hop exceptions, IPv6 RTF_CACHE routes:
	// learned path MTUs, redirects), as `ip route show cache`
	// (RTM_F_CLONED).
	Cloned bool
}

// request encodes the dump request carrying the filter.
func (f Filter) request(b []byte) []byte {
	var req rtnl.Route
	req.Header.Family = f.Family
	req.Header.Protocol = f.Protocol
	req.Header.Type = f.Type
	if f.Cloned {
		req.Header.Flags = rtnl.RTM_F_CLONED
	}
	if f.Table != 0 {
		if f.Table <= 255 {
			req.Header.Table = uint8(f.Table)
		}
		req.SetTable(f.Table)
	}
	if f.OIF != 0 {
		req.SetOIF(f.OIF)
	}
	return req.Append(b)
}

// keep applies f on this side, for kernels without strict checking (before
// 4.20), which ignore the filters in a dump request.
func (f Filter) keep(conn interface{ StrictCheck() bool }) func(*rtnl.Route) bool {
	if conn.StrictCheck() || f == (Filter{}) {
		return nil
	}
	return func(r *rtnl.Route) bool {
		if f.Family != 0 && r.Header.Family != f.Family ||
			f.Table != 0 && TargetTable(r) != uint32(f.Table) ||
			f.Protocol != 0 && r.Header.Protocol != f.Protocol ||
			f.Type != 0 && r.Header.Type != f.Type ||
			f.Cloned != (r.Header.Flags&rtnl.RTM_F_CLONED != 0) {
			return false
		}
		if f.OIF == 0 || r.Has(rtnl.RTA_OIF) && r.OIF == f.OIF {
			return true
		}
		for i := range r.Multipath {
			if uint32(r.Multipath[i].Header.Ifindex) == f.OIF {
				return true
			}
		}
		return false
	}
}

// All streams the routes matching f. The yielded *rtnl.Route is reused: it is
// valid only until the next iteration (r.Clone() keeps a copy). Memory stays
// constant however many routes there are. A route that does not decode
// does not end the stream: it is yielded, decoded in part (a malformed
// attribute kept raw in Unknown), with its *nlwire.DecodeError (which
// message, attribute and offset), and the routes after it follow. Any
// other error comes with a nil route and ends the stream;
// errors.Is(err, nlsock.ErrDumpInterrupted) means the table changed during
// the dump and the routes seen are not a consistent snapshot. The Client is
// busy until the loop ends: a request on the same Client from inside the
// loop waits until its context ends (use a second Client).
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Route, error] {
	return dump.AllWhere[rtnl.Route](ctx, c.conn, f.request(nil), f.keep(c.conn))
}

// List returns every route matching f, each in its owned compact form,
// rtnl.RouteCompact: the common fields of an ordinary unicast route (table,
// destination, gateway, device, metric, preferred source, and for IPv6 pref
// and cache info) as plain fields in 152 bytes; a route carrying anything
// more keeps its whole attribute set as well, behind one pointer, so
// r.Route() gives back exactly what the kernel sent (attributes, order,
// unknown bytes). A full rtnl.Route is much larger (every attribute,
// encapsulation variant and metric has a field of its own): use ListFull
// for small tables you want as rtnl.Route values, All to stream. Routes that
// do not decode are returned too, decoded in part, and the error then lists
// them: errors.As(err, &nlwire.DecodeErrors{}) finds one *nlwire.DecodeError
// per bad route (joined with the error that ended the dump early, if any).
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.RouteCompact, error) {
	return dump.ListCompactWhere[rtnl.Route, rtnl.RouteCompact](ctx, c.conn, f.request(nil), f.keep(c.conn))
}

// ListFull is List with every route as a full rtnl.Route, each owning its
// memory. Errors are as List's.
func (c *Client) ListFull(ctx context.Context, f Filter) ([]rtnl.Route, error) {
	return dump.ListWhere[rtnl.Route](ctx, c.conn, f.request(nil), f.keep(c.conn))
}
