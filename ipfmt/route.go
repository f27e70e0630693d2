package ipfmt

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// The route fields the schema names (RTA_*), and the rtmsg header fields
// it does not (ip's words for them, print_route in ip/iproute.c).
var (
	rtDst      = rtnl.RouteAttrsFieldName(rtnl.RTA_DST)
	rtFrom     = rtnl.RouteAttrsFieldName(rtnl.RTA_SRC)
	rtDev      = rtnl.RouteAttrsFieldName(rtnl.RTA_OIF)
	rtMetrics  = rtnl.RouteAttrsFieldName(rtnl.RTA_METRICS)
	rtNexthops = rtnl.RouteAttrsFieldName(rtnl.RTA_MULTIPATH)
	rtTable    = rtnl.RouteAttrsFieldName(rtnl.RTA_TABLE)
	rtMark     = rtnl.RouteAttrsFieldName(rtnl.RTA_MARK)
	rtTTLProp  = rtnl.RouteAttrsFieldName(rtnl.RTA_TTL_PROPAGATE)

	nhGateway = rtnl.NexthopAttrsFieldName(rtnl.RTA_GATEWAY)
	nhVia     = rtnl.NexthopAttrsFieldName(rtnl.RTA_VIA)
	nhFlow    = rtnl.NexthopAttrsFieldName(rtnl.RTA_FLOW)

	rtType     = rtnl.RtMsgTypeField
	rtProtocol = rtnl.RtMsgProtocolField
	rtScope    = rtnl.RtMsgScopeField
	rtTos      = rtnl.RtMsgTosField
	rtFlags    = rtnl.RtMsgFlagsField
	rtExpires  = rtnl.RtaCacheInfoExpiresField
	rtError    = rtnl.RtaCacheInfoErrorField

	nhWeight = rtnl.RtNexthopHopsField // rtnh_hops + 1
	nhDev    = rtnl.RtNexthopIfindexField
	nhFlags  = rtnl.RtNexthopFlagsField
)

// userHZ is the kernel's USER_HZ, the unit of rta_cacheinfo.rta_expires.
const userHZ = 100

// hostLen is ip's af_bit_len: the prefix length of a host route.
func hostLen(f rtnl.Family) int {
	switch f {
	case rtnl.AF_INET:
		return 32
	case rtnl.AF_INET6:
		return 128
	case rtnl.AF_MPLS:
		return 20
	}
	return 0
}

// prefixText is "ADDR" for a host prefix, else "ADDR/LEN".
func prefixText(a netip.Addr, n, host int) string {
	if n == host {
		return a.String()
	}
	return a.String() + "/" + strconv.Itoa(n)
}

// tableName is ip's rtnl_rttable_n2a: the names of /etc/iproute2/rt_tables
// (local, main, default), otherwise the number.
func tableName(t uint32, numeric bool) string {
	switch rtnl.Table(t) {
	case rtnl.RT_TABLE_DEFAULT, rtnl.RT_TABLE_MAIN, rtnl.RT_TABLE_LOCAL:
		if !numeric {
			return rtnl.Table(t).String()
		}
	}
	return strconv.FormatUint(uint64(t), 10)
}

// routeFlagWords are rtm_flags (or rtnh_flags) as ip's print_rt_flags
// prints them: the RTNH_F_* words in the schema's order, with notify
// between trap and linkdown (ip's quirk), then the RTM_F_* offload words.
// ip prints no other bits.
func routeFlagWords(f uint32) []string {
	const late = rtnl.RTNH_F_LINKDOWN | rtnl.RTNH_F_UNRESOLVED
	nh := rtnl.NexthopFlags(f)
	w := flagWords((nh &^ late).String())
	if f&uint32(rtnl.RTM_F_NOTIFY) != 0 {
		w = append(w, rtnl.RTM_F_NOTIFY.String())
	}
	w = append(w, flagWords((nh & late).String())...)
	const offload = rtnl.RTM_F_OFFLOAD | rtnl.RTM_F_TRAP | rtnl.RTM_F_OFFLOAD_FAILED
	return append(w, flagWords((rtnl.RouteFlags(f) & offload).String())...)
}

// flagWords splits a generated flags String ("A|B|0x40") into the named
// words, leaving out "0" and bits without a name.
func flagWords(s string) []string {
	if s == "0" {
		return nil
	}
	w := strings.Split(s, "|")
	if n := len(w); strings.HasPrefix(w[n-1], "0x") {
		w = w[:n-1]
	}
	return w
}

// routeTable is print_route (ip/iproute.c), field by field.
var routeTable = table[rtnl.Route]{
	names: rtnl.RouteAttrsFieldName,
	value: (*rtnl.Route).FieldValue,
	rows: []row[rtnl.Route]{
		{hook: routeType},
		{hook: routeDst},
		{hook: routeFrom},
		{attr: rtnl.RTA_NH_ID},
		{hook: func(s *sink, r *rtnl.Route) {
			if r.Has(rtnl.RTA_NEWDST) {
				s.str(rtnl.RouteAttrsFieldName(rtnl.RTA_NEWDST), labelStack(r.NewDst))
			}
			printEncap(s, r.Has(rtnl.RTA_ENCAP) && r.Has(rtnl.RTA_ENCAP_TYPE), r.EncapType, &r.Encap)
		}},
		{hook: routeTos},
		{attr: rtnl.RTA_GATEWAY, hide: func(o *Options) bool { return o.HideGateway }},
		{attr: rtnl.RTA_VIA, form: formVia},
		{attr: rtnl.RTA_OIF, form: formDev, hide: func(o *Options) bool { return o.HideDev }},
		{hook: routeTableName},
		{hook: routeProtocolScope},
		{attr: rtnl.RTA_PREFSRC, hide: func(o *Options) bool { return o.HidePrefSrc }},
		{attr: rtnl.RTA_PRIORITY, hide: func(o *Options) bool { return o.HideMetric }},
		{hook: func(s *sink, r *rtnl.Route) { s.words(rtFlags.JSON, routeFlagWords(uint32(r.Header.Flags))) }},
		{hook: routeMark},
		{attr: rtnl.RTA_FLOW, form: formRealms},
		{attr: rtnl.RTA_UID},
		{hook: routeCache},
		{hook: func(s *sink, r *rtnl.Route) {
			if r.Has(rtnl.RTA_METRICS) {
				printMetrics(s, &r.Metrics)
			}
		}},
		{attr: rtnl.RTA_IIF, form: formDev},
		{attr: rtnl.RTA_PREF, form: formName},
		{hook: routeTTLPropagate},
		{hook: routeNHInfo},
		{hook: func(s *sink, r *rtnl.Route) {
			if r.Has(rtnl.RTA_MULTIPATH) {
				printMultipath(s, r)
			}
		}},
	},
}

// walkRoute is print_route.
func walkRoute(s *sink, r *rtnl.Route) { routeTable.walk(s, r) }

// routeType: the type only when not unicast, or with -d.
func routeType(s *sink, r *rtnl.Route) {
	if t := r.Header.Type; t != rtnl.RTN_UNICAST || s.o.Details {
		s.name(rtType, uint64(t), t.String())
	}
}

// routeDst: "default" without RTA_DST, "0/N" without it but with a length.
func routeDst(s *sink, r *rtnl.Route) {
	h := &r.Header
	switch {
	case r.Has(rtnl.RTA_DST) && !r.Dst.IsValid() && len(r.DstLabels) > 0: // AF_MPLS
		d := labelStack(r.DstLabels)
		if int(h.DstLen) != hostLen(h.Family) {
			d += "/" + strconv.Itoa(int(h.DstLen))
		}
		s.str(rtDst, d)
	case r.Has(rtnl.RTA_DST):
		s.str(rtDst, prefixText(r.Dst, int(h.DstLen), hostLen(h.Family)))
	case h.DstLen != 0:
		s.str(rtDst, "0/"+strconv.Itoa(int(h.DstLen)))
	default:
		s.str(rtDst, "default")
	}
}

// routeFrom: the source prefix; "0/N" without RTA_SRC is keyed "src".
func routeFrom(s *sink, r *rtnl.Route) {
	h := &r.Header
	switch {
	case r.Has(rtnl.RTA_SRC):
		s.str(rtFrom, prefixText(r.Src, int(h.SrcLen), hostLen(h.Family)))
	case h.SrcLen != 0:
		s.str(field{Text: rtFrom.Text, JSON: keySrcPrefix}, "0/"+strconv.Itoa(int(h.SrcLen)))
	}
}

// routeTos: rtm_tos by its rt_dsfield name.
func routeTos(s *sink, r *rtnl.Route) {
	if tos := r.Header.Tos; tos != 0 && !s.o.HideTOS {
		s.str(rtTos, dsfieldName(tos, s.o.Numeric))
	}
}

// routeTableName: the effective table unless it is main (or -d), and not
// when the listing is one table.
func routeTableName(s *sink, r *rtnl.Route) {
	o := s.o
	if tb := route.TargetTable(r); tb != 0 && (tb != uint32(rtnl.RT_TABLE_MAIN) || o.Details) && !o.HideTable {
		s.str(rtTable, tableName(tb, o.Numeric))
	}
}

// routeProtocolScope: protocol unless boot, scope unless global (all with
// -d); neither for a cached route.
func routeProtocolScope(s *sink, r *rtnl.Route) {
	o, h := s.o, &r.Header
	if h.Flags&rtnl.RTM_F_CLONED != 0 {
		return
	}
	if (h.Protocol != rtnl.RTPROT_BOOT || o.Details) && !o.HideProto {
		s.name(rtProtocol, uint64(h.Protocol), h.Protocol.String())
	}
	if (h.Scope != rtnl.RT_SCOPE_UNIVERSE || o.Details) && !o.HideScope {
		s.name(rtScope, uint64(h.Scope), h.Scope.String())
	}
}

// routeMark: a non-zero mark, in hex from 16 on in text.
func routeMark(s *sink, r *rtnl.Route) {
	if !r.Has(rtnl.RTA_MARK) || r.Mark == 0 {
		return
	}
	v := uint64(r.Mark)
	if v >= 16 {
		s.uintText(rtMark, v, "0x"+strconv.FormatUint(v, 16))
	} else {
		s.uint(rtMark, v)
	}
}

// routeCache: print_cache_flags for a cached IPv4 route (printCacheFlags), then
// rta_cacheinfo's expiry and error.
func routeCache(s *sink, r *rtnl.Route) {
	h := &r.Header
	if h.Family == rtnl.AF_INET && h.Flags&rtnl.RTM_F_CLONED != 0 {
		printCacheFlags(s, uint32(h.Flags))
	}
	if !r.Has(rtnl.RTA_CACHEINFO) || (h.Family != rtnl.AF_INET && h.Family != rtnl.AF_INET6) {
		return
	}
	if ci := r.CacheInfo; ci.Expires != 0 {
		sec := int64(ci.Expires / userHZ)
		s.intText(rtExpires, sec, strconv.FormatInt(sec, 10)+"sec")
	}
	if ci := r.CacheInfo; ci.Error != 0 {
		s.uint(rtError, uint64(ci.Error))
	}
}

// routeTTLPropagate: a JSON bool, "enabled"/"disabled" in text.
func routeTTLPropagate(s *sink, r *rtnl.Route) {
	if !r.Has(rtnl.RTA_TTL_PROPAGATE) {
		return
	}
	s.boolText(rtTTLProp, r.TTLPropagate != 0, "enabled", "disabled")
}

// routeNHInfo: with -d, the route's nexthop object as ip nexthop prints
// it, on its own line (print_cache_nexthop_id).
func routeNHInfo(s *sink, r *rtnl.Route) {
	if !r.Has(rtnl.RTA_NH_ID) || !s.o.Details || s.o.Nexthops == nil {
		return
	}
	if nh, ok := s.o.Nexthops.Nexthop(r.NHID); ok {
		s.raw("\n\tnh_info ")
		s.open(keyNHInfo)
		walkNexthop(s, nh)
		s.close()
	}
}

// printMultipath is print_rta_multipath: one "nexthop" line per leg, or
// the "nexthops" array.
func printMultipath(s *sink, r *rtnl.Route) {
	s.openArray(rtNexthops.JSON)
	for i := range r.Multipath {
		nh := &r.Multipath[i]
		s.open("")
		s.raw("\n\t")
		s.word(rtNexthops.Text)
		printEncap(s, nh.Has(rtnl.RTA_ENCAP) && nh.Has(rtnl.RTA_ENCAP_TYPE), nh.EncapType, &nh.Encap)
		if nh.Has(rtnl.RTA_NEWDST) {
			s.str(rtnl.NexthopAttrsFieldName(rtnl.RTA_NEWDST), labelStack(nh.NewDst))
		}
		if nh.Has(rtnl.RTA_GATEWAY) {
			s.str(nhGateway, nh.Gateway.String())
		}
		if nh.Has(rtnl.RTA_VIA) {
			printVia(s, nhVia, nh.Via)
		}
		if nh.Has(rtnl.RTA_FLOW) {
			printFlow(s, nhFlow, nh.Flow)
		}
		s.str(nhDev, devOrStar(s.o, uint32(nh.Header.Ifindex)))
		if r.Header.Family != rtnl.AF_MPLS {
			s.int(nhWeight, int64(route.Weight(nh)))
		}
		s.words(nhFlags.JSON, routeFlagWords(uint32(nh.Header.Flags)))
		s.close()
	}
	s.closeArray()
}

// devOrStar is ll_index_to_name, which prints "*" for index 0.
func devOrStar(o *Options, ifindex uint32) string {
	if ifindex == 0 {
		return "*"
	}
	return o.devName(ifindex)
}

// printVia is print_rta_via: "via inet6 ADDR", or {"family":..,"host":..}.
func printVia(s *sink, f field, a netip.Addr) {
	fam := rtnl.AF_INET6.String()
	if a.Is4() {
		fam = rtnl.AF_INET.String()
	}
	s.open(f.JSON)
	s.word(f.Text)
	s.strWord(keyViaFamily, fam, fam)
	s.strWord(keyViaHost, a.String(), a.String())
	s.close()
}

// printFlow is print_rta_flow: "realm TO", "realms FROM/TO", or
// {"from":..,"to":..}.
func printFlow(s *sink, f field, flow uint32) {
	num := s.o.Numeric
	to, from := realmName(flow&0xffff, num), flow>>16
	s.open(f.JSON)
	if from != 0 {
		// "realms FROM/TO": the word ends in "/", so TO follows it without
		// a space.
		s.word(f.Text + "s")
		fr := realmName(from, num)
		s.strWord(keyRealmFrom, fr, fr+"/")
	} else {
		s.word(f.Text)
	}
	s.strWord(keyRealmTo, to, to)
	s.close()
}

func hex2(v uint8) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4], digits[v&15]})
}

// flagBit is one named bit of a generated flags type.
type flagBit struct {
	bit  uint64
	word string
}

// flagBits lists the named bits of a flags type in the schema's order,
// from the String of all bits and the generated parser: the words and
// their order are the schema's, not typed again here.
func flagBits[T ~uint8 | ~uint16 | ~uint32 | ~uint64](all interface{ String() string }, parse func(string) (T, error)) []flagBit {
	var out []flagBit
	for _, w := range flagWords(all.String()) {
		if v, err := parse(w); err == nil {
			out = append(out, flagBit{bit: uint64(v), word: w})
		}
	}
	return out
}
