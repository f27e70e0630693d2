package ipfmt

import (
	"net/netip"
	"strconv"

	"golang.org/x/sys/unix"
)

// linkTypeNames are ip's names for the ARPHRD_* link types (lib/ll_types.c).
// The schema types ifi_type as a plain u16, so they live here.
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

// linkTypeName is ip's ll_type_n2a: the name, "[N]" when it has none or
// with Numeric.
func linkTypeName(t uint16, numeric bool) string {
	if n, ok := linkTypeNames[t]; ok && !numeric {
		return n
	}
	return "[" + strconv.Itoa(int(t)) + "]"
}

// llAddr is ip's ll_addr_n2a: colon-separated hex bytes, except that IP
// tunnels' 4- and 16-byte addresses print as IP addresses.
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
