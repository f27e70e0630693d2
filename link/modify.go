package link

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/client"
	"golang.org/x/sys/unix"
)

// Set changes link ifindex as the options say, as `ip link set DEV ...`
// (RTM_NEWLINK without NLM_F_CREATE: flags change only in the ifi_change
// mask, other settings only where an option sends their attribute).
func (c *Client) Set(ctx context.Context, ifindex uint32, opts ...Option) error {
	if err := checkIndex(ifindex); err != nil {
		return err
	}
	return c.send(ctx, verbSet, func(q *request) error { return q.build(ifindex, "", nil, opts) }, func() string { return "dev " + strconv.FormatUint(uint64(ifindex), 10) })
}

// SetUp brings link ifindex up, as `ip link set DEV up`.
func (c *Client) SetUp(ctx context.Context, ifindex uint32) error { return c.Set(ctx, ifindex, up) }

// SetDown takes link ifindex down, as `ip link set DEV down`.
func (c *Client) SetDown(ctx context.Context, ifindex uint32) error {
	return c.Set(ctx, ifindex, down)
}

// linkMsg is the schema's link message: the requests' RTM_NEWLINK and RTM_DELLINK
// come from it.
var linkMsg = (*rtnl.Link)(nil).MessageInfo()

var (
	up   = Up()
	down = Down()
)

// Add creates the link name of kind k, as `ip link add NAME type KIND ...`
// (RTM_NEWLINK with NLM_F_CREATE|NLM_F_EXCL); opts set it up further (MTU,
// Address, Master, Up, NetNS, ...). A name in use fails with EEXIST; a kind
// this kernel lacks with EOPNOTSUPP ("Unknown device type").
func (c *Client) Add(ctx context.Context, name string, k Kind, opts ...Option) error {
	return c.send(ctx, verbAdd, func(q *request) error { return q.build(0, name, &k, opts) }, func() string { return name })
}

// Delete removes link ifindex, as `ip link del DEV`; deleting one end of a
// veth pair removes both.
func (c *Client) Delete(ctx context.Context, ifindex uint32) error {
	if err := checkIndex(ifindex); err != nil {
		return err
	}
	return c.send(ctx, verbDelete, func(q *request) error { return q.build(ifindex, "", nil, nil) }, func() string { return "dev " + strconv.FormatUint(uint64(ifindex), 10) })
}

// DeleteByName removes the link named name; an unknown name fails with
// ENODEV.
func (c *Client) DeleteByName(ctx context.Context, name string) error {
	if err := validName(name); err != nil {
		return err
	}
	return c.send(ctx, verbDelete, func(q *request) error {
		q.attrs.SetIfName(name)
		return nil
	}, func() string { return name })
}

func checkIndex(ifindex uint32) error {
	if ifindex == 0 || ifindex > math.MaxInt32 {
		return fmt.Errorf("link: interface index %d is not an interface", ifindex)
	}
	return nil
}

type verb struct {
	name  string
	op    string // the request's name in errors
	typ   uint16
	flags uint16
}

var (
	verbSet    = verb{"set", "link set", linkMsg.NewType, 0}
	verbAdd    = verb{"add", "link add", linkMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_EXCL}
	verbDelete = verb{"del", "link del", linkMsg.DelType, 0}
)

// scratch is the memory of one request being built and sent, reused
// through scratchPool (see addr's): an Option is opaque to the compiler, so
// the request handed to it escapes.
type scratch struct {
	req request
	msg rtnl.Link
	buf []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (c *Client) send(ctx context.Context, v verb, build func(*request) error, what func() string) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{hdr: &s.msg.Header, attrs: &s.msg.LinkAttrs, fds: s.req.fds[:0]}
	s.msg.Reset()
	err := build(&s.req)
	if err == nil {
		s.buf = s.msg.Append(s.buf[:0])
		err = client.Named(c.conn.Execute(ctx, v.op, v.typ, v.flags, s.buf), v.op, what)
	}
	s.req.closeFds()
	return err
}

func (q *request) closeFds() {
	for _, fd := range q.fds {
		unix.Close(fd)
	}
	q.fds = q.fds[:0]
}

// Request builds the message a verb would send, without sending it: "set"
// (of ifindex), "add" (of name, kind k) or "del" (of ifindex). A namespace
// opened for NetNS is closed again, so its IFLA_NET_NS_FD is stale.
func Request(verbName string, ifindex uint32, name string, k *Kind, opts ...Option) (*rtnl.Link, error) {
	m := new(rtnl.Link)
	q := &request{hdr: &m.Header, attrs: &m.LinkAttrs}
	defer q.closeFds()
	var err error
	switch verbName {
	case "set", "change":
		if err = checkIndex(ifindex); err == nil {
			err = q.build(ifindex, "", nil, opts)
		}
	case "add":
		if k == nil {
			return nil, errors.New("link: add needs a kind")
		}
		err = q.build(0, name, k, opts)
	case "del", "delete":
		if err = checkIndex(ifindex); err == nil {
			err = q.build(ifindex, "", nil, nil)
		}
	default:
		return nil, errors.New("link: unknown verb " + verbName)
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// build fills q's empty message: the link (by index, or the new name), the kind and
// its data, then the options.
func (q *request) build(ifindex uint32, name string, k *Kind, opts []Option) error {
	m := q.attrs
	q.hdr.Index = int32(ifindex)
	if k != nil {
		if err := validName(name); err != nil {
			return err
		}
		if k.name == "" {
			return errors.New("link: add needs a kind (Veth, Bridge, ...)")
		}
		m.SetIfName(name)
		m.LinkInfo.SetKind(k.name)
		if k.fill != nil {
			if err := k.fill(q, &m.LinkInfo.Data); err != nil {
				return err
			}
		}
	}
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("link: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	return nil
}
