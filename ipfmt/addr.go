package ipfmt

import (
	"strconv"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
)

// The address fields the schema names (IFA_*), and the ifaddrmsg ones it
// does not (print_addrinfo in ip/ipaddress.c).
var (
	adPeer   = rtnl.AddrAttrsFieldName(rtnl.IFA_ADDRESS)
	adLocal  = rtnl.AddrAttrsFieldName(rtnl.IFA_LOCAL)
	adMetric = rtnl.AddrAttrsFieldName(rtnl.IFA_RT_PRIORITY)

	adFamily    = field{Text: "", JSON: "family"}
	adPrefixLen = field{Text: "", JSON: "prefixlen"}
	adScope     = field{Text: "scope", JSON: "scope"}
	adValid     = field{Text: "valid_lft", JSON: "valid_life_time"}
	adPreferred = field{Text: "preferred_lft", JSON: "preferred_life_time"}
	adAddrInfo  = field{Text: "", JSON: "addr_info"}
)

// infinityLifeTime is INFINITY_LIFE_TIME: a lifetime that never ends.
const infinityLifeTime = 0xffffffff

// addrTable is print_addrinfo (ip/ipaddress.c), field by field.
var addrTable = table[rtnl.Addr]{
	names: rtnl.AddrAttrsFieldName,
	has:   (*rtnl.Addr).Has,
	rows: []row[rtnl.Addr]{
		{hook: addrDevFamily},
		{hook: addrLocal},
		{attr: rtnl.IFA_BROADCAST, str: func(_ *Options, a *rtnl.Addr) string { return a.Broadcast.String() }},
		{attr: rtnl.IFA_ANYCAST, str: func(_ *Options, a *rtnl.Addr) string { return a.Anycast.String() }},
		{hook: func(s *sink, a *rtnl.Addr) { s.name(adScope, uint64(a.Header.Scope), a.Header.Scope.String()) }},
		{hook: printAddrFlags},
		{attr: rtnl.IFA_LABEL, str: func(_ *Options, a *rtnl.Addr) string { return a.Label.String() }},
		{hook: addrLifetimes},
	},
}

// walkAddr is print_addrinfo. withDev starts it as ip monitor (ip's
// oneline filter) does: "INDEX: DEV" / "index", "dev".
func walkAddr(s *sink, a *rtnl.Addr, withDev bool) {
	if withDev {
		h := &a.Header
		s.jsonInt("index", int64(h.Index))
		s.jsonStr("dev", s.o.devName(h.Index))
		s.raw(strconv.FormatUint(uint64(h.Index), 10) + ": " + s.o.devName(h.Index))
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
	s.jsonUint(adPrefixLen.JSON, uint64(a.Header.PrefixLen))
	s.raw("/" + strconv.FormatUint(uint64(a.Header.PrefixLen), 10))
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
				s.flagWord("dynamic")
			}
		case f&bit == 0:
		case bit == rtnl.IFA_F_SECONDARY && a.Header.Family == rtnl.AF_INET6:
			s.flagWord("temporary")
		default:
			s.flagWord(fb.word)
		}
		f &^= bit
	}
	if f != 0 {
		s.str(field{Text: "flags", JSON: "ifa_flags"}, hex02(uint64(f)))
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
	if s.json {
		if signed && v != infinityLifeTime {
			s.jsonInt(f.JSON, int64(int32(v)))
		} else {
			s.jsonUint(f.JSON, uint64(v))
		}
		return
	}
	switch {
	case v == infinityLifeTime:
		s.word(f.Text, "forever")
	case signed:
		s.word(f.Text, strconv.FormatInt(int64(int32(v)), 10)+"sec")
	default:
		s.word(f.Text, strconv.FormatUint(uint64(v), 10)+"sec")
	}
}
