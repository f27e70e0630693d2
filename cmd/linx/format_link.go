package main

import (
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
)

// linkFlagsLookup is implemented by link namers that also know the links'
// flags: the text form prints M-DOWN when a link's peer (IFLA_LINK) is
// down, as ip does.
type linkFlagsLookup interface {
	linkFlags(ifindex uint32) (rtnl.LinkFlags, bool)
}

// linkTextOptions are the parts of a link that ip prints in some listings
// only.
type linkTextOptions struct {
	mode    bool // "mode DEFAULT": ip link, not ip addr or ip monitor
	qlen    bool // "qlen N": ip link and ip addr, not ip monitor
	alias   bool // the "    alias TEXT" line: ip link only
	noLLine bool // no "    link/TYPE ADDR" line: ip addr -4/-6
}

// linkFlagOrder is the order in which ip prints the IFF_* flags.
var linkFlagOrder = [...]struct {
	bit  rtnl.LinkFlags
	name string
}{
	{rtnl.IFF_LOOPBACK, "LOOPBACK"},
	{rtnl.IFF_BROADCAST, "BROADCAST"},
	{rtnl.IFF_POINTOPOINT, "POINTOPOINT"},
	{rtnl.IFF_MULTICAST, "MULTICAST"},
	{rtnl.IFF_NOARP, "NOARP"},
	{rtnl.IFF_ALLMULTI, "ALLMULTI"},
	{rtnl.IFF_PROMISC, "PROMISC"},
	{rtnl.IFF_MASTER, "MASTER"},
	{rtnl.IFF_SLAVE, "SLAVE"},
	{rtnl.IFF_DEBUG, "DEBUG"},
	{rtnl.IFF_DYNAMIC, "DYNAMIC"},
	{rtnl.IFF_AUTOMEDIA, "AUTOMEDIA"},
	{rtnl.IFF_PORTSEL, "PORTSEL"},
	{rtnl.IFF_NOTRAILERS, "NOTRAILERS"},
	{rtnl.IFF_UP, "UP"},
	{rtnl.IFF_LOWER_UP, "LOWER_UP"},
	{rtnl.IFF_DORMANT, "DORMANT"},
	{rtnl.IFF_ECHO, "ECHO"},
}

// linkFlagWords are the words ip prints between < and > (and in the JSON
// "flags" array): NO-CARRIER for a link that is up without carrier, the
// IFF_* names except RUNNING, unnamed bits in hex, and M-DOWN when the
// peer is down (mdown).
func linkFlagWords(f rtnl.LinkFlags, mdown bool) []string {
	var w []string
	if f&rtnl.IFF_UP != 0 && f&rtnl.IFF_RUNNING == 0 {
		w = append(w, "NO-CARRIER")
	}
	f &^= rtnl.IFF_RUNNING
	for _, n := range linkFlagOrder {
		if f&n.bit != 0 {
			w = append(w, n.name)
			f &^= n.bit
		}
	}
	if f != 0 {
		w = append(w, strconv.FormatUint(uint64(f), 16))
	}
	if mdown {
		w = append(w, "M-DOWN")
	}
	return w
}

// peerDown says whether ip would print M-DOWN for l: its IFLA_LINK peer is
// in the same namespace and is down or unknown.
func peerDown(l *rtnl.Link, names linkNamer) bool {
	if !l.Has(rtnl.IFLA_LINK) || l.Link == 0 || l.Has(rtnl.IFLA_LINK_NETNSID) {
		return false
	}
	fl, ok := names.(linkFlagsLookup)
	if !ok {
		return false // nothing known about flags: print nothing rather than guess
	}
	f, known := fl.linkFlags(l.Link)
	return !known || f&rtnl.IFF_UP == 0
}

// linkTypeNames are ip's names for the ARPHRD_* link types (ll_types.c).
var linkTypeNames = map[uint16]string{
	unix.ARPHRD_NETROM: "netrom", unix.ARPHRD_ETHER: "ether", unix.ARPHRD_EETHER: "eether",
	unix.ARPHRD_AX25: "ax25", unix.ARPHRD_PRONET: "pronet", unix.ARPHRD_CHAOS: "chaos",
	unix.ARPHRD_IEEE802: "ieee802", unix.ARPHRD_ARCNET: "arcnet", unix.ARPHRD_APPLETLK: "atalk",
	unix.ARPHRD_DLCI: "dlci", unix.ARPHRD_ATM: "atm", unix.ARPHRD_METRICOM: "metricom",
	unix.ARPHRD_IEEE1394: "ieee1394", unix.ARPHRD_INFINIBAND: "infiniband", unix.ARPHRD_SLIP: "slip",
	unix.ARPHRD_CSLIP: "cslip", unix.ARPHRD_SLIP6: "slip6", unix.ARPHRD_CSLIP6: "cslip6",
	unix.ARPHRD_RSRVD: "rsrvd", unix.ARPHRD_ADAPT: "adapt", unix.ARPHRD_ROSE: "rose",
	unix.ARPHRD_X25: "x25", unix.ARPHRD_HWX25: "hwx25", unix.ARPHRD_CAN: "can",
	unix.ARPHRD_PPP: "ppp", unix.ARPHRD_HDLC: "hdlc", unix.ARPHRD_LAPB: "lapb",
	unix.ARPHRD_DDCMP: "ddcmp", unix.ARPHRD_RAWHDLC: "rawhdlc", unix.ARPHRD_RAWIP: "rawip",
	unix.ARPHRD_TUNNEL: "ipip", unix.ARPHRD_TUNNEL6: "tunnel6", unix.ARPHRD_FRAD: "frad",
	unix.ARPHRD_SKIP: "skip", unix.ARPHRD_LOOPBACK: "loopback", unix.ARPHRD_LOCALTLK: "ltalk",
	unix.ARPHRD_FDDI: "fddi", unix.ARPHRD_BIF: "bif", unix.ARPHRD_SIT: "sit",
	unix.ARPHRD_IPDDP: "ip/ddp", unix.ARPHRD_IPGRE: "gre", unix.ARPHRD_PIMREG: "pimreg",
	unix.ARPHRD_HIPPI: "hippi", unix.ARPHRD_ASH: "ash", unix.ARPHRD_ECONET: "econet",
	unix.ARPHRD_IRDA: "irda", unix.ARPHRD_FCPP: "fcpp", unix.ARPHRD_FCAL: "fcal",
	unix.ARPHRD_FCPL: "fcpl", unix.ARPHRD_FCFABRIC: "fcfb0", unix.ARPHRD_IEEE802_TR: "tr",
	unix.ARPHRD_IEEE80211: "ieee802.11", unix.ARPHRD_IEEE80211_PRISM: "ieee802.11/prism",
	unix.ARPHRD_IEEE80211_RADIOTAP: "ieee802.11/radiotap", unix.ARPHRD_IEEE802154: "ieee802.15.4",
	unix.ARPHRD_IEEE802154_MONITOR: "ieee802.15.4/monitor", unix.ARPHRD_PHONET: "phonet",
	unix.ARPHRD_PHONET_PIPE: "phonet_pipe", unix.ARPHRD_CAIF: "caif", unix.ARPHRD_IP6GRE: "gre6",
	unix.ARPHRD_NETLINK: "netlink", unix.ARPHRD_6LOWPAN: "6lowpan", unix.ARPHRD_MCTP: "mctp",
	unix.ARPHRD_NONE: "none", unix.ARPHRD_VOID: "void",
}

// linkTypeName is ip's name for ifi_type, "[N]" when it has none.
func linkTypeName(t uint16) string {
	if n, ok := linkTypeNames[t]; ok {
		return n
	}
	return "[" + strconv.Itoa(int(t)) + "]"
}

// llAddr formats a link-layer address as ip does: colon-separated hex
// bytes, except that IP tunnels' 4- and 16-byte addresses print as IP
// addresses.
func llAddr(a []byte, linkType uint16) string {
	switch {
	case len(a) == 4 && (linkType == unix.ARPHRD_TUNNEL || linkType == unix.ARPHRD_SIT || linkType == unix.ARPHRD_IPGRE):
		return netip.AddrFrom4([4]byte(a)).String()
	case len(a) == 16 && (linkType == unix.ARPHRD_TUNNEL6 || linkType == unix.ARPHRD_IP6GRE):
		return netip.AddrFrom16([16]byte(a)).String()
	}
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 3*len(a))
	for i, c := range a {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, digits[c>>4], digits[c&15])
	}
	return string(b)
}

// groupName is ip's name for a link group: "default" for 0.
func groupName(g uint32) string {
	if g == 0 {
		return "default"
	}
	return strconv.FormatUint(uint64(g), 10)
}

// appendLinkText appends l as `ip link show` prints it (o says which
// optional parts), without the trailing newline: the header line, then
// "    link/TYPE ADDR brd ADDR", "    alias TEXT" and "    altname NAME"
// lines. names resolves the peer and master indexes.
func appendLinkText(b []byte, l *rtnl.Link, names linkNamer, o linkTextOptions) []byte {
	start := len(b)
	b = strconv.AppendInt(b, int64(l.Header.Index), 10)
	b = append(b, ": "...)
	b = append(b, l.IfName...)
	if l.Has(rtnl.IFLA_LINK) {
		switch {
		case l.Link == 0:
			b = append(b, "@NONE"...)
		case l.Has(rtnl.IFLA_LINK_NETNSID):
			b = append(b, "@if"...)
			b = strconv.AppendUint(b, uint64(l.Link), 10)
		default:
			b = append(b, '@')
			b = append(b, devName(names, l.Link)...)
		}
	}
	b = append(b, ": <"...)
	b = append(b, strings.Join(linkFlagWords(l.Header.Flags, peerDown(l, names)), ",")...)
	b = append(b, '>')
	t := textLine{b: b, start: start}
	if l.Has(rtnl.IFLA_MTU) {
		t.uint("mtu", uint64(l.MTU))
	}
	if l.Has(rtnl.IFLA_QDISC) {
		t.word("qdisc", l.Qdisc.String())
	}
	if l.Has(rtnl.IFLA_MASTER) {
		t.word("master", devName(names, l.Master))
	}
	if l.Has(rtnl.IFLA_OPERSTATE) {
		t.word("state", l.OperState.String())
	}
	if o.mode && l.Has(rtnl.IFLA_LINKMODE) {
		t.word("mode", l.LinkMode.String())
	}
	if l.Has(rtnl.IFLA_GROUP) {
		t.word("group", groupName(l.Group))
	}
	if o.qlen && l.Has(rtnl.IFLA_TXQLEN) && l.TxQLen != 0 {
		t.uint("qlen", uint64(l.TxQLen))
	}
	if !o.noLLine {
		t.b = append(t.b, "\n    link/"...)
		t.b = append(t.b, linkTypeName(l.Header.Type)...)
		if l.Has(rtnl.IFLA_ADDRESS) {
			t.word(llAddr(l.Address, l.Header.Type))
		}
		if l.Has(rtnl.IFLA_BROADCAST) {
			if l.Header.Flags&rtnl.IFF_POINTOPOINT != 0 {
				t.word("peer")
			} else {
				t.word("brd")
			}
			t.word(llAddr(l.Broadcast, l.Header.Type))
		}
		if permAddrDiffers(l) {
			t.word("permaddr", llAddr(l.PermAddress, l.Header.Type))
		}
	}
	if l.Has(rtnl.IFLA_LINK_NETNSID) {
		if l.LinkNetNSID >= 0 {
			t.word("link-netnsid", strconv.Itoa(int(l.LinkNetNSID)))
		} else {
			t.word("link-netns", "unknown")
		}
	}
	if l.Has(rtnl.IFLA_PROTO_DOWN) && l.ProtoDown != 0 {
		t.word("protodown", "on")
	}
	if o.alias && l.Has(rtnl.IFLA_IFALIAS) {
		t.b = append(t.b, "\n    alias "...)
		t.b = append(t.b, l.IfAlias...)
	}
	for _, n := range altNames(l) {
		t.b = append(t.b, "\n    altname "...)
		t.b = append(t.b, n...)
	}
	return t.b
}

func permAddrDiffers(l *rtnl.Link) bool {
	return l.Has(rtnl.IFLA_PERM_ADDRESS) && (!l.Has(rtnl.IFLA_ADDRESS) || string(l.PermAddress) != string(l.Address))
}

// altNames are the link's alternative names (IFLA_PROP_LIST).
func altNames(l *rtnl.Link) []string {
	if !l.Has(rtnl.IFLA_PROP_LIST) {
		return nil
	}
	var ns []string
	for _, n := range l.PropList.AltNames {
		ns = append(ns, n.String())
	}
	return ns
}

// appendLinkJSON appends l as one JSON object with ip -j's keys (ifindex,
// link, ifname, flags, mtu, qdisc, master, operstate, linkmode, group,
// txqlen, link_type, address, broadcast, ...). Differences from ip -j -N:
// group is a number (ip prints it as a string), link_type is ip's name
// ("ether"; ip -N prints "[1]"), link_index is present whenever the peer
// index is (ip only prints it for a peer in another namespace), linkinfo,
// ifalias, altnames, promiscuity, min_mtu, max_mtu, num_tx_queues and
// num_rx_queues are present whenever the kernel sent them (ip needs -d for
// most). names resolves the peer and master indexes.
func appendLinkJSON(b []byte, l *rtnl.Link, names linkNamer) []byte {
	o := openObj(b)
	linkJSONFields(&o, l, names, false)
	return o.close()
}

// linkJSONFields writes l's keys into o; brief leaves out what ip -j addr
// leaves out (linkmode).
func linkJSONFields(o *jsonObj, l *rtnl.Link, names linkNamer, brief bool) {
	o.int("ifindex", int64(l.Header.Index))
	if l.Has(rtnl.IFLA_LINK) {
		if l.Link == 0 {
			o.null("link")
		} else {
			if !l.Has(rtnl.IFLA_LINK_NETNSID) {
				if n := knownName(names, l.Link); n != "" {
					o.str("link", n)
				}
			}
			o.uint("link_index", uint64(l.Link))
		}
	}
	o.str("ifname", l.IfName.String())
	o.strs("flags", linkFlagWords(l.Header.Flags, peerDown(l, names)))
	if l.Has(rtnl.IFLA_MTU) {
		o.uint("mtu", uint64(l.MTU))
	}
	if l.Has(rtnl.IFLA_QDISC) {
		o.str("qdisc", l.Qdisc.String())
	}
	if l.Has(rtnl.IFLA_MASTER) {
		if n := knownName(names, l.Master); n != "" {
			o.str("master", n)
		}
	}
	if l.Has(rtnl.IFLA_OPERSTATE) {
		o.str("operstate", l.OperState.String())
	}
	if !brief && l.Has(rtnl.IFLA_LINKMODE) {
		o.str("linkmode", l.LinkMode.String())
	}
	if l.Has(rtnl.IFLA_GROUP) {
		o.uint("group", uint64(l.Group))
	}
	if l.Has(rtnl.IFLA_TXQLEN) {
		o.uint("txqlen", uint64(l.TxQLen))
	}
	o.str("link_type", linkTypeName(l.Header.Type))
	if l.Has(rtnl.IFLA_ADDRESS) {
		o.str("address", llAddr(l.Address, l.Header.Type))
	}
	if l.Has(rtnl.IFLA_BROADCAST) {
		if l.Header.Flags&rtnl.IFF_POINTOPOINT != 0 {
			o.bool("link_pointtopoint", true)
		}
		o.str("broadcast", llAddr(l.Broadcast, l.Header.Type))
	}
	if permAddrDiffers(l) {
		o.str("permaddr", llAddr(l.PermAddress, l.Header.Type))
	}
	if l.Has(rtnl.IFLA_LINK_NETNSID) {
		o.int("link_netnsid", int64(l.LinkNetNSID))
	}
	if l.Has(rtnl.IFLA_PROTO_DOWN) && l.ProtoDown != 0 {
		o.bool("proto_down", true)
	}
	for _, f := range [...]struct {
		id  uint16
		key string
		v   uint32
	}{
		{rtnl.IFLA_PROMISCUITY, "promiscuity", l.Promiscuity},
		{rtnl.IFLA_MIN_MTU, "min_mtu", l.MinMTU},
		{rtnl.IFLA_MAX_MTU, "max_mtu", l.MaxMTU},
	} {
		if l.Has(f.id) {
			o.uint(f.key, uint64(f.v))
		}
	}
	if l.Has(rtnl.IFLA_LINKINFO) && (l.LinkInfo.Has(rtnl.IFLA_INFO_KIND) || l.LinkInfo.Has(rtnl.IFLA_INFO_SLAVE_KIND)) {
		li := o.obj("linkinfo")
		if l.LinkInfo.Has(rtnl.IFLA_INFO_KIND) {
			li.str("info_kind", l.LinkInfo.Kind.String())
		}
		if l.LinkInfo.Has(rtnl.IFLA_INFO_SLAVE_KIND) {
			li.str("info_slave_kind", l.LinkInfo.SlaveKind.String())
		}
		o.b = li.close()
	}
	for _, f := range [...]struct {
		id  uint16
		key string
		v   uint32
	}{
		{rtnl.IFLA_NUM_TX_QUEUES, "num_tx_queues", l.NumTxQueues},
		{rtnl.IFLA_NUM_RX_QUEUES, "num_rx_queues", l.NumRxQueues},
	} {
		if l.Has(f.id) {
			o.uint(f.key, uint64(f.v))
		}
	}
	if l.Has(rtnl.IFLA_IFALIAS) {
		o.str("ifalias", l.IfAlias.String())
	}
	if ns := altNames(l); len(ns) > 0 {
		o.strs("altnames", ns)
	}
}
