// Package neigh lists neighbour (ARP and NDP) entries (`ip neigh show`):
// RTM_GETNEIGH dumps decoded into rtnl.Neigh, filtered by the kernel.
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
	return dump.All[rtnl.Neigh](ctx, conn, f.request())
}

// List returns the entries matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Neigh, error) {
	return dump.List[rtnl.Neigh](ctx, conn, f.request())
}
