package nexthop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/client"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Add creates nexthop object id, as `ip nexthop add id ID ...`: a single
// nexthop (Via and/or Dev, Onlink; or Blackhole) or a group (Group, with
// Resilient and its timers); FDB for vxlan. It fails with EEXIST when id
// exists (NLM_F_CREATE|NLM_F_EXCL).
func (c *Client) Add(ctx context.Context, id uint32, opts ...Option) error {
	return c.modify(ctx, verbAdd, id, opts)
}

// Replace creates nexthop id or replaces it in place
// (NLM_F_CREATE|NLM_F_REPLACE), as `ip nexthop replace`: routes using it
// follow. A single nexthop cannot become a group, nor a group a single one.
func (c *Client) Replace(ctx context.Context, id uint32, opts ...Option) error {
	return c.modify(ctx, verbReplace, id, opts)
}

// Delete removes nexthop id, as `ip nexthop del id ID`; routes using it go
// with it (without RTM_DELROUTE notifications). A missing id fails with
// ENOENT.
func (c *Client) Delete(ctx context.Context, id uint32) error {
	if id == 0 {
		return errors.New("nexthop: id 0 is not a nexthop")
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.msg.Reset()
	s.msg.SetID(id)
	s.buf = s.msg.Append(s.buf[:0])
	err := c.conn.Execute(ctx, "nexthop del id", nexthopMsg.DelType, 0, s.buf)
	return client.Named(err, "nexthop del id", idString(id).String)
}

// Get returns nexthop id, as `ip nexthop get id ID`; a missing id fails
// with ENOENT.
func (c *Client) Get(ctx context.Context, id uint32) (*rtnl.NexthopObj, error) {
	if id == 0 {
		return nil, errors.New("nexthop: id 0 is not a nexthop")
	}
	var m rtnl.NexthopObj
	m.SetID(id)
	return dump.One[rtnl.NexthopObj](ctx, c.conn, "nexthop get "+strconv.FormatUint(uint64(id), 10), m.Append(nil))
}

type verb struct {
	name  string
	op    string // the request's name in errors, before the id
	flags uint16
}

// nexthopMsg is the schema's nexthop message: the requests'
// RTM_NEWNEXTHOP and RTM_DELNEXTHOP come from it.
var nexthopMsg = (*rtnl.NexthopObj)(nil).MessageInfo()

var (
	verbAdd     = verb{"add", "nexthop add id", unix.NLM_F_CREATE | unix.NLM_F_EXCL}
	verbReplace = verb{"replace", "nexthop replace id", unix.NLM_F_CREATE | unix.NLM_F_REPLACE}
)

// scratch is the memory of one request being built and sent, reused
// through scratchPool: an Option is a function the compiler cannot see
// into, so the request handed to it escapes to the heap, and without reuse
// every call would allocate it and its message.
type scratch struct {
	req request
	msg rtnl.NexthopObj
	buf []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// idString formats a nexthop id for an error.
type idString uint32

func (id idString) String() string { return strconv.FormatUint(uint64(id), 10) }

// Request builds the message a verb ("add" or "replace") would send for
// id, without sending it.
func Request(name string, id uint32, opts ...Option) (*rtnl.NexthopObj, error) {
	if name != verbAdd.name && name != verbReplace.name {
		return nil, errors.New("nexthop: unknown verb " + name)
	}
	m := new(rtnl.NexthopObj)
	q := &request{msg: m}
	if err := q.build(id, opts); err != nil {
		return nil, err
	}
	return m, nil
}

func (c *Client) modify(ctx context.Context, v verb, id uint32, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: &s.msg}
	if err := s.req.build(id, opts); err != nil {
		return err
	}
	s.buf = s.msg.Append(s.buf[:0])
	err := c.conn.Execute(ctx, v.op, nexthopMsg.NewType, v.flags, s.buf)
	return client.Named(err, v.op, idString(id).String)
}

// build fills q.msg: the options, then the id, the checks of what goes
// with what, and the family.
func (q *request) build(id uint32, opts []Option) error {
	m := q.msg
	m.Reset()
	if id == 0 {
		return errors.New("nexthop: id 0 is not a nexthop (the kernel would pick one; give it)")
	}
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("nexthop: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	m.SetID(id)
	h := &m.Header
	group := m.Has(rtnl.NHA_GROUP)
	switch {
	case group && (m.Has(rtnl.NHA_GATEWAY) || m.Has(rtnl.NHA_OIF) || m.Has(rtnl.NHA_BLACKHOLE)):
		return errors.New("nexthop: a group takes no gateway, device or blackhole of its own")
	case !group && (m.Has(rtnl.NHA_GROUP_TYPE) || !m.ResGroup.Equal(&rtnl.NexthopResGroup{})):
		return errors.New("nexthop: Resilient, Buckets and the timers apply to groups")
	case m.Has(rtnl.NHA_BLACKHOLE) && (m.Has(rtnl.NHA_GATEWAY) || m.Has(rtnl.NHA_OIF)):
		return errors.New("nexthop: a blackhole takes no gateway and no device")
	case !group && !m.Has(rtnl.NHA_BLACKHOLE) && !m.Has(rtnl.NHA_GATEWAY) && !m.Has(rtnl.NHA_OIF) && !m.Has(rtnl.NHA_FDB):
		return errors.New("nexthop: give a gateway (Via), a device (Dev), Blackhole or a Group")
	case h.Flags&uint32(rtnl.RTNH_F_ONLINK) != 0 && !m.Has(rtnl.NHA_OIF):
		return errors.New("nexthop: onlink needs the device (Dev)")
	}
	if group {
		if h.Family != 0 {
			return errors.New("nexthop: a group has no family of its own")
		}
		if m.GroupType == rtnl.NEXTHOP_GRP_TYPE_RES && m.Has(rtnl.NHA_GROUP_TYPE) {
			m.SetPresent(rtnl.NHA_RES_GROUP) // sent even empty: the kernel's defaults
		}
		return nil
	}
	if m.Has(rtnl.NHA_GATEWAY) {
		f := rtnl.AF_INET6
		if m.Gateway.Is4() {
			f = rtnl.AF_INET
		}
		if h.Family != 0 && h.Family != f {
			return fmt.Errorf("nexthop: gateway %s is not of family %s", m.Gateway, h.Family)
		}
		h.Family = f
	}
	if h.Family == 0 {
		h.Family = rtnl.AF_INET
	}
	return nil
}

// Flush removes every nexthop f matches, as `ip nexthop flush`, groups
// first, and returns how many it removed. Routes using them go too.
func (c *Client) Flush(ctx context.Context, f Filter) (int, error) {
	list, err := c.List(ctx, f)
	if err != nil {
		return 0, err
	}
	// Groups first: deleting the last member of a group deletes the group.
	slices.SortStableFunc(list, func(a, b rtnl.NexthopObj) int {
		return boolInt(!a.Has(rtnl.NHA_GROUP)) - boolInt(!b.Has(rtnl.NHA_GROUP))
	})
	var b nlsock.Batch
	var del rtnl.NexthopObj
	for i := range list {
		del.Reset()
		del.SetID(list[i].ID)
		b.End(del.Append(b.Begin(nexthopMsg.DelType, 0)))
	}
	return client.Flush(ctx, c.conn, "nexthop flush", &b, unix.ENOENT)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
