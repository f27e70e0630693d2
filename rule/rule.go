// Package rule lists and changes policy routing rules (`ip rule`):
// RTM_GETRULE dumps decoded into rtnl.Rule, and Client.Add, Delete and
// Flush, whose Options (selectors and the action) set fields of the
// rtnl.Rule they send.
//
// A message that does not decode ends neither All nor List: All yields it,
// decoded in part, with its *nlwire.DecodeError and goes on (only an error
// that ends the dump comes with a nil value); List returns it among the
// others and an error that errors.As finds as nlwire.DecodeErrors, one per
// bad message.
package rule

import (
	"context"
	"iter"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects rules. The kernel filters rule dumps by family only (it
// rejects attributes in a rule dump request); the other fields are
// applied here. A zero field matches anything.
type Filter struct {
	Family   rtnl.Family   // AF_INET or AF_INET6; 0 for every family (also the multicast routing rules, RTNL_FAMILY_IPMR and RTNL_FAMILY_IP6MR)
	Table    rtnl.Table    // rules looking up this table
	Protocol rtnl.Protocol // FRA_PROTOCOL
}

// keep applies what the kernel does not filter.
func (f Filter) keep() func(*rtnl.Rule) bool {
	if f.Table == 0 && f.Protocol == 0 {
		return nil
	}
	return func(r *rtnl.Rule) bool {
		return (f.Table == 0 || Table(r) == uint32(f.Table)) &&
			(f.Protocol == 0 || r.Has(rtnl.FRA_PROTOCOL) && r.Protocol == f.Protocol)
	}
}

func (f Filter) request() []byte {
	var req rtnl.Rule
	req.Header.Family = f.Family
	return req.Append(nil)
}

// All streams the rules matching f through one reused value, valid until the
// next iteration.
func All(ctx context.Context, conn *nlsock.Conn, f Filter) iter.Seq2[*rtnl.Rule, error] {
	return dump.AllWhere[rtnl.Rule](ctx, conn, f.request(), f.keep())
}

// List returns the rules matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Rule, error) {
	return dump.ListWhere[rtnl.Rule](ctx, conn, f.request(), f.keep())
}

// All streams the rules matching f through one reused value, valid until
// the next iteration.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Rule, error] {
	return All(ctx, c.conn, f)
}

// List returns the rules matching f.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.Rule, error) {
	return List(ctx, c.conn, f)
}

// Table is the table a rule looks up: FRA_TABLE when present (tables above
// 255), else the header byte.
func Table(r *rtnl.Rule) uint32 {
	if r.Has(rtnl.FRA_TABLE) {
		return uint32(r.Table)
	}
	return uint32(r.Header.Table)
}
