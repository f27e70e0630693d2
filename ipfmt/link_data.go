package ipfmt

import (
	"encoding/binary"
	"net"
	"net/netip"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// The kind-specific settings of `ip -d link` (IFLA_INFO_DATA), printed by
// ip's link_util print_opt of each kind, after the kind's word. Kinds
// without one here (vlan, bond, ...) print their kind word only; veth
// and ifb have no data.

var (
	liData      = rtnl.LinkInfoFieldName(rtnl.IFLA_INFO_DATA)
	liSlaveData = rtnl.LinkInfoFieldName(rtnl.IFLA_INFO_SLAVE_DATA)

	mvMode     = rtnl.MacvlanDataFieldName(rtnl.IFLA_MACVLAN_MODE)
	mvBCQueue  = rtnl.MacvlanDataFieldName(rtnl.IFLA_MACVLAN_BC_QUEUE_LEN)
	mvBCUsed   = rtnl.MacvlanDataFieldName(rtnl.IFLA_MACVLAN_BC_QUEUE_LEN_USED)
	mvBCCutoff = rtnl.MacvlanDataFieldName(rtnl.IFLA_MACVLAN_BC_CUTOFF)
)

// printLinkData prints li's IFLA_INFO_DATA for the kinds ipfmt knows.
func printLinkData(s *sink, li *rtnl.LinkInfo) {
	if !li.Has(rtnl.IFLA_INFO_DATA) {
		return
	}
	switch li.Kind.String() {
	case "macvlan":
		printMacvlan(s, &li.Data.Macvlan)
	case "macvtap":
		printMacvlan(s, &li.Data.Macvtap)
	case "vxlan":
		printVxlan(s, &li.Data.Vxlan)
	case "bridge":
		printBridge(s, &li.Data.Bridge)
	}
}

// MACVLAN_FLAG_NOPROMISC and MACVLAN_FLAG_NODST (linux/if_link.h).
const (
	macvlanFlagNoPromisc = 1
	macvlanFlagNoDst     = 2
)

// printMacvlan is macvlan_print_opt (ip/iplink_macvlan.c): mode, the
// nopromisc and nodst flags, the broadcast queue's length, use and cutoff.
// In source mode, the count and list of remote addresses.
func printMacvlan(s *sink, m *rtnl.MacvlanData) {
	if !m.Has(rtnl.IFLA_MACVLAN_MODE) {
		return // ip prints nothing without a mode
	}
	s.open(liData.JSON)
	mode := m.Mode.String()
	if _, err := strconv.ParseUint(mode, 10, 32); err == nil {
		mode = "unknown"
	}
	s.str(mvMode, mode)
	if m.Has(rtnl.IFLA_MACVLAN_FLAGS) {
		if m.Flags&macvlanFlagNoPromisc != 0 {
			s.jsonBool("nopromisc", true)
			s.word("nopromisc")
		}
		if m.Flags&macvlanFlagNoDst != 0 {
			s.jsonBool("nodst", true)
			s.word("nodst")
		}
	}
	if m.Has(rtnl.IFLA_MACVLAN_BC_QUEUE_LEN) {
		s.uint(mvBCQueue, uint64(m.BCQueueLen))
	}
	if m.Has(rtnl.IFLA_MACVLAN_BC_QUEUE_LEN_USED) {
		s.uint(mvBCUsed, uint64(m.BCQueueLenUsed))
	}
	if m.Has(rtnl.IFLA_MACVLAN_BC_CUTOFF) {
		s.int(mvBCCutoff, int64(m.BCCutoff))
	}
	if m.Mode == rtnl.MACVLAN_MODE_SOURCE && m.Has(rtnl.IFLA_MACVLAN_MACADDR_COUNT) {
		n := strconv.FormatUint(uint64(m.MacaddrCount), 10)
		s.jsonUint("macaddr_count", uint64(m.MacaddrCount))
		s.word("remotes", "("+n+")")
		if m.Has(rtnl.IFLA_MACVLAN_MACADDR_DATA) {
			s.openArray("macaddr_data")
			// A run of IFLA_MACVLAN_MACADDR attributes, kept raw by the schema.
			for b := m.MacaddrData; len(b) >= 4; {
				l := int(binary.LittleEndian.Uint16(b))
				if l < 4 || l > len(b) {
					break
				}
				if binary.LittleEndian.Uint16(b[2:])&0x3fff == rtnl.IFLA_MACVLAN_MACADDR && l >= 10 {
					s.elem(net.HardwareAddr(b[4:10]).String())
				}
				b = b[min((l+3)&^3, len(b)):]
			}
			s.closeArray()
		}
	}
	s.close()
}

var (
	vxID     = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_ID)
	vxPort   = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_PORT)
	vxLimit  = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_LIMIT)
	vxLink   = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_LINK)
	vxLocal  = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_LOCAL)
	vxLocal6 = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_LOCAL6)
	vxAgeing = rtnl.VxlanDataFieldName(rtnl.IFLA_VXLAN_AGEING)
)

// printVxlan is vxlan_print_opt (ip/iplink_vxlan.c, iproute2 6.1), in its
// order and with its irregular words: remote or group by the address,
// srcport LOW HIGH (JSON port_range), nolearning, tos and ttl with
// inherit/auto, df, flowlabel, the checksum words.
func printVxlan(s *sink, v *rtnl.VxlanData) {
	s.open(liData.JSON)
	flag := func(id uint16, on uint8, key, word string) {
		if v.Has(id) && on != 0 {
			s.jsonBool(key, true)
			s.word(word)
		}
	}
	flag(rtnl.IFLA_VXLAN_COLLECT_METADATA, v.CollectMetadata, "external", "external")
	flag(rtnl.IFLA_VXLAN_VNIFILTER, v.VNIFilter, "vnifilter", "vnifilter")
	if v.Has(rtnl.IFLA_VXLAN_ID) {
		s.uint(vxID, uint64(v.VNI))
	}
	group := func(a netip.Addr, mcast, ucast string) {
		if a.IsValid() && !a.IsUnspecified() {
			k := ucast
			if a.IsMulticast() {
				k = mcast
			}
			s.jsonStr(k, a.String())
			s.word(map[bool]string{true: "group", false: "remote"}[a.IsMulticast()], a.String())
		}
	}
	if v.Has(rtnl.IFLA_VXLAN_GROUP) {
		group(v.Group, "group", "remote")
	} else if v.Has(rtnl.IFLA_VXLAN_GROUP6) {
		group(v.Group6, "group6", "remote6")
	}
	if v.Has(rtnl.IFLA_VXLAN_LOCAL) {
		if v.Local.IsValid() && !v.Local.IsUnspecified() {
			s.str(vxLocal, v.Local.String())
		}
	} else if v.Has(rtnl.IFLA_VXLAN_LOCAL6) && v.Local6.IsValid() && !v.Local6.IsUnspecified() {
		s.str(vxLocal6, v.Local6.String())
	}
	if v.Has(rtnl.IFLA_VXLAN_LINK) && v.Link != 0 {
		s.str(vxLink, s.o.devName(v.Link))
	}
	if v.Has(rtnl.IFLA_VXLAN_PORT_RANGE) && len(v.PortRange) >= 4 {
		lo, hi := binary.BigEndian.Uint16(v.PortRange), binary.BigEndian.Uint16(v.PortRange[2:])
		s.open("port_range")
		s.jsonUint("low", uint64(lo))
		s.jsonUint("high", uint64(hi))
		s.close()
		s.word("srcport", strconv.Itoa(int(lo)), strconv.Itoa(int(hi)))
	}
	if v.Has(rtnl.IFLA_VXLAN_PORT) {
		s.uint(vxPort, uint64(v.Port))
	}
	if v.Has(rtnl.IFLA_VXLAN_LEARNING) {
		s.jsonBool("learning", v.Learning != 0)
		if v.Learning == 0 {
			s.word("nolearning")
		}
	}
	flag(rtnl.IFLA_VXLAN_PROXY, v.Proxy, "proxy", "proxy")
	flag(rtnl.IFLA_VXLAN_RSC, v.RSC, "rsc", "rsc")
	flag(rtnl.IFLA_VXLAN_L2MISS, v.L2Miss, "l2miss", "l2miss")
	flag(rtnl.IFLA_VXLAN_L3MISS, v.L3Miss, "l3miss", "l3miss")
	if tos := v.TOS; v.Has(rtnl.IFLA_VXLAN_TOS) && tos != 0 {
		hex := "0x" + strconv.FormatUint(uint64(tos), 16)
		s.jsonStr("tos", hex)
		if tos == 1 {
			hex = "inherit"
		}
		s.word("tos", hex)
	}
	if v.Has(rtnl.IFLA_VXLAN_TTL_INHERIT) && v.TTLInherit != 0 {
		s.word("ttl", "inherit")
	} else if v.Has(rtnl.IFLA_VXLAN_TTL) {
		s.jsonUint("ttl", uint64(v.TTL))
		if v.TTL == 0 {
			s.word("ttl", "auto")
		} else {
			s.word("ttl", strconv.Itoa(int(v.TTL)))
		}
	}
	if v.Has(rtnl.IFLA_VXLAN_DF) {
		switch v.DF {
		case 0: // VXLAN_DF_UNSET: JSON only
			s.jsonStr("df", "unset")
		case 1:
			s.str(field{Text: "df", JSON: "df"}, "set")
		case 2:
			s.str(field{Text: "df", JSON: "df"}, "inherit")
		}
	}
	if v.Has(rtnl.IFLA_VXLAN_LABEL) && v.Label != 0 {
		// A be32 in the schema: v.Label is ip's ntohl(label) already.
		s.str(field{Text: "flowlabel", JSON: "label"}, "0x"+strconv.FormatUint(uint64(v.Label), 16))
	}
	if v.Has(rtnl.IFLA_VXLAN_AGEING) {
		if v.Ageing == 0 {
			s.jsonUint(vxAgeing.JSON, 0)
			s.word(vxAgeing.Text, "none")
		} else {
			s.uint(vxAgeing, uint64(v.Ageing))
		}
	}
	if v.Has(rtnl.IFLA_VXLAN_LIMIT) && v.Limit != 0 {
		s.uint(vxLimit, uint64(v.Limit))
	}
	csum := func(id uint16, on uint8, key, word string) {
		if !v.Has(id) {
			return
		}
		s.jsonBool(key, on != 0)
		if on == 0 {
			word = "no" + word
		}
		s.word(word)
	}
	csum(rtnl.IFLA_VXLAN_UDP_CSUM, v.UDPCsum, "udp_csum", "udpcsum")
	csum(rtnl.IFLA_VXLAN_UDP_ZERO_CSUM6_TX, v.UDPZeroCsum6Tx, "udp_zero_csum6_tx", "udp6zerocsumtx")
	csum(rtnl.IFLA_VXLAN_UDP_ZERO_CSUM6_RX, v.UDPZeroCsum6Rx, "udp_zero_csum6_rx", "udp6zerocsumrx")
	flag(rtnl.IFLA_VXLAN_REMCSUM_TX, v.RemCsumTx, "remcsum_tx", "remcsumtx")
	flag(rtnl.IFLA_VXLAN_REMCSUM_RX, v.RemCsumRx, "remcsum_rx", "remcsumrx")
	flag(rtnl.IFLA_VXLAN_GBP, 1, "gbp", "gbp")
	flag(rtnl.IFLA_VXLAN_GPE, 1, "gpe", "gpe")
	s.close()
}
