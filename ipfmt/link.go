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
	lkMTU       = rtnl.LinkAttrsFieldName(rtnl.IFLA_MTU)
	lkLink      = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINK)
	lkQdisc     = rtnl.LinkAttrsFieldName(rtnl.IFLA_QDISC)
	lkMaster    = rtnl.LinkAttrsFieldName(rtnl.IFLA_MASTER)
	lkTxQLen    = rtnl.LinkAttrsFieldName(rtnl.IFLA_TXQLEN)
	lkOperState = rtnl.LinkAttrsFieldName(rtnl.IFLA_OPERSTATE)
	lkLinkMode  = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINKMODE)
	lkLinkInfo  = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINKINFO)
	lkIfAlias   = rtnl.LinkAttrsFieldName(rtnl.IFLA_IFALIAS)
	lkGroup     = rtnl.LinkAttrsFieldName(rtnl.IFLA_GROUP)
	lkPromisc   = rtnl.LinkAttrsFieldName(rtnl.IFLA_PROMISCUITY)
	lkTxQueues  = rtnl.LinkAttrsFieldName(rtnl.IFLA_NUM_TX_QUEUES)
	lkRxQueues  = rtnl.LinkAttrsFieldName(rtnl.IFLA_NUM_RX_QUEUES)
	lkNetNSID   = rtnl.LinkAttrsFieldName(rtnl.IFLA_LINK_NETNSID)
	lkProtoDown = rtnl.LinkAttrsFieldName(rtnl.IFLA_PROTO_DOWN)
	lkMinMTU    = rtnl.LinkAttrsFieldName(rtnl.IFLA_MIN_MTU)
	lkMaxMTU    = rtnl.LinkAttrsFieldName(rtnl.IFLA_MAX_MTU)
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
	named := flagWords(f.String())
	w = append(w, named...)
	if s := f.String(); strings.Contains(s, "0x") {
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

// walkLink is print_linkinfo for `ip link show`.
func walkLink(s *sink, l *rtnl.Link) { walkLinkView(s, l, viewLink) }

func walkLinkView(s *sink, l *rtnl.Link, view linkView) {
	o := s.o
	h := &l.Header
	s.int(lkIndex, int64(h.Index))
	s.raw(":")
	// print_name_and_link: "NAME@PEER" in text, "link" (or "link_index")
	// beside "ifname" in JSON.
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
	if s.json {
		s.jsonStr(lkIfName.JSON, l.IfName.String())
	} else {
		s.word(name + ":")
	}
	flags := linkFlagWords(h.Flags, peerDown(l, o))
	if s.json {
		s.words(lkFlags.JSON, flags)
	} else {
		s.word("<" + strings.Join(flags, ",") + ">")
	}
	if l.Has(rtnl.IFLA_MTU) {
		s.uint(lkMTU, uint64(l.MTU))
	}
	if l.Has(rtnl.IFLA_QDISC) {
		s.str(lkQdisc, l.Qdisc.String())
	}
	if l.Has(rtnl.IFLA_MASTER) {
		s.str(lkMaster, o.devName(l.Master))
	}
	if l.Has(rtnl.IFLA_OPERSTATE) {
		if st := l.OperState; st <= rtnl.IF_OPER_UP {
			s.str(lkOperState, st.String())
		} else if s.json {
			s.jsonUint("operstate_index", uint64(st))
		} else {
			s.word(lkOperState.Text, "0x"+strconv.FormatUint(uint64(st), 16))
		}
	}
	if view == viewLink && l.Has(rtnl.IFLA_LINKMODE) {
		if m := l.LinkMode; m <= rtnl.IF_LINK_MODE_DORMANT {
			s.str(lkLinkMode, m.String())
		} else {
			s.int(field{Text: lkLinkMode.Text, JSON: "linkmode_index"}, int64(m))
		}
	}
	if l.Has(rtnl.IFLA_GROUP) {
		s.str(lkGroup, groupName(l.Group, o.Numeric))
	}
	if view != viewMonitor && l.Has(rtnl.IFLA_TXQLEN) && l.TxQLen != 0 {
		s.int(lkTxQLen, int64(l.TxQLen))
	}
	if o.Family == 0 || o.Details {
		printLinkLayer(s, l)
	}
	printLinkRest(s, l, view)
}

// printLinkLayer is the "    link/ether ADDR brd ADDR" line.
func printLinkLayer(s *sink, l *rtnl.Link) {
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

// printLinkRest is what print_linkinfo prints after the link-layer line.
func printLinkRest(s *sink, l *rtnl.Link, view linkView) {
	o := s.o
	if l.Has(rtnl.IFLA_LINK_NETNSID) {
		// "link-netns NAME" when the id names a namespace known by name.
		id := l.LinkNetNSID
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
	if l.Has(rtnl.IFLA_PROTO_DOWN) && l.ProtoDown != 0 {
		s.jsonBool(lkProtoDown.JSON, true)
		s.word(lkProtoDown.Text, "on")
	}
	if o.Details {
		if l.Has(rtnl.IFLA_PROMISCUITY) {
			s.uint(lkPromisc, uint64(l.Promiscuity))
		}
		if l.Has(rtnl.IFLA_MIN_MTU) {
			s.uint(lkMinMTU, uint64(l.MinMTU))
		}
		if l.Has(rtnl.IFLA_MAX_MTU) {
			s.uint(lkMaxMTU, uint64(l.MaxMTU))
		}
		if l.Has(rtnl.IFLA_LINKINFO) {
			printLinkKind(s, &l.LinkInfo)
		}
		if l.Has(rtnl.IFLA_NUM_TX_QUEUES) {
			s.uint(lkTxQueues, uint64(l.NumTxQueues))
		}
		if l.Has(rtnl.IFLA_NUM_RX_QUEUES) {
			s.uint(lkRxQueues, uint64(l.NumRxQueues))
		}
	}
	if (view == viewLink || o.Details) && l.Has(rtnl.IFLA_IFALIAS) {
		s.raw("\n    ")
		s.str(lkIfAlias, l.IfAlias.String())
	}
	if l.Has(rtnl.IFLA_PROP_LIST) {
		s.openArray(lkAltNames.JSON)
		for _, n := range l.PropList.AltNames {
			s.raw("\n    ")
			s.word(lkAltNames.Text)
			s.elem(n.String())
		}
		s.closeArray()
	}
}

// printLinkKind is the part of print_linktype the schema decodes: the
// kind words ("\n    veth" / "linkinfo":{"info_kind":"veth"}). The
// kind-specific data (IFLA_INFO_DATA) is not printed.
func printLinkKind(s *sink, li *rtnl.LinkInfo) {
	hasKind, hasSlave := li.Has(rtnl.IFLA_INFO_KIND), li.Has(rtnl.IFLA_INFO_SLAVE_KIND)
	if !hasKind && !hasSlave {
		return
	}
	s.open(lkLinkInfo.JSON)
	if hasKind {
		s.raw("\n    ")
		s.str(liKind, li.Kind.String())
	}
	if hasSlave {
		s.raw("\n    ")
		s.jsonStr(liSlaveKind.JSON, li.SlaveKind.String())
		s.word(li.SlaveKind.String() + "_slave")
	}
	s.close()
}
