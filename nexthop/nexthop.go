// Package nexthop lists and changes nexthop objects (`ip nexthop`):
// RTM_GETNEXTHOP dumps decoded into rtnl.NexthopObj, filtered by the
// kernel, and Client.Get, Add, Replace, Delete and Flush, whose Options set
// fields of the rtnl.NexthopObj they send.
//
// A message that does not decode ends neither All nor List: All yields it,
// decoded in part, with its *nlwire.DecodeError and goes on (only an error
// that ends the dump comes with a nil value); List returns it among the
// others and an error that errors.As finds as nlwire.DecodeErrors, one per
// bad message.
package nexthop

import (
	"context"
	"iter"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects nexthop objects; the kernel applies it (nexthop dump
// replies are never marked NLM_F_DUMP_FILTERED). A zero field matches
// anything.
type Filter struct {
	Family rtnl.Family // AF_INET or AF_INET6 (this excludes groups, which have no family)
	OIF    uint32      // nexthops through this interface
	Master uint32      // nexthops whose device is a port of this master device (ifindex)
	Groups bool        // groups only
	FDB    bool        // FDB nexthops only (checked here too: kernels ignore it in dumps)
}

// keep re-checks FDB, which the kernel accepts in a dump request but does
// not apply (nh_dump_filtered never tests it).
func (f Filter) keep() func(*rtnl.NexthopObj) bool {
	if !f.FDB {
		return nil
	}
	return func(n *rtnl.NexthopObj) bool { return n.Has(rtnl.NHA_FDB) }
}

func (f Filter) request() []byte {
	var req rtnl.NexthopObj
	req.Header.Family = f.Family
	if f.OIF != 0 {
		req.SetOIF(f.OIF)
	}
	if f.Master != 0 {
		req.SetMaster(f.Master)
	}
	if f.Groups {
		req.SetGroups()
	}
	if f.FDB {
		req.SetFDB()
	}
	return req.Append(nil)
}

// All streams the nexthops matching f through one reused value, valid until
// the next iteration.
func All(ctx context.Context, conn *nlsock.Conn, f Filter) iter.Seq2[*rtnl.NexthopObj, error] {
	return dump.AllWhere[rtnl.NexthopObj](ctx, conn, f.request(), f.keep())
}

// List returns the nexthops matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.NexthopObj, error) {
	return dump.ListWhere[rtnl.NexthopObj](ctx, conn, f.request(), f.keep())
}

// All streams the nexthops matching f through one reused value, valid
// until the next iteration.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.NexthopObj, error] {
	return All(ctx, c.conn, f)
}

// List returns the nexthops matching f.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.NexthopObj, error) {
	return List(ctx, c.conn, f)
}

// Weight is a group member's weight as ip(8) shows it: weight+1, with the
// high byte newer kernels send.
func Weight(g rtnl.NexthopGrp) int { return int(g.Weight) + int(g.WeightHigh)<<8 + 1 }
