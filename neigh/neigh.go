// Package neigh lists and changes neighbour (ARP and NDP) entries and bridge
// FDB entries (`ip neigh`, `bridge fdb`): RTM_GETNEIGH dumps decoded into
// rtnl.Neigh, filtered by the kernel, and Client.Add, Replace, Change,
// Delete, Flush, AddFDB, ReplaceFDB and DeleteFDB, whose Options set fields
// of the rtnl.Neigh they send.
//
// A message that does not decode ends neither All nor List: All yields it,
// decoded in part, with its *nlwire.DecodeError and goes on (only an error
// that ends the dump comes with a nil value); List returns it among the
// others and an error that errors.As finds as nlwire.DecodeErrors, one per
// bad message.
package neigh

import (
	"context"
	"iter"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects neighbour entries; the kernel applies it. A zero field
// matches anything.
type Filter struct {
	Family  rtnl.Family // AF_INET, AF_INET6 or AF_BRIDGE (FDB)
	Ifindex uint32      // entries on this interface
	Master  uint32      // entries on ports of this master
	Proxy   bool        // list proxy entries (ip neigh show proxy) instead
	// State matches entries with any of these states (applied here; 0:
	// any). Flush gives 0 its own meaning, as ip's flush.
	State rtnl.NeighState
}

// keep applies what the kernel does not filter.
func (f Filter) keep() func(*rtnl.Neigh) bool {
	if f.State == 0 {
		return nil
	}
	return func(n *rtnl.Neigh) bool { return n.Header.State&f.State != 0 }
}

func (f Filter) request() []byte {
	var req rtnl.Neigh
	req.Header.Family = f.Family
	if f.Ifindex != 0 {
		// Strict checking rejects an index in the header of a dump
		// request; the kernel filters by NDA_IFINDEX.
		req.SetIfindex(f.Ifindex)
	}
	if f.Master != 0 {
		req.SetMaster(f.Master)
	}
	if f.Proxy {
		req.Header.Flags = rtnl.NTF_PROXY
	}
	return req.Append(nil)
}

// All streams the entries matching f through one reused value, valid until
// the next iteration.
func All(ctx context.Context, conn *nlsock.Conn, f Filter) iter.Seq2[*rtnl.Neigh, error] {
	return dump.AllWhere[rtnl.Neigh](ctx, conn, f.request(), f.keep())
}

// List returns the entries matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Neigh, error) {
	return dump.ListWhere[rtnl.Neigh](ctx, conn, f.request(), f.keep())
}

// All streams the entries matching f through one reused value, valid
// until the next iteration.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Neigh, error] {
	return All(ctx, c.conn, f)
}

// List returns the entries matching f.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.Neigh, error) {
	return List(ctx, c.conn, f)
}
