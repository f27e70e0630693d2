// Package link lists network interfaces (`ip link show`): RTM_GETLINK dumps
// decoded into rtnl.Link, with the filters the kernel applies itself; and
// changes them (`ip link set|add|del`): Client.Set with Options (Up, MTU,
// Master, NetNS, ...), Client.Add of a Kind (Veth, Bridge, Macvlan, Vxlan,
// IFB, Dummy, Vlan, Vrf, Bond) with its settings from the schema's
// IFLA_INFO_DATA, Client.Delete. Request builds a verb's message without
// sending it.
//
// A message that does not decode ends neither All nor List: All yields it,
// decoded in part, with its *nlwire.DecodeError and goes on (only an error
// that ends the dump comes with a nil value); List returns it among the
// others and an error that errors.As finds as nlwire.DecodeErrors, one per
// bad message.
package link

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects links; the kernel applies it. A zero field matches anything.
type Filter struct {
	Master uint32 // only ports of this master (bridge, bond, VRF) ifindex
	Kind   string // only links of this IFLA_INFO_KIND, e.g. "veth", "bridge"
	// Family AF_INET6 asks for IPv6's view of the links (the links with
	// IPv6 state, as `ip -6 addr` reads them): index, name, flags, MTU,
	// operstate, link address and IFLA_PROTINFO, no qdisc, group, peer
	// or nsid. The kernel ignores Master and Kind then. 0 (or AF_INET,
	// which has no view of its own) is the full link.
	Family rtnl.Family
}

// keep re-checks Kind: a kernel without the kind's driver ignores the
// filter (without marking replies filtered) and sends every link.
func (f Filter) keep() func(*rtnl.Link) bool {
	if f.Kind == "" {
		return nil
	}
	return func(l *rtnl.Link) bool { return string(l.LinkInfo.Kind) == f.Kind }
}

func (f Filter) request() []byte {
	var req rtnl.Link
	req.Header.Family = f.Family
	if f.Master != 0 {
		req.SetMaster(f.Master)
	}
	if f.Kind != "" {
		req.LinkInfo.SetKind(f.Kind) // sends IFLA_LINKINFO, which now holds an attribute
	}
	return req.Append(nil)
}

// All streams the links matching f through one reused value, valid until the
// next iteration.
func All(ctx context.Context, conn *nlsock.Conn, f Filter) iter.Seq2[*rtnl.Link, error] {
	return dump.AllWhere[rtnl.Link](ctx, conn, f.request(), f.keep())
}

// List returns the links matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Link, error) {
	return dump.ListWhere[rtnl.Link](ctx, conn, f.request(), f.keep())
}

// Get returns one link by index (when index > 0) or by name, like
// `ip link show dev NAME`. An unknown link fails with ENODEV.
func Get(ctx context.Context, conn *nlsock.Conn, index int32, name string) (*rtnl.Link, error) {
	if index <= 0 && name == "" {
		return nil, errors.New("link: Get needs an index or a name")
	}
	var req rtnl.Link
	req.Header.Index = index
	if index <= 0 && name != "" {
		req.SetIfName(name)
	}
	op := req.MessageInfo().GetName
	if name != "" {
		op += " " + name
	}
	return dump.One[rtnl.Link](ctx, conn, op, req.Append(nil))
}

// All streams the links matching f through one reused value, valid until
// the next iteration.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Link, error] {
	return All(ctx, c.conn, f)
}

// List returns the links matching f.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.Link, error) {
	return List(ctx, c.conn, f)
}

// Get returns the link of interface index ifindex, like `ip link show dev
// DEV`; an unknown index fails with ENODEV.
func (c *Client) Get(ctx context.Context, ifindex uint32) (*rtnl.Link, error) {
	if ifindex == 0 || ifindex > math.MaxInt32 {
		return nil, fmt.Errorf("link: interface index %d is not an interface", ifindex)
	}
	return Get(ctx, c.conn, int32(ifindex), "")
}

// GetByName returns the link named name; an unknown name fails with ENODEV.
func (c *Client) GetByName(ctx context.Context, name string) (*rtnl.Link, error) {
	if name == "" {
		return nil, errors.New("link: GetByName needs a name")
	}
	return Get(ctx, c.conn, 0, name)
}

// Index is a link's interface index in the type every resource package
// takes (route.Dev, addr.Client.Add, ...): uint32.
func Index(l *rtnl.Link) uint32 { return uint32(l.Header.Index) }
