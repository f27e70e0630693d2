package main

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/rule"
)

// ipProtoNames are /etc/protocols' names for the IP protocols rules most
// often match; ip prints others as "ipproto-N" unless the file knows them.
var ipProtoNames = map[uint8]string{
	0: "ip", 1: "icmp", 2: "igmp", 4: "ipencap", 6: "tcp", 17: "udp", 33: "dccp",
	41: "ipv6", 47: "gre", 50: "esp", 51: "ah", 58: "ipv6-icmp", 89: "ospf",
	103: "pim", 112: "vrrp", 115: "l2tp", 132: "sctp", 136: "udplite",
}

func ipProtoName(p uint8) string {
	if n, ok := ipProtoNames[p]; ok {
		return n
	}
	return "ipproto-" + strconv.Itoa(int(p))
}

func hexWord(v uint64) string { return "0x" + strconv.FormatUint(v, 16) }

// ruleAddr returns how ip shows a rule's source or destination: the
// address (with /LEN unless it is a host prefix), "0/LEN" for a length
// without an address, or "" for none.
func ruleAddr(has bool, a interface{ String() string }, n, hostLen uint8) (addr string, length int) {
	switch {
	case has && n != hostLen:
		return a.String(), int(n)
	case has:
		return a.String(), -1
	case n != 0:
		return "0", int(n)
	}
	return "", -1
}

func ruleHostLen(f rtnl.Family) uint8 {
	if f == rtnl.AF_INET6 {
		return 128
	}
	return 32
}

// ruleTunID is FRA_TUN_ID, a big-endian u64.
func ruleTunID(r *rtnl.Rule) (uint64, bool) {
	if !r.Has(rtnl.FRA_TUN_ID) {
		return 0, false
	}
	return r.TunID, true
}

// rtnRuleActionNAT is RTN_NAT: the obsolete "nat" rule action.
const rtnRuleActionNAT = 10

// appendRuleText appends r as `ip rule show` prints it, without the
// trailing newline:
//
//	100:	from 10.0.0.0/8 lookup 100
func appendRuleText(b []byte, r *rtnl.Rule) []byte {
	h := &r.Header
	var prio uint32
	if r.Has(rtnl.FRA_PRIORITY) {
		prio = r.Priority
	}
	b = strconv.AppendUint(b, uint64(prio), 10)
	b = append(b, ":\t"...)
	t := textLine{b: b, start: len(b)}
	host := ruleHostLen(h.Family)
	if h.Flags&rtnl.FIB_RULE_INVERT != 0 {
		t.word("not")
	}
	if a, n := ruleAddr(r.Has(rtnl.FRA_SRC), r.Src, h.SrcLen, host); a != "" {
		if n >= 0 {
			a += "/" + strconv.Itoa(n)
		}
		t.word("from", a)
	} else {
		t.word("from", "all")
	}
	if a, n := ruleAddr(r.Has(rtnl.FRA_DST), r.Dst, h.DstLen, host); a != "" {
		if n >= 0 {
			a += "/" + strconv.Itoa(n)
		}
		t.word("to", a)
	}
	if h.Tos != 0 {
		t.word("tos", "0x"+hex2(h.Tos))
	}
	if r.Has(rtnl.FRA_DSCP) {
		t.uint("dscp", uint64(r.DSCP))
	}
	if r.Has(rtnl.FRA_FWMARK) || r.Has(rtnl.FRA_FWMASK) {
		w := hexWord(uint64(r.FwMark))
		if r.Has(rtnl.FRA_FWMASK) && r.FwMask != 0xffffffff {
			w += "/" + hexWord(uint64(r.FwMask))
		}
		t.word("fwmark", w)
	}
	if r.Has(rtnl.FRA_IIFNAME) {
		t.word("iif", r.IIFName.String())
		if h.Flags&rtnl.FIB_RULE_IIF_DETACHED != 0 {
			t.word("[detached]")
		}
	}
	if r.Has(rtnl.FRA_OIFNAME) {
		t.word("oif", r.OIFName.String())
		if h.Flags&rtnl.FIB_RULE_OIF_DETACHED != 0 {
			t.word("[detached]")
		}
	}
	if r.Has(rtnl.FRA_L3MDEV) && r.L3MDEV != 0 {
		t.word("lookup", "[l3mdev-table]")
	}
	if r.Has(rtnl.FRA_UID_RANGE) {
		t.word("uidrange", strconv.FormatUint(uint64(r.UIDRange.Start), 10)+"-"+strconv.FormatUint(uint64(r.UIDRange.End), 10))
	}
	if r.Has(rtnl.FRA_IP_PROTO) {
		t.word("ipproto", ipProtoName(r.IPProto))
	}
	if r.Has(rtnl.FRA_SPORT_RANGE) {
		t.word("sport", portRangeText(r.SPortRange))
	}
	if r.Has(rtnl.FRA_DPORT_RANGE) {
		t.word("dport", portRangeText(r.DPortRange))
	}
	if id, ok := ruleTunID(r); ok {
		t.uint("tun_id", id)
	}
	if table := rule.Table(r); table != 0 {
		t.word("lookup", rtnl.Table(table).String())
		if r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) && int32(r.SuppressPrefixLen) != -1 {
			t.word("suppress_prefixlength", strconv.Itoa(int(int32(r.SuppressPrefixLen))))
		}
		if r.Has(rtnl.FRA_SUPPRESS_IFGROUP) && int32(r.SuppressIfGroup) != -1 {
			t.word("suppress_ifgroup", groupName(r.SuppressIfGroup))
		}
	}
	if r.Has(rtnl.FRA_FLOW) {
		to, from := r.Flow&0xffff, r.Flow>>16
		if from != 0 {
			t.word("realms", strconv.Itoa(int(from))+"/"+strconv.Itoa(int(to)))
		} else {
			t.uint("realms", uint64(to))
		}
	}
	switch h.Action {
	case rtnRuleActionNAT:
		t.word("nat")
	case rtnl.FR_ACT_GOTO:
		if r.Has(rtnl.FRA_GOTO) {
			t.uint("goto", uint64(r.Goto))
		} else {
			t.word("goto", "none")
		}
		if h.Flags&rtnl.FIB_RULE_UNRESOLVED != 0 {
			t.word("[unresolved]")
		}
	case rtnl.FR_ACT_NOP:
		t.word("nop")
	case rtnl.FR_ACT_TO_TBL:
	default:
		t.word(rtnl.RouteType(h.Action).String())
	}
	if r.Has(rtnl.FRA_PROTOCOL) && r.Protocol != rtnl.RTPROT_UNSPEC && r.Protocol != rtnl.RTPROT_KERNEL {
		t.word("proto", r.Protocol.String())
	}
	return t.b
}

func portRangeText(p rtnl.PortRange) string {
	if p.Start == p.End {
		return strconv.Itoa(int(p.Start))
	}
	return strconv.Itoa(int(p.Start)) + "-" + strconv.Itoa(int(p.End))
}

// appendRuleJSON appends r as one JSON object with ip -j's keys: priority,
// not, src ("all" when the rule matches any source), srclen, dst, dstlen,
// tos, fwmark, fwmask (hex strings as ip prints them), iif, oif,
// uid_start/uid_end, ipproto, sport or sport_start/sport_end (dport alike),
// table, suppress_prefixlen, goto, nop, action, protocol. Where ip -N
// prints numbers, these are JSON numbers: table, action (FR_ACT_*),
// protocol, ipproto (ip -N prints "ipproto-6"), flow_from/flow_to,
// suppress_ifgroup. family is added (ip has no such key).
func appendRuleJSON(b []byte, r *rtnl.Rule) []byte {
	o := openObj(b)
	ruleJSONFields(&o, r)
	return o.close()
}

func ruleJSONFields(o *jsonObj, r *rtnl.Rule) {
	h := &r.Header
	o.str("family", h.Family.String())
	var prio uint32
	if r.Has(rtnl.FRA_PRIORITY) {
		prio = r.Priority
	}
	o.uint("priority", uint64(prio))
	if h.Flags&rtnl.FIB_RULE_INVERT != 0 {
		o.null("not")
	}
	host := ruleHostLen(h.Family)
	if a, n := ruleAddr(r.Has(rtnl.FRA_SRC), r.Src, h.SrcLen, host); a != "" {
		o.str("src", a)
		if n >= 0 {
			o.uint("srclen", uint64(n))
		}
	} else {
		o.str("src", "all")
	}
	if a, n := ruleAddr(r.Has(rtnl.FRA_DST), r.Dst, h.DstLen, host); a != "" {
		o.str("dst", a)
		if n >= 0 {
			o.uint("dstlen", uint64(n))
		}
	}
	if h.Tos != 0 {
		o.str("tos", "0x"+hex2(h.Tos))
	}
	if r.Has(rtnl.FRA_DSCP) {
		o.uint("dscp", uint64(r.DSCP))
	}
	if r.Has(rtnl.FRA_FWMARK) || r.Has(rtnl.FRA_FWMASK) {
		o.str("fwmark", hexWord(uint64(r.FwMark)))
		if r.Has(rtnl.FRA_FWMASK) && r.FwMask != 0xffffffff {
			o.str("fwmask", hexWord(uint64(r.FwMask)))
		}
	}
	if r.Has(rtnl.FRA_IIFNAME) {
		o.str("iif", r.IIFName.String())
		if h.Flags&rtnl.FIB_RULE_IIF_DETACHED != 0 {
			o.null("iif_detached")
		}
	}
	if r.Has(rtnl.FRA_OIFNAME) {
		o.str("oif", r.OIFName.String())
		if h.Flags&rtnl.FIB_RULE_OIF_DETACHED != 0 {
			o.null("oif_detached")
		}
	}
	if r.Has(rtnl.FRA_L3MDEV) && r.L3MDEV != 0 {
		o.null("l3mdev")
	}
	if r.Has(rtnl.FRA_UID_RANGE) {
		o.uint("uid_start", uint64(r.UIDRange.Start))
		o.uint("uid_end", uint64(r.UIDRange.End))
	}
	if r.Has(rtnl.FRA_IP_PROTO) {
		o.uint("ipproto", uint64(r.IPProto))
	}
	for _, p := range [...]struct {
		id   uint16
		name string
		r    rtnl.PortRange
	}{{rtnl.FRA_SPORT_RANGE, "sport", r.SPortRange}, {rtnl.FRA_DPORT_RANGE, "dport", r.DPortRange}} {
		if !r.Has(p.id) {
			continue
		}
		if p.r.Start == p.r.End {
			o.uint(p.name, uint64(p.r.Start))
		} else {
			o.uint(p.name+"_start", uint64(p.r.Start))
			o.uint(p.name+"_end", uint64(p.r.End))
		}
	}
	if id, ok := ruleTunID(r); ok {
		o.uint("tun_id", id)
	}
	if table := rule.Table(r); table != 0 {
		o.uint("table", uint64(table))
		if r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) && int32(r.SuppressPrefixLen) != -1 {
			o.int("suppress_prefixlen", int64(int32(r.SuppressPrefixLen)))
		}
		if r.Has(rtnl.FRA_SUPPRESS_IFGROUP) && int32(r.SuppressIfGroup) != -1 {
			o.uint("suppress_ifgroup", uint64(r.SuppressIfGroup))
		}
	}
	if r.Has(rtnl.FRA_FLOW) {
		to, from := r.Flow&0xffff, r.Flow>>16
		if from != 0 {
			o.uint("flow_from", uint64(from))
		}
		o.uint("flow_to", uint64(to))
	}
	switch h.Action {
	case rtnRuleActionNAT:
		o.uint("action", uint64(h.Action))
	case rtnl.FR_ACT_GOTO:
		if r.Has(rtnl.FRA_GOTO) {
			o.uint("goto", uint64(r.Goto))
		} else {
			o.str("goto", "none")
		}
		if h.Flags&rtnl.FIB_RULE_UNRESOLVED != 0 {
			o.null("unresolved")
		}
	case rtnl.FR_ACT_NOP:
		o.null("nop")
	case rtnl.FR_ACT_TO_TBL:
	default:
		o.uint("action", uint64(h.Action))
	}
	if r.Has(rtnl.FRA_PROTOCOL) && r.Protocol != rtnl.RTPROT_UNSPEC && r.Protocol != rtnl.RTPROT_KERNEL {
		o.uint("protocol", uint64(r.Protocol))
	}
}
