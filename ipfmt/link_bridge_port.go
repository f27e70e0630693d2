package ipfmt

import (
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
)

// bridgePortStates are the BR_STATE_* names ip prints.
var bridgePortStates = []string{"disabled", "listening", "learning", "forwarding", "blocking"}

// printBridgePort is bridge_slave_print_opt (ip/iplink_bridge_slave.c,
// iproute2 6.1), in its order: a bridge port's IFLA_INFO_SLAVE_DATA.
func printBridgePort(s *sink, p *rtnl.BridgePortData) {
	s.open(liSlaveData.JSON)
	onOff := func(id uint16, v uint8, key, word string) {
		if !p.Has(id) {
			return
		}
		s.jsonBool(key, v != 0)
		s.word(word, map[bool]string{true: "on", false: "off"}[v != 0])
	}
	num := func(id uint16, v uint64, key, word string) {
		if p.Has(id) {
			s.uint(field{Text: word, JSON: key}, v)
		}
	}
	hex := func(id uint16, v uint64, key, word string) {
		if p.Has(id) {
			s.str(field{Text: word, JSON: key}, hex0x(v))
		}
	}
	if p.Has(rtnl.IFLA_BRPORT_STATE) {
		if int(p.State) < len(bridgePortStates) {
			s.str(field{Text: "state", JSON: "state"}, bridgePortStates[p.State])
		} else {
			s.jsonInt("state_index", int64(p.State))
			s.word("state", "("+strconv.Itoa(int(p.State))+")")
		}
	}
	num(rtnl.IFLA_BRPORT_PRIORITY, uint64(p.Priority), "priority", "priority")
	num(rtnl.IFLA_BRPORT_COST, uint64(p.Cost), "cost", "cost")
	onOff(rtnl.IFLA_BRPORT_MODE, p.Mode, "hairpin", "hairpin")
	onOff(rtnl.IFLA_BRPORT_GUARD, p.Guard, "guard", "guard")
	onOff(rtnl.IFLA_BRPORT_PROTECT, p.Protect, "root_block", "root_block")
	onOff(rtnl.IFLA_BRPORT_FAST_LEAVE, p.FastLeave, "fastleave", "fastleave")
	onOff(rtnl.IFLA_BRPORT_LEARNING, p.Learning, "learning", "learning")
	onOff(rtnl.IFLA_BRPORT_UNICAST_FLOOD, p.UnicastFlood, "flood", "flood")
	hex(rtnl.IFLA_BRPORT_ID, uint64(p.ID), "id", "port_id")
	hex(rtnl.IFLA_BRPORT_NO, uint64(p.No), "no", "port_no")
	num(rtnl.IFLA_BRPORT_DESIGNATED_PORT, uint64(p.DesignatedPort), "designated_port", "designated_port")
	num(rtnl.IFLA_BRPORT_DESIGNATED_COST, uint64(p.DesignatedCost), "designated_cost", "designated_cost")
	if p.Has(rtnl.IFLA_BRPORT_BRIDGE_ID) {
		s.str(field{Text: "designated_bridge", JSON: "bridge_id"}, bridgeID(p.BridgeID))
	}
	if p.Has(rtnl.IFLA_BRPORT_ROOT_ID) {
		s.str(field{Text: "designated_root", JSON: "root_id"}, bridgeID(p.RootID))
	}
	if p.Has(rtnl.IFLA_BRPORT_HOLD_TIMER) {
		printTimer(s, "hold_timer", p.HoldTimer)
	}
	if p.Has(rtnl.IFLA_BRPORT_MESSAGE_AGE_TIMER) {
		printTimer(s, "message_age_timer", p.MessageAgeTimer)
	}
	if p.Has(rtnl.IFLA_BRPORT_FORWARD_DELAY_TIMER) {
		printTimer(s, "forward_delay_timer", p.ForwardDelayTimer)
	}
	num(rtnl.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, uint64(p.TopologyChangeAck), "topology_change_ack", "topology_change_ack")
	num(rtnl.IFLA_BRPORT_CONFIG_PENDING, uint64(p.ConfigPending), "config_pending", "config_pending")
	onOff(rtnl.IFLA_BRPORT_PROXYARP, p.ProxyARP, "proxy_arp", "proxy_arp")
	onOff(rtnl.IFLA_BRPORT_PROXYARP_WIFI, p.ProxyARPWifi, "proxy_arp_wifi", "proxy_arp_wifi")
	num(rtnl.IFLA_BRPORT_MULTICAST_ROUTER, uint64(p.MulticastRouter), "multicast_router", "mcast_router")
	if p.Has(rtnl.IFLA_BRPORT_FAST_LEAVE) { // text only: JSON has fastleave
		s.word("mcast_fast_leave", map[bool]string{true: "on", false: "off"}[p.FastLeave != 0])
	}
	onOff(rtnl.IFLA_BRPORT_MCAST_FLOOD, p.McastFlood, "mcast_flood", "mcast_flood")
	onOff(rtnl.IFLA_BRPORT_BCAST_FLOOD, p.BcastFlood, "bcast_flood", "bcast_flood")
	onOff(rtnl.IFLA_BRPORT_MCAST_TO_UCAST, p.McastToUcast, "mcast_to_unicast", "mcast_to_unicast")
	onOff(rtnl.IFLA_BRPORT_NEIGH_SUPPRESS, p.NeighSuppress, "neigh_suppress", "neigh_suppress")
	if p.Has(rtnl.IFLA_BRPORT_GROUP_FWD_MASK) {
		hex(rtnl.IFLA_BRPORT_GROUP_FWD_MASK, uint64(p.GroupFwdMask), "group_fwd_mask", "group_fwd_mask")
		s.str(field{Text: "group_fwd_mask_str", JSON: "group_fwd_mask_str"}, fwdMaskString(p.GroupFwdMask))
	}
	onOff(rtnl.IFLA_BRPORT_VLAN_TUNNEL, p.VLANTunnel, "vlan_tunnel", "vlan_tunnel")
	onOff(rtnl.IFLA_BRPORT_ISOLATED, p.Isolated, "isolated", "isolated")
	onOff(rtnl.IFLA_BRPORT_LOCKED, p.Locked, "locked", "locked")
	if p.Has(rtnl.IFLA_BRPORT_BACKUP_PORT) {
		s.str(field{Text: "backup_port", JSON: "backup_port"}, s.o.devName(p.BackupPort))
	}
	s.close()
}

// fwdMaskString is _bitmask2str over ip's fwd_mask_tbl: stp, lacp, lldp
// by name, other bits as 0xN, comma-separated; "0x0" for none.
func fwdMaskString(m uint16) string {
	names := map[int]string{0: "stp", 2: "lacp", 14: "lldp"}
	var out []string
	for i := 0; m != 0; i, m = i+1, m>>1 {
		if m&1 != 0 {
			if n, ok := names[i]; ok {
				out = append(out, n)
			} else {
				out = append(out, "0x"+strconv.FormatUint(1<<i, 16))
			}
		}
	}
	if len(out) == 0 {
		return "0x0"
	}
	return strings.Join(out, ",")
}
