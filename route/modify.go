package route

import (
	"context"
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Add installs a route to dst, through gateway gw when gw is valid (pass
// netip.Addr{} for a route without a gateway, e.g. with Dev or a Type such
// as RTN_BLACKHOLE). With the Default option dst is netip.Prefix{} and the
// route is the default route of the request's family. Like `ip route add` it fails with EEXIST when the route
// exists (NLM_F_CREATE|NLM_F_EXCL).
func (c *Client) Add(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbAdd, dst, gw, opts)
}

// AddDefault installs a default route (0.0.0.0/0 or ::/0, by gw's family)
// through gw.
func (c *Client) AddDefault(ctx context.Context, gw netip.Addr, opts ...Option) error {
	dst, err := defaultFor(gw)
	if err != nil {
		return err
	}
	return c.Add(ctx, dst, gw, opts...)
}

// Replace installs the route, replacing one with the same destination,
// table, tos and metric in place (NLM_F_CREATE|NLM_F_REPLACE), like
// `ip route replace`.
func (c *Client) Replace(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbReplace, dst, gw, opts)
}

// Delete removes a route to dst. It matches any protocol, type and scope,
// narrowed by what is given: gw (when valid), Table (default main),
// Protocol, Metric, Dev. Deleting a route that does not exist fails with the
// kernel's error (ESRCH).
func (c *Client) Delete(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbDelete, dst, gw, opts)
}

// DeleteDefault removes the default route of family (AF_INET or AF_INET6),
// narrowed by opts as Delete is.
func (c *Client) DeleteDefault(ctx context.Context, family rtnl.Family, opts ...Option) error {
	var dst netip.Prefix
	switch family {
	case rtnl.AF_INET:
		dst = netip.PrefixFrom(netip.IPv4Unspecified(), 0)
	case rtnl.AF_INET6:
		dst = netip.PrefixFrom(netip.IPv6Unspecified(), 0)
	default:
		return errors.New("route: DeleteDefault needs family AF_INET or AF_INET6, not " + family.String())
	}
	return c.Delete(ctx, dst, netip.Addr{}, opts...)
}

func defaultFor(gw netip.Addr) (netip.Prefix, error) {
	switch {
	case gw.Is4():
		return netip.PrefixFrom(netip.IPv4Unspecified(), 0), nil
	case gw.Is6():
		return netip.PrefixFrom(netip.IPv6Unspecified(), 0), nil
	}
	return netip.Prefix{}, errors.New("route: a default route needs a valid gateway address")
}

// verb is what distinguishes add, replace and delete on the wire.
type verb struct {
	name  string
	op    string // the request's name in errors, before the destination
	typ   uint16
	flags uint16
	del   bool // delete matching: scope nowhere, protocol and type only as given
}

// routeMsg is the schema's route message: the verbs' RTM_NEWROUTE and
// RTM_DELROUTE come from it.
var routeMsg = (*rtnl.Route)(nil).MessageInfo()

var (
	verbAdd     = verb{"add", "route add", routeMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_EXCL, false}
	verbReplace = verb{"replace", "route replace", routeMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_REPLACE, false}
	verbDelete  = verb{"delete", "route delete", routeMsg.DelType, 0, true}
	verbAppend  = verb{"append", "route append", routeMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_APPEND, false}
	verbChange  = verb{"change", "route change", routeMsg.NewType, unix.NLM_F_REPLACE, false}
	verbPrepend = verb{"prepend", "route prepend", routeMsg.NewType, unix.NLM_F_CREATE, false}
)

// verbs are the verbs by name, for Request and Batch.Queue.
var verbs = [...]verb{verbAdd, verbReplace, verbDelete, verbAppend, verbChange, verbPrepend}

// Verbs are the names Request and Batch.Queue accept: add, replace,
// delete, append, change, prepend.
func Verbs() []string {
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	return names
}

func verbNamed(name string) (verb, error) {
	for _, v := range verbs {
		if v.name == name {
			return v, nil
		}
	}
	return verb{}, errors.New("route: unknown verb " + name + " (add, replace, delete, append, change, prepend)")
}

// Request builds the message a verb would send, without sending it: for
// logging, batching, or a dry run. name is one of Verbs.
func Request(name string, dst netip.Prefix, gw netip.Addr, opts ...Option) (*rtnl.Route, error) {
	var r rtnl.Route
	if err := RequestInto(&r, name, dst, gw, opts...); err != nil {
		return nil, err
	}
	return &r, nil
}

// RequestInto is Request building into r (reset first), for callers that
// build many requests through one reused value: an rtnl.Route is large.
func RequestInto(r *rtnl.Route, name string, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	v, err := verbNamed(name)
	if err != nil {
		return err
	}
	return v.build(r, dst, gw, opts)
}

// Append adds the route after the existing routes of the same key
// (NLM_F_CREATE|NLM_F_APPEND), as `ip route append`: for IPv4 an
// alternative route of equal key, for IPv6 a gateway route becomes one
// more next hop of the multipath route with that key.
func (c *Client) Append(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbAppend, dst, gw, opts)
}

// Change changes an existing route in place (NLM_F_REPLACE without
// NLM_F_CREATE), as `ip route change`: it fails with ENOENT (IPv4) or
// ESRCH/ENOENT (IPv6) when no route has the key.
func (c *Client) Change(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbChange, dst, gw, opts)
}

// Prepend adds the route before the existing routes of the same key
// (NLM_F_CREATE), as `ip route prepend`.
func (c *Client) Prepend(ctx context.Context, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return c.modify(ctx, verbPrepend, dst, gw, opts)
}

func (c *Client) modify(ctx context.Context, v verb, dst netip.Prefix, gw netip.Addr, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: &s.msg}
	if err := s.req.fill(v, dst, gw, opts); err != nil {
		return err
	}
	s.buf = s.msg.Append(s.buf[:0])
	return v.named(c.conn.Execute(ctx, v.op, v.typ, v.flags, s.buf), dst)
}

// named puts the destination into the name of a request the kernel
// refused ("route add 10.0.0.0/8: file exists"), only once it failed:
// formatting it for every request would cost each an allocation. Other
// errors already name the verb.
func (v verb) named(err error, dst netip.Prefix) error {
	if err == nil {
		return nil // before ke, which errors.As moves to the heap
	}
	var ke *nlsock.Error
	if !errors.As(err, &ke) || ke.Op != v.op {
		return err
	}
	if dst == (netip.Prefix{}) {
		ke.Op = v.op + " default"
	} else {
		ke.Op = v.op + " " + dst.String()
	}
	return err
}
