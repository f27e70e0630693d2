package reconcile

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// Key is a route's identity as the kernel keys it: IPv4 routes by (table,
// dst, tos, metric), IPv6 routes by (table, dst, src, metric). A desired
// state holds at most one route per Key, but the kernel may hold several:
// IPv4 keeps every route appended with NLM_F_APPEND (`ip route append`)
// under one key as long as they differ (type, gateway, device, prefsrc,
// ...), and IPv6 keeps same-key routes whose next hops differ (gateway
// routes merge into one multipath route, device routes stay apart). The
// reconciler keeps the one that matches and deletes the other owned ones,
// each by its full listed content (see exactDelete). Key is comparable.
type Key struct {
	Family rtnl.Family  // AF_INET or AF_INET6
	Table  uint32       // the effective table (RTA_TABLE or rtm_table)
	Dst    netip.Prefix // destination; 0.0.0.0/0 or ::/0 for a default route
	Src    netip.Prefix // IPv6 source prefix (RTA_SRC); the zero Prefix when none
	Tos    uint8        // IPv4 TOS
	Metric uint32       // RTA_PRIORITY; IPv6 reads 0 (or none) as 1024
}

// ipv6DefaultMetric is what the kernel stores for an IPv6 route given
// metric 0 or none (IP6_RT_PRIO_USER).
const ipv6DefaultMetric = 1024

// KeyOf returns r's Key, with the kernel's normalisations: the effective
// table, IPv6 metric 0 as 1024, a source prefix only for IPv6.
func KeyOf(r *rtnl.Route) Key {
	k := Key{
		Family: r.Header.Family,
		Table:  route.TargetTable(r),
		Dst:    route.Destination(r),
		Tos:    r.Header.Tos,
	}
	if r.Has(rtnl.RTA_PRIORITY) {
		k.Metric = r.Priority
	}
	if k.Family == rtnl.AF_INET6 {
		k.Tos = 0
		if k.Metric == 0 {
			k.Metric = ipv6DefaultMetric
		}
		if r.Header.SrcLen > 0 && r.Has(rtnl.RTA_SRC) {
			k.Src = netip.PrefixFrom(r.Src, int(r.Header.SrcLen))
		}
	}
	return k
}

// String formats k as `ip route` words: "10.0.0.0/24 table 254 metric 0".
func (k Key) String() string {
	s := fmt.Sprintf("%s table %d metric %d", k.Dst, k.Table, k.Metric)
	if k.Src.IsValid() {
		s += " from " + k.Src.String()
	}
	if k.Tos != 0 {
		s += fmt.Sprintf(" tos %#x", k.Tos)
	}
	return s
}

// packedKey is a Key as a plain array, the desired map's key: hashing
// and comparing it is a memhash, much cheaper than Key's netip fields.
type packedKey [44]byte

// packed packs k: family, tos, dst and src lengths, table, metric, dst and
// src addresses (16 bytes each, IPv4 in the first 4).
func (k Key) packed() packedKey {
	var p packedKey
	p[0] = byte(k.Family)
	p[1] = k.Tos
	p[2] = byte(k.Dst.Bits() + 1) // +1: an invalid prefix (-1) packs as 0
	p[3] = byte(k.Src.Bits() + 1)
	binary.LittleEndian.PutUint32(p[4:], k.Table)
	binary.LittleEndian.PutUint32(p[8:], k.Metric)
	putAddr(p[12:28], k.Dst.Addr())
	putAddr(p[28:44], k.Src.Addr())
	return p
}

func putAddr(b []byte, a netip.Addr) {
	switch {
	case a.Is4():
		v := a.As4()
		copy(b, v[:])
	case a.Is6():
		v := a.As16()
		copy(b, v[:])
	}
}

// scopeKey names one kernel read: a family and a table (0: every table).
type scopeKey struct {
	family rtnl.Family
	table  uint32
}

// covers reports whether the read s includes routes of key k.
func (s scopeKey) covers(k Key) bool {
	return s.family == k.Family && (s.table == 0 || s.table == k.Table)
}

// deleteMsg fills r with the delete request for the route of key k and
// protocol p: scope RT_SCOPE_NOWHERE, type unspecified, so that the kernel
// matches the route by its key and protocol only.
func deleteMsg(r *rtnl.Route, k Key, p rtnl.Protocol) {
	r.Reset()
	h := &r.Header
	h.Family = k.Family
	h.DstLen = uint8(k.Dst.Bits())
	h.Tos = k.Tos
	h.Protocol = p
	h.Scope = rtnl.RT_SCOPE_NOWHERE
	setTable(r, k.Table)
	if k.Dst.Bits() > 0 {
		r.SetDst(k.Dst.Addr())
	}
	if k.Src.IsValid() && k.Src.Bits() > 0 {
		h.SrcLen = uint8(k.Src.Bits())
		r.SetSrc(k.Src.Addr())
	}
	r.SetPriority(k.Metric)
}

// setTable puts table t in r the way the kernel wants it: in the header
// when it fits a byte, else RTA_TABLE with RT_TABLE_UNSPEC in the header.
func setTable(r *rtnl.Route, t uint32) {
	if t <= 255 {
		r.Header.Table = uint8(t)
		r.Unset(rtnl.RTA_TABLE)
		return
	}
	r.Header.Table = uint8(rtnl.RT_TABLE_UNSPEC)
	r.SetTable(rtnl.Table(t))
}

// exactDelete encodes the delete request for exactly the listed route kr:
// its key, protocol and type, and its next hops (gateway, device,
// multipath legs, nexthop id), with scope RT_SCOPE_NOWHERE. The kernel
// then removes that route and not another of the same key (IPv4
// fib_table_delete and IPv6 ip6_route_del match the gateway, device and
// type when given). What the kernel reports but does not match on
// (cache info, expiry, metrics, encap, flags) is left out.
func exactDelete(kr *rtnl.Route) []byte {
	c := kr.Clone()
	k := KeyOf(kr)
	for _, id := range []uint16{rtnl.RTA_CACHEINFO, rtnl.RTA_EXPIRES, rtnl.RTA_PAD, rtnl.RTA_METRICS,
		rtnl.RTA_ENCAP, rtnl.RTA_ENCAP_TYPE, rtnl.RTA_PREF, rtnl.RTA_FLOW, rtnl.RTA_TABLE} {
		c.Unset(id)
	}
	if c.Header.Family == rtnl.AF_INET6 {
		c.Unset(rtnl.RTA_PREFSRC) // ip6_route_del does not match it
	}
	for i := range c.Multipath {
		nh := &c.Multipath[i]
		nh.Header.Flags &= rtnl.RTNH_F_ONLINK
		nh.Unset(rtnl.RTA_ENCAP)
		nh.Unset(rtnl.RTA_ENCAP_TYPE)
	}
	c.Header.Flags = 0
	c.Header.Scope = rtnl.RT_SCOPE_NOWHERE
	setTable(&c, k.Table)
	c.SetPriority(k.Metric)
	return c.Append(make([]byte, 0, c.Size()))
}

// describeExact is an exact delete's route in `ip route` words, briefly:
// "10.95.0.0/24 table 254 metric 0 via 10.0.0.9 dev #3".
func describeExact(wire []byte, name func(uint32) string) string {
	var r rtnl.Route
	if err := r.Decode(wire); err != nil {
		return fmt.Sprintf("(undecodable route: %v)", err)
	}
	var v value
	canon(&v, &r)
	return describe(KeyOf(&r), &v, name)
}
