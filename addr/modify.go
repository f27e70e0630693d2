package addr

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/client"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Add adds the address local/len (prefix p; its host bits are the address)
// to interface ifindex, as `ip addr add P dev DEV`. It fails with EEXIST when
// the interface has the address already (NLM_F_CREATE|NLM_F_EXCL).
func (c *Client) Add(ctx context.Context, ifindex uint32, p netip.Prefix, opts ...Option) error {
	return c.modify(ctx, verbAdd, ifindex, p, opts)
}

// Replace adds the address or, when the interface has it, changes it in
// place (NLM_F_CREATE|NLM_F_REPLACE), as `ip addr replace`: e.g. to renew
// its lifetimes.
func (c *Client) Replace(ctx context.Context, ifindex uint32, p netip.Prefix, opts ...Option) error {
	return c.modify(ctx, verbReplace, ifindex, p, opts)
}

// Delete removes the address p from interface ifindex, as `ip addr del P
// dev DEV`; PeerAddress and Label narrow the match. An address the interface
// lacks fails with EADDRNOTAVAIL.
func (c *Client) Delete(ctx context.Context, ifindex uint32, p netip.Prefix, opts ...Option) error {
	return c.modify(ctx, verbDelete, ifindex, p, opts)
}

type verb struct {
	name  string
	op    string // the request's name in errors, before the address
	typ   uint16
	flags uint16
}

// addrMsg is the schema's addr message: the requests' RTM_NEWADDR and RTM_DELADDR
// come from it.
var addrMsg = (*rtnl.Addr)(nil).MessageInfo()

var (
	verbAdd     = verb{"add", "address add", addrMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_EXCL}
	verbReplace = verb{"replace", "address replace", addrMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_REPLACE}
	verbDelete  = verb{"del", "address del", addrMsg.DelType, 0}
)

// scratch is the memory of one request being built and sent, reused
// through scratchPool: an Option is a function the compiler cannot see
// into, so the request handed to it escapes to the heap, and without reuse
// every call would allocate it and its message.
type scratch struct {
	req request
	msg rtnl.Addr
	buf []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Request builds the message a verb ("add", "replace" or "del") would
// send, without sending it.
func Request(name string, ifindex uint32, p netip.Prefix, opts ...Option) (*rtnl.Addr, error) {
	for _, v := range []verb{verbAdd, verbReplace, verbDelete} {
		if v.name == name || name == "delete" && v.name == "del" {
			m := new(rtnl.Addr)
			q := &request{msg: m}
			if err := q.build(ifindex, p, opts); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	return nil, errors.New("addr: unknown verb " + name)
}

func (c *Client) modify(ctx context.Context, v verb, ifindex uint32, p netip.Prefix, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: &s.msg}
	if err := s.req.build(ifindex, p, opts); err != nil {
		return err
	}
	s.buf = s.msg.Append(s.buf[:0])
	return client.Named(c.conn.Execute(ctx, v.op, v.typ, v.flags, s.buf), v.op, p.String)
}

// build fills q.msg with the request: the options, then the address and
// family (decided once, from p), then what follows from them.
func (q *request) build(ifindex uint32, p netip.Prefix, opts []Option) error {
	m := q.msg
	m.Reset()
	switch {
	case ifindex == 0:
		return errors.New("addr: interface index 0 is not an interface")
	case !p.IsValid():
		return errors.New("addr: invalid address prefix")
	case p.Addr().Is4In6():
		return fmt.Errorf("addr: %s is an IPv4-mapped IPv6 address; use %s for IPv4", p.Addr(), p.Addr().Unmap())
	}
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("addr: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	local := p.Addr().WithZone("")
	m.Header.Index = ifindex
	m.Header.PrefixLen = uint8(p.Bits())
	m.Header.Family = rtnl.AF_INET6
	if local.Is4() {
		m.Header.Family = rtnl.AF_INET
	}
	m.SetLocal(local)
	if !m.Has(rtnl.IFA_ADDRESS) {
		m.SetAddress(local)
	} else if m.Address.Is4() != local.Is4() {
		return fmt.Errorf("addr: peer %s and address %s are of different families", m.Address, local)
	}
	if m.Has(rtnl.IFA_BROADCAST) && !local.Is4() {
		return errors.New("addr: broadcast applies to IPv4 addresses only")
	}
	if q.brdAuto {
		if !local.Is4() {
			return errors.New("addr: broadcast applies to IPv4 addresses only")
		}
		if p.Bits() <= 30 {
			m.SetBroadcast(lastAddr(p))
		}
	}
	if m.Has(rtnl.IFA_LABEL) && !local.Is4() {
		return errors.New("addr: labels apply to IPv4 addresses only")
	}
	if q.flags != 0 {
		m.Header.Flags = uint8(q.flags)
		m.SetFlags(q.flags)
	}
	return nil
}

// lastAddr is the address of p with every host bit set (p is IPv4).
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v |= ^uint32(0) >> p.Bits()
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// Flush removes every address that f matches, as `ip addr flush`, and
// returns how many deletes succeeded. The addresses are listed, then
// deleted in one batch; an address that vanished in between is not an
// error. Deleting a primary IPv4 address takes its secondaries with it
// (unless net.ipv4.conf.DEV.promote_secondaries): those are not counted. With a
// zero Filter it removes every address of every interface, loopback
// included.
func (c *Client) Flush(ctx context.Context, f Filter) (int, error) {
	list, err := c.List(ctx, f)
	if err != nil {
		return 0, err
	}
	var b nlsock.Batch
	var del rtnl.Addr
	for i := range list {
		a := &list[i]
		del.Reset()
		del.Header = a.Header
		if a.Has(rtnl.IFA_LOCAL) {
			del.SetLocal(a.Local)
		}
		if a.Has(rtnl.IFA_ADDRESS) {
			del.SetAddress(a.Address)
		}
		b.End(del.Append(b.Begin(addrMsg.DelType, 0)))
	}
	return client.Flush(ctx, c.conn, "address flush", &b, unix.EADDRNOTAVAIL, unix.ENODEV)
}
