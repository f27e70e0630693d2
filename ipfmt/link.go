package ipfmt

import (
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
)

// The link fields the schema names (IFLA_*), and the ifinfomsg ones it
// does not (print_linkinfo in ip/ipaddress.c).
var (
	lkAddress   = rtnl.LinkAttrsFieldName(rtnl.IFLA_ADDRESS)
	lkBroadcast = rtnl.LinkAttrsFieldName(rtnl.IFLA_BROADCAST)
	lkIfName    = rtnl.LinkAttrsFieldName(rtnl.IFLA_IFNAME)
	lkLink      = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINK)
	lkTxQLen    = rtnl.LinkAttrsFieldName(rtnl.IFLA_TXQLEN)
	lkOperState = rtnl.LinkAttrsFieldName(rtnl.IFLA_OPERSTATE)
	lkLinkMode  = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINKMODE)
	lkLinkInfo  = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINKINFO)
	lkIfAlias   = rtnl.LinkAttrsFieldName(rtnl.IFLA_IFALIAS)
	lkNetNSID   = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINK_NETNSID)
	lkProtoDown = rtnl.LinkAttrsFieldName(rtnl.IFLA_PROTO_DOWN)
	lkAltNames  = rtnl.LinkAttrsFieldName(rtnl.IFLA_PROP_LIST)
	lkPermAddr  = rtnl.LinkAttrsFieldName(rtnl.IFLA_PERM_ADDRESS)

	liKind      = rtnl.LinkInfoFieldName(rtnl.IFLA_INFO_KIND)
	liSlaveKind = rtnl.LinkInfoFieldName(rtnl.IFLA_INFO_SLAVE_KIND)

	lkIndex    = field{Text: "", JSON: "ifindex"}
	lkFlags    = field{Text: "", JSON: "flags"}
	lkLinkType = field{Text: "", JSON: "link_type"}
)

// linkView is which command's form of a link is printed: ip link prints
// the mode and the alias, ip addr does not, ip monitor neither nor qlen.
type linkView uint8

const (
	viewLink linkView = iota
	viewAddr
	viewMonitor
)

// linkFlagWords is print_link_flags: NO-CARRIER for a link that is up
// without carrier, the IFF_* words in the schema's (ip's) order without
// RUNNING, unnamed bits in hex, M-DOWN when the peer is down.
func linkFlagWords(f rtnl.LinkFlags, mdown bool) []string {
	var w []string
	if f&rtnl.IFF_UP != 0 && f&rtnl.IFF_RUNNING == 0 {
		w = append(w, "NO-CARRIER")
	}
	f &^= rtnl.IFF_RUNNING
	s := f.String()
	w = append(w, flagWords(s)...)
	if strings.Contains(s, "0x") {
		w = append(w, s[strings.LastIndex(s, "0x")+2:])
	}
	if mdown {
		w = append(w, "M-DOWN")
	}
	return w
}

// peerDown says whether ip prints M-DOWN for l: its IFLA_LINK peer is in
// the same namespace and is down (unknown counts as down, as
// ll_index_to_flags returns 0). Without a LinkFlagsLookup nothing is known
// and nothing is printed.
func peerDown(l *rtnl.Link, o *Options) bool {
	if !l.Has(rtnl.IFLA_LINK) || l.Link == 0 || l.Has(rtnl.IFLA_LINK_NETNSID) {
		return false
	}
	fl, ok := o.Links.(LinkFlagsLookup)
	if !ok {
		return false
	}
	f, _ := fl.LinkFlags(l.Link)
	return f&rtnl.IFF_UP == 0
}

// groupName is ip's rtnl_group_n2a: "default" for 0 (/etc/iproute2/group),
// otherwise the number.
func groupName(g uint32, numeric bool) string {
	if g == 0 && !numeric {
		return "default"
	}
	return strconv.FormatUint(uint64(g), 10)
}

// linkTable is print_linkinfo (ip/ipaddress.c), field by field.
var linkTable = table[rtnl.Link]{
	names: rtnl.LinkAttrsFieldName,
	value: (*rtnl.Link).FieldValue,
	rows: []row[rtnl.Link]{
		{hook: linkNameAndFlags},
		{attr: rtnl.IFLA_MTU},
		{attr: rtnl.IFLA_QDISC},
		{attr: rtnl.IFLA_MASTER, form: formDev},
		{hook: linkOperState},
		{hook: linkMode},
		{hook: func(s *sink, l *rtnl.Link) {
			if l.Has(rtnl.IFLA_GROUP) {
				s.str(rtnl.LinkAttrsFieldName(rtnl.IFLA_GROUP), groupName(l.Group, s.o.Numeric))
			}
		}},
		{hook: linkQLen},
		{hook: linkLayer},
		{hook: linkNetNS},
		{hook: func(s *sink, l *rtnl.Link) {
			if l.Has(rtnl.IFLA_PROTO_DOWN) && l.ProtoDown != 0 {
				s.jsonBool(lkProtoDown.JSON, true)
				s.word(lkProtoDown.Text, "on")
			}
		}},
		{details: true, attr: rtnl.IFLA_PROMISCUITY},
		{details: true, attr: rtnl.IFLA_ALLMULTI},
		{details: true, attr: rtnl.IFLA_MIN_MTU},
		{details: true, attr: rtnl.IFLA_MAX_MTU},
		{details: true, hook: func(s *sink, l *rtnl.Link) {
			if l.Has(rtnl.IFLA_LINKINFO) {
				printLinkKind(s, &l.LinkInfo)
			}
		}},
		{details: true, attr: rtnl.IFLA_NUM_TX_QUEUES},
		{details: true, attr: rtnl.IFLA_NUM_RX_QUEUES},
		{details: true, attr: rtnl.IFLA_GSO_MAX_SIZE},
		{details: true, attr: rtnl.IFLA_GSO_MAX_SEGS},
		{details: true, attr: rtnl.IFLA_TSO_MAX_SIZE},
		{details: true, attr: rtnl.IFLA_TSO_MAX_SEGS},
		{details: true, attr: rtnl.IFLA_GRO_MAX_SIZE},
		// iproute2 6.1 does not print IFLA_GSO_IPV4_MAX_SIZE and
		// IFLA_GRO_IPV4_MAX_SIZE; later versions print them here.
		{details: true, attr: rtnl.IFLA_PHYS_PORT_NAME},
		{details: true, attr: rtnl.IFLA_PHYS_PORT_ID, form: formHex},
		{details: true, attr: rtnl.IFLA_PHYS_SWITCH_ID, form: formHex},
		{details: true, attr: rtnl.IFLA_PARENT_DEV_BUS_NAME},
		{details: true, attr: rtnl.IFLA_PARENT_DEV_NAME},
		{hook: linkAlias},
		{hook: linkAltNames},
	},
}

// walkLink is print_linkinfo for `ip link show`.
func walkLink(s *sink, l *rtnl.Link) { walkLinkView(s, l, viewLink) }

func walkLinkView(s *sink, l *rtnl.Link, view linkView) {
	s.view = view
	linkTable.walk(s, l)
}

// linkNameAndFlags: "INDEX: NAME@PEER: <FLAGS>" (print_name_and_link,
// print_link_flags); in JSON ifindex, link or link_index, ifname, flags.
func linkNameAndFlags(s *sink, l *rtnl.Link) {
	o, h := s.o, &l.Header
	s.int(lkIndex, int64(h.Index))
	s.raw(":")
	name := l.IfName.String()
	if l.Has(rtnl.IFLA_LINK) {
		switch {
		case l.Link == 0:
			s.jsonNull(lkLink.JSON)
			name += "@NONE"
		case l.Has(rtnl.IFLA_LINK_NETNSID):
			s.jsonInt("link_index", int64(l.Link))
			name += "@if" + strconv.FormatUint(uint64(l.Link), 10)
		default:
			s.jsonStr(lkLink.JSON, o.devName(l.Link))
			name += "@" + o.devName(l.Link)
		}
	}
	flags := linkFlagWords(h.Flags, peerDown(l, o))
	if s.json {
		s.jsonStr(lkIfName.JSON, l.IfName.String())
		s.words(lkFlags.JSON, flags)
		return
	}
	s.word(name+":", "<"+strings.Join(flags, ",")+">")
}

// linkOperState: ip knows the states up to UP; past them, operstate_index
// or "state 0xN".
func linkOperState(s *sink, l *rtnl.Link) {
	if !l.Has(rtnl.IFLA_OPERSTATE) {
		return
	}
	switch st := l.OperState; {
	case st <= rtnl.IF_OPER_UP:
		s.str(lkOperState, st.String())
	case s.json:
		s.jsonUint("operstate_index", uint64(st))
	default:
		s.word(lkOperState.Text, "0x"+strconv.FormatUint(uint64(st), 16))
	}
}

// linkMode: ip link only; ip knows DEFAULT and DORMANT.
func linkMode(s *sink, l *rtnl.Link) {
	if s.view != viewLink || !l.Has(rtnl.IFLA_LINKMODE) {
		return
	}
	if m := l.LinkMode; m <= rtnl.IF_LINK_MODE_DORMANT {
		s.str(lkLinkMode, m.String())
	} else {
		s.int(field{Text: lkLinkMode.Text, JSON: "linkmode_index"}, int64(m))
	}
}

// linkQLen: a non-zero txqlen, not in ip monitor.
func linkQLen(s *sink, l *rtnl.Link) {
	if s.view != viewMonitor && l.Has(rtnl.IFLA_TXQLEN) && l.TxQLen != 0 {
		s.int(lkTxQLen, int64(l.TxQLen))
	}
}

// linkLayer is the "    link/ether ADDR brd ADDR" line; ip -4/-6 addr
// leave it out unless -d (ip link lists links as AF_PACKET whatever -4/-6
// say, and prints it).
func linkLayer(s *sink, l *rtnl.Link) {
	if s.view == viewAddr && s.o.Family != 0 && !s.o.Details {
		return
	}
	h := &l.Header
	s.raw("\n    link/")
	s.str(lkLinkType, linkTypeName(h.Type, s.o.Numeric))
	if l.Has(rtnl.IFLA_ADDRESS) {
		s.str(lkAddress, llAddr(l.Address, h.Type))
	}
	if l.Has(rtnl.IFLA_BROADCAST) {
		f := lkBroadcast
		if h.Flags&rtnl.IFF_POINTOPOINT != 0 {
			f.Text = "peer"
			s.jsonBool("link_pointtopoint", true)
		}
		s.str(f, llAddr(l.Broadcast, h.Type))
	}
	if l.Has(rtnl.IFLA_PERM_ADDRESS) && (!l.Has(rtnl.IFLA_ADDRESS) || string(l.PermAddress) != string(l.Address)) {
		s.str(lkPermAddr, llAddr(l.PermAddress, h.Type))
	}
}

// linkNetNS: the peer's namespace, "link-netns NAME" when it is known by
// name.
func linkNetNS(s *sink, l *rtnl.Link) {
	if !l.Has(rtnl.IFLA_LINK_NETNSID) {
		return
	}
	o, id := s.o, l.LinkNetNSID
	var name string
	var named bool
	if o.NetNS != nil && id >= 0 {
		name, named = o.NetNS.NetNSName(id)
	}
	switch {
	case s.json:
		s.jsonInt(lkNetNSID.JSON, int64(id))
	case named:
		s.word("link-netns", name)
	case id >= 0:
		s.int(lkNetNSID, int64(id))
	default:
		s.word(lkNetNSID.Text, "unknown")
	}
}

// linkAlias: "    alias TEXT" on its own line, ip link (or -d) only.
func linkAlias(s *sink, l *rtnl.Link) {
	if (s.view == viewLink || s.o.Details) && l.Has(rtnl.IFLA_IFALIAS) {
		s.raw("\n    ")
		s.str(lkIfAlias, l.IfAlias.String())
	}
}

// linkAltNames: one "    altname NAME" line each, the "altnames" array.
func linkAltNames(s *sink, l *rtnl.Link) {
	if !l.Has(rtnl.IFLA_PROP_LIST) {
		return
	}
	s.openArray(lkAltNames.JSON)
	for _, n := range l.PropList.AltNames {
		s.raw("\n    ")
		s.word(lkAltNames.Text)
		s.elem(n.String())
	}
	s.closeArray()
}

// printLinkKind is the part of print_linktype the schema decodes: the
// kind words ("\n    veth" / "linkinfo":{"info_kind":"veth"}) and, for
// the kinds printLinkData knows, the kind-specific data (IFLA_INFO_DATA).
func printLinkKind(s *sink, li *rtnl.LinkInfo) {
	hasKind, hasSlave := li.Has(rtnl.IFLA_INFO_KIND), li.Has(rtnl.IFLA_INFO_SLAVE_KIND)
	if !hasKind && !hasSlave {
		return
	}
	s.open(lkLinkInfo.JSON)
	if hasKind {
		s.raw("\n    ")
		s.str(liKind, li.Kind.String())
		printLinkData(s, li)
	}
	if hasSlave {
		s.raw("\n    ")
		s.jsonStr(liSlaveKind.JSON, li.SlaveKind.String())
		s.word(li.SlaveKind.String() + "_slave")
		if li.Has(rtnl.IFLA_INFO_SLAVE_DATA) && li.SlaveKind.String() == "bridge" {
			printBridgePort(s, &li.SlaveData.Bridge)
		}
	}
	s.close()
}
