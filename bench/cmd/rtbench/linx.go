package main

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/route"
)

// linx is measured through its public API only, in the namespace the child
// runs in.
type linxImpl struct{ c *route.Client }

func newLinx() (*linxImpl, error) {
	c, err := route.Open()
	if err != nil {
		return nil, err
	}
	return &linxImpl{c}, nil
}

func (l *linxImpl) close() { l.c.Close() }

// stream is route.All over every family and table: each route decoded into
// the one reused value.
func (l *linxImpl) stream(ctx context.Context) (int, error) {
	n := 0
	for r, err := range l.c.All(ctx, route.Filter{}) {
		if err != nil {
			return n, err
		}
		if f := r.Header.Family; f == rtnl.AF_INET || f == rtnl.AF_INET6 {
			n++
		}
	}
	return n, nil
}

// listFull is route.ListFull over every family and table: owned routes as
// full rtnl.Route values; it also reports the heap the result keeps
// (retained_bytes).
func (l *linxImpl) listFull(ctx context.Context) (int, []Field, error) {
	h0 := heapInUse()
	rs, err := l.c.ListFull(ctx, route.Filter{})
	if err != nil {
		return 0, nil, err
	}
	h1 := heapInUse()
	runtime.KeepAlive(rs)
	return len(rs), retainedFields(h0, h1, len(rs)), nil
}

// list is route.List over every family and table: owned routes in their
// rtnl.RouteCompact form; it reports retained bytes as listFull does.
func (l *linxImpl) list(ctx context.Context) (int, []Field, error) {
	h0 := heapInUse()
	rs, err := l.c.List(ctx, route.Filter{})
	if err != nil {
		return 0, nil, err
	}
	h1 := heapInUse()
	runtime.KeepAlive(rs)
	spilled := 0
	for i := range rs {
		if rs[i].Spilled() {
			spilled++
		}
	}
	return len(rs), append(retainedFields(h0, h1, len(rs)), Field{"spilled", fmt.Sprint(spilled)}), nil
}

func (l *linxImpl) table(ctx context.Context, id uint32) (int, error) {
	rs, err := l.c.ListFull(ctx, route.Filter{Table: rtnl.Table(id)})
	return len(rs), err
}

func (l *linxImpl) batch(ctx context.Context, add bool, n int, base, gw netip.Addr, table uint32) error {
	var b route.Batch
	b.Grow(n)
	dst := base
	for range n {
		p := netip.PrefixFrom(dst, 32)
		var err error
		if add {
			err = b.Add(p, gw, route.Table(rtnl.Table(table)), route.Protocol(rtnl.RTPROT_STATIC))
		} else {
			err = b.Delete(p, gw, route.Table(rtnl.Table(table)))
		}
		if err != nil {
			return err
		}
		dst = dst.Next()
	}
	return l.c.Apply(ctx, &b)
}

func (l *linxImpl) one(ctx context.Context, add bool, n int, base, gw netip.Addr, table uint32) error {
	dst := base
	tab := route.Table(rtnl.Table(table))
	proto := route.Protocol(rtnl.RTPROT_STATIC)
	for i := range n {
		p := netip.PrefixFrom(dst, 32)
		var err error
		if add {
			err = l.c.Add(ctx, p, gw, tab, proto)
		} else {
			err = l.c.Delete(ctx, p, gw, tab)
		}
		if err != nil {
			return fmt.Errorf("route %d (%s): %w", i, p, err)
		}
		dst = dst.Next()
	}
	return nil
}

// linxMonitor counts the route events of a monitor.Monitor on the IPv4 and
// IPv6 route groups; Resync events and the monitor's loss counters are
// reported as lost.
func linxMonitor(ctx context.Context, rcvbuf int, c *eventCounter, ready func()) ([]Field, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m, err := monitor.Start(ctx, monitor.Options{
		Groups:        []rtnl.Group{rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE},
		ReceiveBuffer: rcvbuf,
	})
	if err != nil {
		return nil, err
	}
	defer m.Close()
	go c.watch(ctx, func() { m.Close() })
	ready()
	resyncs := 0
	for ev, err := range m.Events() {
		if err != nil {
			return nil, err
		}
		switch ev.Kind {
		case monitor.Resync:
			resyncs++
			c.lost()
		case monitor.New, monitor.Del:
			if ev.Route() != nil {
				c.add(1)
			}
		}
	}
	st := m.Stats()
	return []Field{
		{"resyncs", fmt.Sprint(resyncs)},
		{"overruns", fmt.Sprint(st.Overruns)},
		{"collapsed", fmt.Sprint(st.Collapsed)},
	}, nil
}
