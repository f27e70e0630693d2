package route

import (
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// TargetTable is the table a route belongs to: RTA_TABLE when present (the
// kernel puts RT_TABLE_COMPAT in the header byte for tables above 255),
// else the header's rtm_table.
func TargetTable(r *rtnl.Route) uint32 {
	if r.Has(rtnl.RTA_TABLE) {
		return uint32(r.Table)
	}
	return uint32(r.Header.Table)
}

// Destination is the route's destination prefix: RTA_DST with rtm_dst_len,
// or 0.0.0.0/0 or ::/0 for a default route (which carries no RTA_DST; a
// malformed message with rtm_dst_len but no RTA_DST keeps its length). It
// is the zero Prefix for families other than IPv4 and IPv6, and for a
// length the family cannot have.
func Destination(r *rtnl.Route) netip.Prefix {
	if r.Has(rtnl.RTA_DST) {
		return netip.PrefixFrom(r.Dst, int(r.Header.DstLen))
	}
	switch r.Header.Family {
	case rtnl.AF_INET:
		return netip.PrefixFrom(netip.IPv4Unspecified(), int(r.Header.DstLen))
	case rtnl.AF_INET6:
		return netip.PrefixFrom(netip.IPv6Unspecified(), int(r.Header.DstLen))
	}
	return netip.Prefix{}
}

// Weight is a multipath next hop's weight as ip(8) shows it: rtnh_hops + 1.
func Weight(nh *rtnl.Nexthop) int { return int(nh.Header.Hops) + 1 }
