package main

import (
	"context"
	"net/netip"
	"runtime"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// compactRoute is the owned representation proposed for route.List (issue
// 13 item 3), measured by the proto-compact prototype: the attributes an
// ordinary unicast route carries are plain fields; everything else hangs off
// one pointer that is nil for most routes. 112 bytes on amd64, against 712
// for rtnl.Route.
type compactRoute struct {
	Header   rtnl.RtMsg // 12
	present  uint16     // which of the common attributes are present
	Pref     rtnl.Pref  // RTA_PREF (IPv6 routes carry it, 1 byte)
	Table    uint32
	OIF      uint32
	Priority uint32
	Dst      netip.Addr
	Gateway  netip.Addr
	PrefSrc  netip.Addr
	rare     *rareAttrs
}

// rareAttrs is what few routes have. IPv6 routes all carry RTA_CACHEINFO,
// so it has a small form of its own; any other attribute keeps the whole
// decoded set (and the kernel's attribute order, for a byte-exact
// re-encoding).
type rareAttrs struct {
	CacheInfo rtnl.RtaCacheInfo
	all       *rtnl.RouteAttrs
}

// The common attributes, in the bit order of compactRoute.present.
var commonAttrs = [...]uint16{rtnl.RTA_TABLE, rtnl.RTA_DST, rtnl.RTA_PRIORITY, rtnl.RTA_PREFSRC, rtnl.RTA_GATEWAY, rtnl.RTA_OIF, rtnl.RTA_PREF}

// otherAttrs are the attributes that need the whole set.
var otherAttrs = func() []uint16 {
	var out []uint16
	for id := uint16(1); id <= 31; id++ {
		common := id == rtnl.RTA_CACHEINFO
		for _, c := range commonAttrs {
			common = common || c == id
		}
		if !common {
			out = append(out, id)
		}
	}
	return out
}()

// compact converts a decoded route.
func compact(r *rtnl.Route, out *compactRoute) {
	*out = compactRoute{Header: r.Header, Table: uint32(r.Table), OIF: r.OIF, Priority: r.Priority,
		Dst: r.Dst, Gateway: r.Gateway, PrefSrc: r.PrefSrc, Pref: r.Pref}
	for i, id := range commonAttrs {
		if r.Has(id) {
			out.present |= 1 << i
		}
	}
	other := len(r.Unknown) > 0
	for _, id := range otherAttrs {
		other = other || r.Has(id)
	}
	switch {
	case other:
		all := r.Clone().RouteAttrs
		out.rare = &rareAttrs{CacheInfo: r.CacheInfo, all: &all}
	case r.Has(rtnl.RTA_CACHEINFO):
		out.rare = &rareAttrs{CacheInfo: r.CacheInfo}
	}
}

// compactList is route.List's two passes (copy the payloads, then decode
// into a slice allocated once) with compactRoute as the element.
func compactList(ctx context.Context, conn *nlsock.Conn) (int, []Field, error) {
	h0 := heapInUse()
	req := make([]byte, unix.SizeofRtMsg)
	var raw []byte
	var ends []int
	for m, err := range conn.Dump(ctx, "dump", unix.RTM_GETROUTE, 0, req) {
		if err != nil {
			return 0, nil, err
		}
		if m.Header.Type != unix.RTM_NEWROUTE {
			continue
		}
		raw = append(raw, m.Payload...)
		ends = append(ends, len(raw))
	}
	out := make([]compactRoute, len(ends))
	var r rtnl.Route
	start, rare := 0, 0
	for i, end := range ends {
		if err := r.Decode(raw[start:end]); err != nil {
			return i, nil, err
		}
		compact(&r, &out[i])
		if out[i].rare != nil {
			rare++
		}
		start = end
	}
	raw, ends = nil, nil
	h1 := heapInUse()
	runtime.KeepAlive(out)
	return len(out), append(retainedFields(h0, h1, len(out)), Field{"rare", itoa(rare)}), nil
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// compactList1 is the one-pass variant: each reply decoded into one reused
// rtnl.Route as it arrives and appended as a compactRoute, with no copy of
// the payloads (the slice grows by doubling; its elements are small enough
// for that to be cheap).
func compactList1(ctx context.Context, conn *nlsock.Conn) (int, []Field, error) {
	h0 := heapInUse()
	req := make([]byte, unix.SizeofRtMsg)
	var out []compactRoute
	var r rtnl.Route
	rare := 0
	for m, err := range conn.Dump(ctx, "dump", unix.RTM_GETROUTE, 0, req) {
		if err != nil {
			return 0, nil, err
		}
		if m.Header.Type != unix.RTM_NEWROUTE {
			continue
		}
		if err := r.Decode(m.Payload); err != nil {
			return len(out), nil, err
		}
		out = append(out, compactRoute{})
		c := &out[len(out)-1]
		compact(&r, c)
		if c.rare != nil {
			rare++
		}
	}
	out = out[:len(out):len(out)]
	h1 := heapInUse()
	runtime.KeepAlive(out)
	return len(out), append(retainedFields(h0, h1, len(out)), Field{"rare", itoa(rare)}), nil
}
