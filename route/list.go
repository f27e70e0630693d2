package route

import (
	"context"
	"iter"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
)

// Filter selects routes. The kernel applies it (NETLINK_GET_STRICT_CHK), so
// unmatched routes never cross the socket. A zero field matches anything.
type Filter struct {
	Family   rtnl.Family    // AF_INET or AF_INET6; 0 for both
	Table    rtnl.Table     // a table id; 0 for every table
	Protocol rtnl.Protocol  // e.g. RTPROT_STATIC; 0 for any
	Type     rtnl.RouteType // e.g. RTN_BLACKHOLE; 0 for any
	OIF      uint32         // output interface index; 0 for any
}

// request encodes the dump request carrying the filter.
func (f Filter) request(b []byte) []byte {
	var req rtnl.Route
	req.Header.Family = f.Family
	req.Header.Protocol = f.Protocol
	req.Header.Type = f.Type
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

// All streams the routes matching f. The yielded *rtnl.Route is reused: it is
// valid only until the next iteration (r.Clone() keeps a copy). Memory stays
// constant however many routes there are. An error ends the stream;
// errors.Is(err, nlsock.ErrDumpInterrupted) means the table changed during
// the dump and the routes seen are not a consistent snapshot.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Route, error] {
	return dump.All[rtnl.Route](ctx, c.conn, "RTM_GETROUTE", uint16(rtnl.RTM_GETROUTE), uint16(rtnl.RTM_NEWROUTE), f.request(nil))
}

// List returns every route matching f. Each route owns its memory.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.Route, error) {
	return dump.List[rtnl.Route](ctx, c.conn, "RTM_GETROUTE", uint16(rtnl.RTM_GETROUTE), uint16(rtnl.RTM_NEWROUTE), f.request(nil))
}
