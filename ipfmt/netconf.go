package ipfmt

import (
	"github.com/linx-go/linx/gen/rtnl"
)

// netconfTable is print_netconf (ip/ipnetconf.c), field by field.
var netconfTable = table[rtnl.Netconf]{
	names: rtnl.NetconfAttrsFieldName,
	has:   (*rtnl.Netconf).Has,
	rows: []row[rtnl.Netconf]{
		{hook: func(s *sink, n *rtnl.Netconf) {
			s.str(field{JSON: "family"}, n.Header.Family.String())
		}},
		{attr: rtnl.NETCONFA_IFINDEX, str: func(o *Options, n *rtnl.Netconf) string {
			switch n.Ifindex {
			case netconfIfindexAll:
				return "all"
			case netconfIfindexDefault:
				return "default"
			}
			return o.devName(uint32(n.Ifindex))
		}},
		{hook: onOff(rtnl.NETCONFA_FORWARDING, func(n *rtnl.Netconf) int32 { return n.Forwarding })},
		{hook: netconfRPFilter},
		{hook: onOff(rtnl.NETCONFA_MC_FORWARDING, func(n *rtnl.Netconf) int32 { return n.MCForwarding })},
		{hook: onOff(rtnl.NETCONFA_PROXY_NEIGH, func(n *rtnl.Netconf) int32 { return n.ProxyNeigh })},
		{hook: onOff(rtnl.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, func(n *rtnl.Netconf) int32 { return n.IgnoreRoutesWithLinkdown })},
		{hook: onOff(rtnl.NETCONFA_INPUT, func(n *rtnl.Netconf) int32 { return n.Input })},
	},
}

// NETCONFA_IFINDEX_ALL and NETCONFA_IFINDEX_DEFAULT.
const (
	netconfIfindexAll     = -1
	netconfIfindexDefault = -2
)

// walkNetconf is print_netconf.
func walkNetconf(s *sink, n *rtnl.Netconf) { netconfTable.walk(s, n) }

// onOff is print_on_off: "NAME on|off" in text, a JSON bool.
func onOff(id uint16, v func(*rtnl.Netconf) int32) func(*sink, *rtnl.Netconf) {
	f := rtnl.NetconfAttrsFieldName(id)
	return func(s *sink, n *rtnl.Netconf) {
		if !n.Has(id) {
			return
		}
		on := v(n) != 0
		if s.json {
			s.jsonBool(f.JSON, on)
		} else if on {
			s.word(f.Text, "on")
		} else {
			s.word(f.Text, "off")
		}
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
