package ipfmt

import (
	"fmt"
	"net"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// bridgeNum is one IFLA_BR_* number ip prints as "word N" / "key":N.
type bridgeNum struct {
	id   uint16
	text string
	json string
	get  func(b *rtnl.BridgeData) uint64
}

// printBridge is bridge_print_opt (ip/iplink_bridge.c, iproute2 6.1), in
// its order. ip prints designated_root from IFLA_BR_BRIDGE_ID (sic), and
// so does this.
func printBridge(s *sink, b *rtnl.BridgeData) {
	s.open(liData.JSON)
	nums := func(list []bridgeNum) {
		for _, n := range list {
			if b.Has(n.id) {
				s.uint(field{Text: n.text, JSON: n.json}, n.get(b))
			}
		}
	}
	nums(bridgeHead)
	if b.Has(rtnl.IFLA_BR_VLAN_PROTOCOL) {
		p := "0x" + strconv.FormatUint(uint64(b.VLANProtocol), 16)
		switch b.VLANProtocol {
		case 0x8100:
			p = "802.1Q"
		case 0x88a8:
			p = "802.1ad"
		}
		s.str(field{Text: "vlan_protocol", JSON: "vlan_protocol"}, p)
	}
	if b.Has(rtnl.IFLA_BR_BRIDGE_ID) {
		s.str(field{Text: "bridge_id", JSON: "bridge_id"}, bridgeID(b.BridgeID))
	}
	if b.Has(rtnl.IFLA_BR_ROOT_ID) {
		s.str(field{Text: "designated_root", JSON: "root_id"}, bridgeID(b.BridgeID))
	}
	nums(bridgeSTP)
	for _, t := range []struct {
		id   uint16
		name string
		v    uint64
	}{
		{rtnl.IFLA_BR_HELLO_TIMER, "hello_timer", b.HelloTimer},
		{rtnl.IFLA_BR_TCN_TIMER, "tcn_timer", b.TCNTimer},
		{rtnl.IFLA_BR_TOPOLOGY_CHANGE_TIMER, "topology_change_timer", b.TopologyChangeTimer},
		{rtnl.IFLA_BR_GC_TIMER, "gc_timer", b.GCTimer},
	} {
		if b.Has(t.id) {
			printTimer(s, t.name, t.v)
		}
	}
	nums(bridgeVLAN)
	if b.Has(rtnl.IFLA_BR_GROUP_FWD_MASK) {
		s.str(field{Text: "group_fwd_mask", JSON: "group_fwd_mask"}, hex0x(uint64(b.GroupFwdMask)))
	}
	if b.Has(rtnl.IFLA_BR_GROUP_ADDR) {
		s.str(field{Text: "group_address", JSON: "group_addr"}, net.HardwareAddr(b.GroupAddr).String())
	}
	nums(bridgeSnoop)
	if b.Has(rtnl.IFLA_BR_MULTI_BOOLOPT) && len(b.MultiBoolopt) >= 8 {
		val := uint32(b.MultiBoolopt[0]) | uint32(b.MultiBoolopt[1])<<8 | uint32(b.MultiBoolopt[2])<<16 | uint32(b.MultiBoolopt[3])<<24
		mask := uint32(b.MultiBoolopt[4]) | uint32(b.MultiBoolopt[5])<<8 | uint32(b.MultiBoolopt[6])<<16 | uint32(b.MultiBoolopt[7])<<24
		// BR_BOOLOPT_NO_LL_LEARN (0), BR_BOOLOPT_MCAST_VLAN_SNOOPING (1).
		for _, o := range []struct {
			bit  uint32
			name string
		}{{1 << 0, "no_linklocal_learn"}, {1 << 1, "mcast_vlan_snooping"}} {
			if mask&o.bit != 0 {
				v := uint64(0)
				if val&o.bit != 0 {
					v = 1
				}
				s.uint(field{Text: o.name, JSON: o.name}, v)
			}
		}
	}
	nums(bridgeMcast)
	s.close()
}

// bridgeID is br_dump_bridge_id: the priority in hex, then the address
// as ether_ntoa prints it (no leading zeros).
func bridgeID(id []byte) string {
	if len(id) < 8 {
		return ""
	}
	a := id[2:8]
	return fmt.Sprintf("%02x%02x.%x:%x:%x:%x:%x:%x", id[0], id[1], a[0], a[1], a[2], a[3], a[4], a[5])
}

// printTimer is _bridge_print_timer: centiseconds as "%4i.%.2i" seconds
// in text, a bare number in JSON.
func printTimer(s *sink, name string, cs uint64) {
	sec, frac := cs/100, cs%100
	if s.json {
		s.key(name)
		s.b = fmt.Appendf(s.b, "%d.%02d", sec, frac)
		return
	}
	s.word(name)
	s.raw(fmt.Sprintf(" %4d.%02d", sec, frac))
}

// hex0x is print_0xhex's "%#llx": 0 prints as "0".
func hex0x(v uint64) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(v, 16)
}

var bridgeHead = []bridgeNum{
	{rtnl.IFLA_BR_FORWARD_DELAY, "forward_delay", "forward_delay", func(b *rtnl.BridgeData) uint64 { return uint64(b.ForwardDelay) }},
	{rtnl.IFLA_BR_HELLO_TIME, "hello_time", "hello_time", func(b *rtnl.BridgeData) uint64 { return uint64(b.HelloTime) }},
	{rtnl.IFLA_BR_MAX_AGE, "max_age", "max_age", func(b *rtnl.BridgeData) uint64 { return uint64(b.MaxAge) }},
	{rtnl.IFLA_BR_AGEING_TIME, "ageing_time", "ageing_time", func(b *rtnl.BridgeData) uint64 { return uint64(b.AgeingTime) }},
	{rtnl.IFLA_BR_STP_STATE, "stp_state", "stp_state", func(b *rtnl.BridgeData) uint64 { return uint64(b.STPState) }},
	{rtnl.IFLA_BR_PRIORITY, "priority", "priority", func(b *rtnl.BridgeData) uint64 { return uint64(b.Priority) }},
	{rtnl.IFLA_BR_VLAN_FILTERING, "vlan_filtering", "vlan_filtering", func(b *rtnl.BridgeData) uint64 { return uint64(b.VLANFiltering) }},
}

var bridgeSTP = []bridgeNum{
	{rtnl.IFLA_BR_ROOT_PORT, "root_port", "root_port", func(b *rtnl.BridgeData) uint64 { return uint64(b.RootPort) }},
	{rtnl.IFLA_BR_ROOT_PATH_COST, "root_path_cost", "root_path_cost", func(b *rtnl.BridgeData) uint64 { return uint64(b.RootPathCost) }},
	{rtnl.IFLA_BR_TOPOLOGY_CHANGE, "topology_change", "topology_change", func(b *rtnl.BridgeData) uint64 { return uint64(b.TopologyChange) }},
	{rtnl.IFLA_BR_TOPOLOGY_CHANGE_DETECTED, "topology_change_detected", "topology_change_detected", func(b *rtnl.BridgeData) uint64 { return uint64(b.TopologyChangeDetected) }},
}

var bridgeVLAN = []bridgeNum{
	{rtnl.IFLA_BR_VLAN_DEFAULT_PVID, "vlan_default_pvid", "vlan_default_pvid", func(b *rtnl.BridgeData) uint64 { return uint64(b.VLANDefaultPVID) }},
	{rtnl.IFLA_BR_VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled", func(b *rtnl.BridgeData) uint64 { return uint64(b.VLANStatsEnabled) }},
	{rtnl.IFLA_BR_VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port", func(b *rtnl.BridgeData) uint64 { return uint64(b.VLANStatsPerPort) }},
}

var bridgeSnoop = []bridgeNum{
	{rtnl.IFLA_BR_MCAST_SNOOPING, "mcast_snooping", "mcast_snooping", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastSnooping) }},
}

var bridgeMcast = []bridgeNum{
	{rtnl.IFLA_BR_MCAST_ROUTER, "mcast_router", "mcast_router", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastRouter) }},
	{rtnl.IFLA_BR_MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastQueryUseIfaddr) }},
	{rtnl.IFLA_BR_MCAST_QUERIER, "mcast_querier", "mcast_querier", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastQuerier) }},
	{rtnl.IFLA_BR_MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", "mcast_hash_elasticity", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastHashElasticity) }},
	{rtnl.IFLA_BR_MCAST_HASH_MAX, "mcast_hash_max", "mcast_hash_max", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastHashMax) }},
	{rtnl.IFLA_BR_MCAST_LAST_MEMBER_CNT, "mcast_last_member_count", "mcast_last_member_cnt", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastLastMemberCnt) }},
	{rtnl.IFLA_BR_MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_count", "mcast_startup_query_cnt", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastStartupQueryCnt) }},
	{rtnl.IFLA_BR_MCAST_LAST_MEMBER_INTVL, "mcast_last_member_interval", "mcast_last_member_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastLastMemberIntvl }},
	{rtnl.IFLA_BR_MCAST_MEMBERSHIP_INTVL, "mcast_membership_interval", "mcast_membership_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastMembershipIntvl }},
	{rtnl.IFLA_BR_MCAST_QUERIER_INTVL, "mcast_querier_interval", "mcast_querier_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastQuerierIntvl }},
	{rtnl.IFLA_BR_MCAST_QUERY_INTVL, "mcast_query_interval", "mcast_query_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastQueryIntvl }},
	{rtnl.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_interval", "mcast_query_response_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastQueryResponseIntvl }},
	{rtnl.IFLA_BR_MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_interval", "mcast_startup_query_intvl", func(b *rtnl.BridgeData) uint64 { return b.McastStartupQueryIntvl }},
	{rtnl.IFLA_BR_MCAST_STATS_ENABLED, "mcast_stats_enabled", "mcast_stats_enabled", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastStatsEnabled) }},
	{rtnl.IFLA_BR_MCAST_IGMP_VERSION, "mcast_igmp_version", "mcast_igmp_version", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastIGMPVersion) }},
	{rtnl.IFLA_BR_MCAST_MLD_VERSION, "mcast_mld_version", "mcast_mld_version", func(b *rtnl.BridgeData) uint64 { return uint64(b.McastMLDVersion) }},
	{rtnl.IFLA_BR_NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables", func(b *rtnl.BridgeData) uint64 { return uint64(b.NFCallIPTables) }},
	{rtnl.IFLA_BR_NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables", func(b *rtnl.BridgeData) uint64 { return uint64(b.NFCallIP6Tables) }},
	{rtnl.IFLA_BR_NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables", func(b *rtnl.BridgeData) uint64 { return uint64(b.NFCallARPTables) }},
}
