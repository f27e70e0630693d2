package ipfmt

import (
	"strconv"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// The address fields as the schema names them: the IFA_* attributes and
// the ifaddrmsg and ifa_cacheinfo fields (print_addrinfo in
// ip/ipaddress.c).
var (
	adPeer   = rtnl.AddrAttrsFieldName(rtnl.IFA_ADDRESS)
	adLocal  = rtnl.AddrAttrsFieldName(rtnl.IFA_LOCAL)
	adMetric = rtnl.AddrAttrsFieldName(rtnl.IFA_RT_PRIORITY)

	adIndex     = rtnl.IfAddrMsgIndexField
	adFamily    = rtnl.IfAddrMsgFamilyField
	adPrefixLen = rtnl.IfAddrMsgPrefixLenField
	adFlags     = rtnl.IfAddrMsgFlagsField
	adValid     = rtnl.IfaCacheInfoValidField
	adPreferred = rtnl.IfaCacheInfoPreferedField
	adAddrInfo  = field{JSON: keyAddrInfo}
)

// infinityLifeTime is INFINITY_LIFE_TIME: a lifetime that never ends.
const infinityLifeTime = 0xffffffff

// addrTable is print_addrinfo (ip/ipaddress.c), field by field.
var addrTable = table[rtnl.Addr]{
	names: rtnl.AddrAttrsFieldName,
	value: (*rtnl.Addr).FieldValue,
	header: func(a *rtnl.Addr, f *rtnl.FieldName) (nlwire.FieldValue, bool) {
		return a.Header.FieldValue(f)
	},
	rows: []row[rtnl.Addr]{
		{hook: addrDevFamily},
		{hook: addrLocal},
		{attr: rtnl.IFA_BROADCAST},
		{attr: rtnl.IFA_ANYCAST},
		{hdr: &rtnl.IfAddrMsgScopeField},
		{hook: printAddrFlags},
		{attr: rtnl.IFA_LABEL},
		{hook: addrLifetimes},
	},
}

// walkAddr is print_addrinfo. withDev starts it as ip monitor (ip's
// oneline filter) does: "INDEX: DEV" / "index", "dev".
func walkAddr(s *sink, a *rtnl.Addr, withDev bool) {
	if withDev {
		i, dev := a.Header.Index, s.o.devName(a.Header.Index)
		s.intAs(adIndex.JSON, int64(i), strconv.FormatUint(uint64(i), 10)+": ")
		s.strAs(keyDev, dev, dev)
	}
	addrTable.walk(s, a)
}

// addrDevFamily: "    inet", "family".
func addrDevFamily(s *sink, a *rtnl.Addr) {
	s.raw("    ")
	s.str(adFamily, a.Header.Family.String())
}

// addrLocal: "ADDR[ peer PEER]/LEN[ metric N]". ip takes IFA_LOCAL for
// IFA_ADDRESS and back when one is missing; the peer is IFA_ADDRESS when
// it differs.
func addrLocal(s *sink, a *rtnl.Addr) {
	if !a.Has(rtnl.IFA_LOCAL) && !a.Has(rtnl.IFA_ADDRESS) {
		return
	}
	s.str(adLocal, ifaddr.Prefix(a).Addr().String())
	if p, ok := ifaddr.Peer(a); ok {
		s.str(adPeer, p.String())
	}
	n := uint64(a.Header.PrefixLen)
	s.uintAs(adPrefixLen.JSON, n, "/"+strconv.FormatUint(n, 10))
	if a.Has(rtnl.IFA_RT_PRIORITY) {
		s.uint(adMetric, uint64(a.RtPriority))
	}
}

// addrLifetimes: "       valid_lft forever preferred_lft 100sec" on its
// own line.
func addrLifetimes(s *sink, a *rtnl.Addr) {
	if !a.Has(rtnl.IFA_CACHEINFO) {
		return
	}
	ci := &a.CacheInfo
	s.raw("\n       ")
	printLifetime(s, adValid, ci.Valid, false)
	printLifetime(s, adPreferred, ci.Prefered, ifaddr.Flags(a)&rtnl.IFA_F_DEPRECATED != 0)
}

// addrFlagBits are the IFA_F_* flags in the schema's order, which is ip's.
var addrFlagBits = flagBits(^rtnl.AddrFlags(0), rtnl.ParseAddrFlags)

// printAddrFlags is print_ifa_flags: the IFA_F_* words, each a JSON key
// with the value true, with ip's quirks: IFA_F_PERMANENT prints inverted
// as "dynamic", IFA_F_SECONDARY is "temporary" for IPv6, and the bits
// without a name print as "flags %02x" ("ifa_flags":"%02x").
func printAddrFlags(s *sink, a *rtnl.Addr) {
	f := ifaddr.Flags(a)
	for _, fb := range addrFlagBits {
		bit := rtnl.AddrFlags(fb.bit)
		switch {
		case bit == rtnl.IFA_F_PERMANENT:
			if f&bit == 0 {
				s.flagWord(keyDynamic)
			}
		case f&bit == 0:
		case bit == rtnl.IFA_F_SECONDARY && a.Header.Family == rtnl.AF_INET6:
			s.flagWord(keyTemporary)
		default:
			s.flagWord(fb.word)
		}
		f &^= bit
	}
	if f != 0 {
		s.str(adFlags, hex02(uint64(f)))
	}
}

// hex02 is "%02x".
func hex02(v uint64) string {
	h := strconv.FormatUint(v, 16)
	if len(h) < 2 {
		h = "0" + h
	}
	return h
}

// printLifetime prints an address lifetime: "valid_lft forever" or
// "valid_lft 100sec" (signed for the preferred lifetime of a deprecated
// address) in text, the number in JSON (4294967295 for forever).
func printLifetime(s *sink, f field, v uint32, signed bool) {
	switch {
	case v == infinityLifeTime:
		s.uintText(f, uint64(v), "forever")
	case signed:
		n := int64(int32(v))
		s.intText(f, n, strconv.FormatInt(n, 10)+"sec")
	default:
		s.uintText(f, uint64(v), strconv.FormatUint(uint64(v), 10)+"sec")
	}
}
