package neigh

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/client"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Add adds a neighbour entry for dst on interface ifindex, as `ip neigh add
// DST dev DEV`: state permanent unless State says otherwise, typically with
// LLAddr. It fails with EEXIST when the entry exists
// (NLM_F_CREATE|NLM_F_EXCL).
func (c *Client) Add(ctx context.Context, ifindex uint32, dst netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbAdd, ifindex, dst, nil, opts)
}

// Replace adds the entry or overwrites an existing one
// (NLM_F_CREATE|NLM_F_REPLACE), as `ip neigh replace`.
func (c *Client) Replace(ctx context.Context, ifindex uint32, dst netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbReplace, ifindex, dst, nil, opts)
}

// Change overwrites an existing entry, failing with ENOENT when there is
// none (NLM_F_REPLACE without NLM_F_CREATE), as `ip neigh change`.
func (c *Client) Change(ctx context.Context, ifindex uint32, dst netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbChange, ifindex, dst, nil, opts)
}

// Delete removes the entry for dst on ifindex (with Proxy: the proxy
// entry), as `ip neigh del`. A missing entry fails with ENOENT.
func (c *Client) Delete(ctx context.Context, ifindex uint32, dst netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbDelete, ifindex, dst, nil, opts)
}

// AddFDB adds a bridge forwarding database entry for mac on port (a bridge
// port, or a vxlan device), as `bridge fdb add MAC dev PORT`: family
// AF_BRIDGE, NTF_SELF unless Master is given, state permanent (NUD_NOARP
// added, as bridge(8) does) unless State says otherwise. Options VLAN, Dst,
// VNI, Port, NHID, Sticky, ExternLearn narrow or extend it.
func (c *Client) AddFDB(ctx context.Context, port uint32, mac net.HardwareAddr, opts ...Option) error {
	if err := checkMAC(mac); err != nil {
		return err
	}
	return c.modify(ctx, verbAdd, port, netip.Addr{}, mac, opts)
}

// ReplaceFDB adds or overwrites an FDB entry, as `bridge fdb replace`.
func (c *Client) ReplaceFDB(ctx context.Context, port uint32, mac net.HardwareAddr, opts ...Option) error {
	if err := checkMAC(mac); err != nil {
		return err
	}
	return c.modify(ctx, verbReplace, port, netip.Addr{}, mac, opts)
}

// DeleteFDB removes an FDB entry, as `bridge fdb del`; give the same
// Master/Self and VLAN as when it was added.
func (c *Client) DeleteFDB(ctx context.Context, port uint32, mac net.HardwareAddr, opts ...Option) error {
	if err := checkMAC(mac); err != nil {
		return err
	}
	return c.modify(ctx, verbDelete, port, netip.Addr{}, mac, opts)
}

// checkMAC checks an FDB entry's MAC address.
func checkMAC(mac net.HardwareAddr) error {
	if len(mac) != 6 {
		return fmt.Errorf("neigh: an FDB entry needs a 6-byte MAC address, not %d bytes", len(mac))
	}
	return nil
}

type verb struct {
	name  string
	typ   uint16
	flags uint16
	del   bool
	op    string // the request's name in errors, before the address
	fdbOp string // the same for an FDB entry, before the MAC address
}

// neighMsg is the schema's neigh message: the requests' RTM_NEWNEIGH and RTM_DELNEIGH
// come from it.
var neighMsg = (*rtnl.Neigh)(nil).MessageInfo()

var (
	verbAdd     = verb{"add", neighMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_EXCL, false, "neighbour add", "fdb add"}
	verbReplace = verb{"replace", neighMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_REPLACE, false, "neighbour replace", "fdb replace"}
	verbChange  = verb{"change", neighMsg.NewType, unix.NLM_F_REPLACE, false, "neighbour change", "fdb change"}
	verbDelete  = verb{"del", neighMsg.DelType, 0, true, "neighbour del", "fdb del"}
)

// scratch is the memory of one request being built and sent, reused
// through scratchPool: an Option is a function the compiler cannot see
// into, so the request handed to it escapes to the heap, and without reuse
// every call would allocate it and its message.
type scratch struct {
	req request
	msg rtnl.Neigh
	buf []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Request builds the message a verb ("add", "replace", "change" or "del")
// would send for dst on ifindex, without sending it.
func Request(name string, ifindex uint32, dst netip.Addr, opts ...Option) (*rtnl.Neigh, error) {
	for _, v := range []verb{verbAdd, verbReplace, verbChange, verbDelete} {
		if v.name == name || name == "delete" && v.del {
			m := new(rtnl.Neigh)
			q := &request{msg: m}
			if err := q.build(v, ifindex, dst, nil, opts); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	return nil, errors.New("neigh: unknown verb " + name)
}

// modify sends v's request: about dst, or with mac not nil about the FDB
// entry of mac.
func (c *Client) modify(ctx context.Context, v verb, ifindex uint32, dst netip.Addr, mac net.HardwareAddr, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: &s.msg}
	if err := s.req.build(v, ifindex, dst, mac, opts); err != nil {
		return err
	}
	s.buf = s.msg.Append(s.buf[:0])
	err := c.conn.Execute(ctx, v.op, v.typ, v.flags, s.buf)
	if mac != nil {
		return client.Named(err, v.op, mac.String)
	}
	return client.Named(err, v.op, dst.String)
}

// build fills q.msg: the options, then the interface, the family (decided
// once) and the address, then the defaults. A non-nil mac makes it an FDB
// request.
func (q *request) build(v verb, ifindex uint32, dst netip.Addr, mac net.HardwareAddr, opts []Option) error {
	m := q.msg
	m.Reset()
	q.fdb = mac != nil
	if ifindex == 0 || ifindex > 1<<31-1 {
		return fmt.Errorf("neigh: interface index %d is not an interface", ifindex)
	}
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("neigh: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	m.Header.Ifindex = int32(ifindex)
	h := &m.Header
	if q.fdb {
		if err := checkMAC(mac); err != nil {
			return err
		}
		h.Family = rtnl.AF_BRIDGE
		m.LLAddr = append(m.LLAddr[:0], mac...)
		m.SetPresent(rtnl.NDA_LLADDR)
		if h.Flags&(rtnl.NTF_SELF|rtnl.NTF_MASTER) == 0 {
			h.Flags |= rtnl.NTF_SELF
		}
		if !q.stateGiven {
			h.State = rtnl.NUD_NOARP | rtnl.NUD_PERMANENT
		}
		return nil
	}
	switch {
	case !dst.IsValid():
		return errors.New("neigh: invalid neighbour address")
	case dst.Is4In6():
		return fmt.Errorf("neigh: %s is an IPv4-mapped IPv6 address; use %s for IPv4", dst, dst.Unmap())
	case dst.Is4():
		h.Family = rtnl.AF_INET
	default:
		h.Family = rtnl.AF_INET6
	}
	m.SetDst(dst.WithZone(""))
	if h.Flags&rtnl.NTF_ROUTER != 0 && h.Family != rtnl.AF_INET6 {
		return errors.New("neigh: router applies to IPv6 neighbours only")
	}
	if h.Flags&rtnl.NTF_PROXY != 0 {
		if m.Has(rtnl.NDA_LLADDR) || q.stateGiven {
			return errors.New("neigh: a proxy entry has no link-layer address and no state")
		}
		return nil
	}
	if !q.stateGiven && !v.del {
		h.State = rtnl.NUD_PERMANENT
	}
	return nil
}

// Flush removes the entries f matches, as `ip neigh flush`, and returns how
// many it removed. With f.State 0 it matches every state but permanent and
// noarp, as ip's flush does; give the states to flush otherwise (e.g.
// rtnl.NUD_PERMANENT). Entries that vanish in between are not an error.
func (c *Client) Flush(ctx context.Context, f Filter) (int, error) {
	want := f.State
	match := func(s rtnl.NeighState) bool {
		if want == 0 {
			return s == 0 || s&^(rtnl.NUD_PERMANENT|rtnl.NUD_NOARP) != 0
		}
		return s&want != 0
	}
	f.State = 0
	var b nlsock.Batch
	var del rtnl.Neigh
	for n, err := range c.All(ctx, f) {
		if n == nil {
			return 0, err
		}
		if err != nil || !match(n.Header.State) && n.Header.Flags&rtnl.NTF_PROXY == 0 {
			continue
		}
		del.Reset()
		del.Header = n.Header
		if n.Has(rtnl.NDA_DST) {
			del.SetDst(n.Dst)
		}
		if n.Header.Family == rtnl.AF_BRIDGE {
			if n.Has(rtnl.NDA_LLADDR) {
				del.SetLLAddr(n.LLAddr)
			}
			if n.Has(rtnl.NDA_VLAN) {
				del.SetVLAN(n.VLAN)
			}
		}
		b.End(del.Append(b.Begin(neighMsg.DelType, 0)))
	}
	return client.Flush(ctx, c.conn, "neighbour flush", &b, unix.ENOENT, unix.ENODEV)
}
