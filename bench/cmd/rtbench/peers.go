package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"runtime"
	"strings"
	"sync"

	jnl "github.com/jsimonetti/rtnetlink/v2"
	"github.com/mdlayher/netlink"
	vnl "github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// The peers, each used as its documentation suggests, in the namespace the
// child runs in.

type vishImpl struct{ h *vnl.Handle }

func newVish() (*vishImpl, error) {
	h, err := vnl.NewHandle(unix.NETLINK_ROUTE)
	if err != nil {
		return nil, err
	}
	return &vishImpl{h}, nil
}

func (v *vishImpl) close() { v.h.Close() }

// stream is RouteListFilteredIter, vishvananda's callback form: each route
// is still built as a Route value with its own net.IP slices. Like every
// vishvananda list call it skips tables other than main unless filtering
// by table.
func (v *vishImpl) stream() (int, error) {
	n := 0
	err := v.h.RouteListFilteredIter(vnl.FAMILY_ALL, &vnl.Route{}, 0, func(vnl.Route) bool {
		n++
		return true
	})
	return n, vishErr(err)
}

func (v *vishImpl) list() (int, []Field, error) {
	h0 := heapInUse()
	rs, err := v.h.RouteList(nil, vnl.FAMILY_ALL)
	if err = vishErr(err); err != nil {
		return 0, nil, err
	}
	h1 := heapInUse()
	runtime.KeepAlive(rs)
	return len(rs), retainedFields(h0, h1, len(rs)), nil
}

// table filters in user space: vishvananda dumps every route and drops
// those of other tables.
func (v *vishImpl) table(id uint32) (int, error) {
	rs, err := v.h.RouteListFiltered(vnl.FAMILY_ALL, &vnl.Route{Table: int(id)}, vnl.RT_FILTER_TABLE)
	return len(rs), vishErr(err)
}

// one sends the request every implementation sends: destination, gateway,
// table and (for adds) protocol; no output interface.
func (v *vishImpl) one(add bool, n int, base, gw netip.Addr, table uint32) error {
	gwip := net.IP(gw.AsSlice())
	dst := base
	var err error
	for i := range n {
		r := &vnl.Route{Dst: &net.IPNet{IP: dst.AsSlice(), Mask: net.CIDRMask(32, 32)},
			Gw: gwip, Table: int(table), Protocol: unix.RTPROT_STATIC}
		if add {
			err = v.h.RouteAdd(r)
		} else {
			err = v.h.RouteDel(r)
		}
		if err != nil {
			return fmt.Errorf("route %d (%s): %w", i, dst, err)
		}
		dst = dst.Next()
	}
	return nil
}

// vishErr lets a dump through that vishvananda flags as interrupted
// (ErrDumpInterrupted still returns the routes); nothing changes the tables
// while the dumps run.
func vishErr(err error) error {
	if errors.Is(err, vnl.ErrDumpInterrupted) {
		return nil
	}
	return err
}

// vishMonitor counts the updates of RouteSubscribeWithOptions. On ENOBUFS
// vishvananda calls the error callback ("Receive failed: no buffer space
// available", the errno not wrapped) and ends the subscription, closing the
// channel: the line then says ended=enobufs and counts what was missed as
// lost.
func vishMonitor(ctx context.Context, rcvbuf int, c *eventCounter, ready func()) ([]Field, error) {
	ch := make(chan vnl.RouteUpdate, 1024)
	done := make(chan struct{})
	var mu sync.Mutex
	var cbErr error
	enobufs := false
	err := vnl.RouteSubscribeWithOptions(ch, done, vnl.RouteSubscribeOptions{
		ReceiveBufferSize:      rcvbuf,
		ReceiveBufferForceSize: true,
		ErrorCallback: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			if errors.Is(err, unix.ENOBUFS) || strings.Contains(err.Error(), unix.ENOBUFS.Error()) {
				c.lost()
				enobufs = true
				return
			}
			if cbErr == nil {
				cbErr = err
			}
		},
	})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopped := make(chan struct{})
	go c.watch(ctx, func() { close(stopped) })
	ready()
	for {
		select {
		case <-stopped:
			close(done)
			return nil, nil
		case _, ok := <-ch:
			if ok {
				c.add(1)
				continue
			}
			mu.Lock()
			defer mu.Unlock()
			if enobufs {
				return []Field{{"ended", "enobufs"}}, nil
			}
			if cbErr == nil {
				cbErr = fmt.Errorf("subscription ended")
			}
			return nil, cbErr
		}
	}
}

type jsimImpl struct{ c, strict *jnl.Conn }

func newJsim() (*jsimImpl, error) {
	c, err := jnl.Dial(nil)
	if err != nil {
		return nil, err
	}
	s, err := jnl.Dial(&netlink.Config{Strict: true})
	if err != nil {
		c.Close()
		return nil, err
	}
	return &jsimImpl{c, s}, nil
}

func (j *jsimImpl) close() { j.c.Close(); j.strict.Close() }

func (j *jsimImpl) list() (int, []Field, error) {
	h0 := heapInUse()
	rs, err := j.c.Route.List()
	if err != nil {
		return 0, nil, err
	}
	h1 := heapInUse()
	runtime.KeepAlive(rs)
	return len(rs), retainedFields(h0, h1, len(rs)), nil
}

// table is ListMatch on a strict-mode connection: the kernel filters.
func (j *jsimImpl) table(id uint32) (int, error) {
	rs, err := j.strict.Route.ListMatch(&jnl.RouteMessage{
		Family: unix.AF_UNSPEC, Table: unix.RT_TABLE_UNSPEC,
		Attributes: jnl.RouteAttributes{Table: id},
	})
	return len(rs), err
}

func (j *jsimImpl) one(add bool, n int, base, gw netip.Addr, table uint32) error {
	gwip := net.IP(gw.AsSlice())
	dst := base
	for i := range n {
		m := &jnl.RouteMessage{
			Family:    unix.AF_INET,
			DstLength: 32,
			Table:     unix.RT_TABLE_UNSPEC,
			Attributes: jnl.RouteAttributes{
				Dst:     net.IP(dst.AsSlice()),
				Gateway: gwip,
				Table:   table,
			},
		}
		var err error
		if add {
			m.Protocol, m.Scope, m.Type = unix.RTPROT_STATIC, unix.RT_SCOPE_UNIVERSE, unix.RTN_UNICAST
			err = j.c.Route.Add(m)
		} else {
			m.Scope = unix.RT_SCOPE_NOWHERE
			err = j.c.Route.Delete(m)
		}
		if err != nil {
			return fmt.Errorf("route %d (%s): %w", i, dst, err)
		}
		dst = dst.Next()
	}
	return nil
}
