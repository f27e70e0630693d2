package ipfmt

import (
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// netconfTable is print_netconf (ip/ipnetconf.c), field by field.
var netconfTable = table[rtnl.Netconf]{
	names: rtnl.NetconfAttrsFieldName,
	value: (*rtnl.Netconf).FieldValue,
	header: func(n *rtnl.Netconf, f *rtnl.FieldName) (nlwire.FieldValue, bool) {
		return n.Header.FieldValue(f)
	},
	rows: []row[rtnl.Netconf]{
		{hdr: &rtnl.NetconfMsgFamilyField, form: formName},
		{hook: netconfIfindex},
		{attr: rtnl.NETCONFA_FORWARDING, form: formOnOff},
		{hook: netconfRPFilter},
		{attr: rtnl.NETCONFA_MC_FORWARDING, form: formOnOff},
		{attr: rtnl.NETCONFA_PROXY_NEIGH, form: formOnOff},
		{attr: rtnl.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, form: formOnOff},
		{attr: rtnl.NETCONFA_INPUT, form: formOnOff},
	},
}

// NETCONFA_IFINDEX_ALL and NETCONFA_IFINDEX_DEFAULT.
const (
	netconfIfindexAll     = -1
	netconfIfindexDefault = -2
)

// walkNetconf is print_netconf.
func walkNetconf(s *sink, n *rtnl.Netconf) { netconfTable.walk(s, n) }

// netconfIfindex: the device, or "all" and "default" for the two
// pseudo-interfaces.
func netconfIfindex(s *sink, n *rtnl.Netconf) {
	if !n.Has(rtnl.NETCONFA_IFINDEX) {
		return
	}
	f := rtnl.NetconfAttrsFieldName(rtnl.NETCONFA_IFINDEX)
	switch n.Ifindex {
	case netconfIfindexAll:
		s.str(f, "all")
	case netconfIfindexDefault:
		s.str(f, "default")
	default:
		s.str(f, s.o.devName(uint32(n.Ifindex)))
	}
}

// netconfRPFilter: off, strict, loose; past them the number.
func netconfRPFilter(s *sink, n *rtnl.Netconf) {
	if !n.Has(rtnl.NETCONFA_RP_FILTER) {
		return
	}
	f := rtnl.NetconfAttrsFieldName(rtnl.NETCONFA_RP_FILTER)
	names := [...]string{"off", "strict", "loose"}
	if v := uint32(n.RPFilter); v < uint32(len(names)) {
		s.str(f, names[v])
	} else {
		s.uint(f, uint64(v))
	}
}
