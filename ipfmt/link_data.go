package ipfmt

import (
	"encoding/binary"
	"net"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// The kind-specific settings of `ip -d link` (IFLA_INFO_DATA), printed by
// ip's link_util print_opt of each kind, after the kind's word. Kinds
// without one here (bridge, vxlan, ...) print their kind word only; veth
// and ifb have no data.

var (
	liData = rtnl.LinkInfoFieldName(rtnl.IFLA_INFO_DATA)

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
