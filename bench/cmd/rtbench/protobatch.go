package main

import (
	"context"
	"net/netip"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// protoBatch (-protos proto-batch) installs or deletes n /32 routes as
// route.Batch + Client.Apply do, through nlsock.Batch and ExecuteBatch, but
// encodes every request from one reused rtnl.Route straight into the
// batch buffer (sized once): no value per request (issue 13 item 4).
func protoBatch(ctx context.Context, conn *nlsock.Conn, b *nlsock.Batch, add bool, n int, base, gw netip.Addr, table uint32) error {
	b.Reset()
	var r rtnl.Route
	typ, flags := uint16(unix.RTM_DELROUTE), uint16(nlsock.FlagRequest)
	if add {
		typ, flags = unix.RTM_NEWROUTE, nlsock.FlagRequest|nlsock.FlagCreate|nlsock.FlagExcl
	}
	dst := base
	for range n {
		r.Reset()
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 32, Scope: rtnl.RT_SCOPE_NOWHERE}
		if add {
			r.Header.Protocol, r.Header.Scope, r.Header.Type = rtnl.RTPROT_STATIC, rtnl.RT_SCOPE_UNIVERSE, rtnl.RTN_UNICAST
		}
		r.SetTable(rtnl.Table(table))
		r.SetDst(dst)
		r.SetGateway(gw)
		buf := b.Begin(typ, flags)
		b.End(r.Append(buf))
		dst = dst.Next()
	}
	return conn.ExecuteBatch(ctx, "batch", b)
}

// protoAdd (-protos proto-add) adds or deletes n /32 routes one request at
// a time through nlsock.Conn.Execute, each encoded from one reused
// rtnl.Route into one reused buffer: Client.Add without its per-call
// allocations.
func protoAdd(ctx context.Context, conn *nlsock.Conn, add bool, n int, base, gw netip.Addr, table uint32) error {
	var r rtnl.Route
	var buf []byte
	typ, flags := uint16(unix.RTM_DELROUTE), uint16(0)
	if add {
		typ, flags = unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl
	}
	dst := base
	for range n {
		r.Reset()
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 32, Scope: rtnl.RT_SCOPE_NOWHERE}
		if add {
			r.Header.Protocol, r.Header.Scope, r.Header.Type = rtnl.RTPROT_STATIC, rtnl.RT_SCOPE_UNIVERSE, rtnl.RTN_UNICAST
		}
		r.SetTable(rtnl.Table(table))
		r.SetDst(dst)
		r.SetGateway(gw)
		buf = r.Append(buf[:0])
		if err := conn.Execute(ctx, "route", typ, flags, buf); err != nil {
			return err
		}
		dst = dst.Next()
	}
	return nil
}
