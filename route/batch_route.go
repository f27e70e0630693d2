package route

import (
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// AddRoute queues an add (NLM_F_CREATE|NLM_F_EXCL) of r, a fully built
// route message (as Request returns, or with RTA_MULTIPATH next hops set on
// it): for the routes the options cannot express, and for programs that
// keep the messages they send.
func (b *Batch) AddRoute(r *rtnl.Route) error {
	return b.queueRoute(verbAdd, r)
}

// ReplaceRoute queues a replace (NLM_F_CREATE|NLM_F_REPLACE) of the fully
// built route r.
func (b *Batch) ReplaceRoute(r *rtnl.Route) error {
	return b.queueRoute(verbReplace, r)
}

// DeleteRoute queues a delete of the route r describes. The kernel matches
// what r carries; for a delete that matches any protocol, type and scope,
// leave rtm_protocol and rtm_type 0 and set rtm_scope to RT_SCOPE_NOWHERE.
func (b *Batch) DeleteRoute(r *rtnl.Route) error {
	return b.queueRoute(verbDelete, r)
}

func (b *Batch) queueRoute(v verb, r *rtnl.Route) error {
	if r == nil {
		return errors.New("route: batch: nil route")
	}
	if f := r.Header.Family; f != rtnl.AF_INET && f != rtnl.AF_INET6 {
		return errors.New("route: batch: route family " + f.String() + " is neither AF_INET nor AF_INET6")
	}
	b.b.End(r.Append(b.b.Begin(v.typ, v.flags)))
	return nil
}

// AddEncoded queues an add of a route message already encoded (struct
// rtmsg and attributes, as rtnl.Route.Append writes it), for programs that
// keep many routes in their compact wire form.
func (b *Batch) AddEncoded(payload []byte) error {
	return b.queueEncoded(verbAdd, payload)
}

// ReplaceEncoded queues a replace of an encoded route message.
func (b *Batch) ReplaceEncoded(payload []byte) error {
	return b.queueEncoded(verbReplace, payload)
}

// DeleteEncoded queues a delete of an encoded route message.
func (b *Batch) DeleteEncoded(payload []byte) error {
	return b.queueEncoded(verbDelete, payload)
}

func (b *Batch) queueEncoded(v verb, payload []byte) error {
	if len(payload) < rtnl.SizeofRtMsg {
		return errors.New("route: batch: an encoded route is at least struct rtmsg (12 bytes)")
	}
	b.b.Add(v.typ, v.flags, payload)
	return nil
}

// Append queues an append (NLM_F_CREATE|NLM_F_APPEND), as Client.Append.
func (b *Batch) Append(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbAppend, dst, gw, opts)
}

// Change queues a change (NLM_F_REPLACE), as Client.Change.
func (b *Batch) Change(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbChange, dst, gw, opts)
}

// Prepend queues a prepend (NLM_F_CREATE), as Client.Prepend.
func (b *Batch) Prepend(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbPrepend, dst, gw, opts)
}

// Queue queues the change of the verb named name (one of Verbs), for
// programs that read the verb, as `linx -batch` does.
func (b *Batch) Queue(name string, dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	v, err := verbNamed(name)
	if err != nil {
		return err
	}
	return b.queue(v, dst, gw, opts)
}
