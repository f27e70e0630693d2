package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// The rule fields the schema names (FRA_*). ip glues some of its words to
// their neighbours ("0:\tfrom all", "/24", "-2000"), so the text of a rule
// is written with ip's own punctuation around the schema's words
// (print_rule in ip/iprule.c).
var (
	ruSrc        = rtnl.RuleAttrsFieldName(rtnl.FRA_SRC)
	ruDst        = rtnl.RuleAttrsFieldName(rtnl.FRA_DST)
	ruIIF        = rtnl.RuleAttrsFieldName(rtnl.FRA_IIFNAME)
	ruOIF        = rtnl.RuleAttrsFieldName(rtnl.FRA_OIFNAME)
	ruGoto       = rtnl.RuleAttrsFieldName(rtnl.FRA_GOTO)
	ruPriority   = rtnl.RuleAttrsFieldName(rtnl.FRA_PRIORITY)
	ruFwMark     = rtnl.RuleAttrsFieldName(rtnl.FRA_FWMARK)
	ruFwMask     = rtnl.RuleAttrsFieldName(rtnl.FRA_FWMASK)
	ruFlow       = rtnl.RuleAttrsFieldName(rtnl.FRA_FLOW)
	ruTunID      = rtnl.RuleAttrsFieldName(rtnl.FRA_TUN_ID)
	ruSupGroup   = rtnl.RuleAttrsFieldName(rtnl.FRA_SUPPRESS_IFGROUP)
	ruSupPrefix  = rtnl.RuleAttrsFieldName(rtnl.FRA_SUPPRESS_PREFIXLEN)
	ruTable      = rtnl.RuleAttrsFieldName(rtnl.FRA_TABLE)
	ruL3MDev     = rtnl.RuleAttrsFieldName(rtnl.FRA_L3MDEV)
	ruUIDRange   = rtnl.RuleAttrsFieldName(rtnl.FRA_UID_RANGE)
	ruProtocol   = rtnl.RuleAttrsFieldName(rtnl.FRA_PROTOCOL)
	ruIPProto    = rtnl.RuleAttrsFieldName(rtnl.FRA_IP_PROTO)
	ruSPortRange = rtnl.RuleAttrsFieldName(rtnl.FRA_SPORT_RANGE)
	ruDPortRange = rtnl.RuleAttrsFieldName(rtnl.FRA_DPORT_RANGE)

	ruSrcLen = rtnl.FibRuleHdrSrcLenField
	ruDstLen = rtnl.FibRuleHdrDstLenField
	ruTos    = rtnl.FibRuleHdrTosField
	ruAction = rtnl.FibRuleHdrActionField
	ruUIDEnd = rtnl.UIDRangeEndField
)

// ipProtoNames are the /etc/protocols names ip's inet_proto_n2a prints
// for the protocols rules commonly match.
var ipProtoNames = map[uint8]string{1: "icmp", 6: "tcp", 17: "udp", 33: "dccp", 58: "ipv6-icmp", 132: "sctp", 136: "udplite"}

// ruleTableID is frh_get_table: FRA_TABLE when present, else the header.
func ruleTableID(r *rtnl.Rule) uint32 {
	if r.Has(rtnl.FRA_TABLE) {
		return uint32(r.Table)
	}
	return uint32(r.Header.Table)
}

func u10(v uint64) string { return strconv.FormatUint(v, 10) }

// ruleTable is print_rule (ip/iprule.c), field by field. Most rows are
// hooks: ip glues the rule's words to their neighbours ("0:\tfrom all",
// "/24", "-2000") and prints defaults for absent attributes.
var ruleTable = table[rtnl.Rule]{
	names: rtnl.RuleAttrsFieldName,
	value: (*rtnl.Rule).FieldValue,
	rows: []row[rtnl.Rule]{
		{hook: rulePriority},
		{hook: ruleFrom},
		{hook: ruleTo},
		{hook: ruleTos},
		{hook: ruleFwMark},
		{attr: rtnl.FRA_IIFNAME},
		{hook: detached(rtnl.FRA_IIFNAME, rtnl.FIB_RULE_IIF_DETACHED, keyIIFDetached)},
		{attr: rtnl.FRA_OIFNAME},
		{hook: detached(rtnl.FRA_OIFNAME, rtnl.FIB_RULE_OIF_DETACHED, keyOIFDetached)},
		{hook: ruleL3MDev},
		{hook: ruleUIDRange},
		{hook: ruleIPProto},
		{hook: rulePorts},
		{attr: rtnl.FRA_TUN_ID},
		{hook: ruleLookup},
		{hook: ruleRealms},
		{hook: ruleAction},
		{hook: ruleProtocol},
	},
}

// walkRule is print_rule.
func walkRule(s *sink, r *rtnl.Rule) { ruleTable.walk(s, r) }

// rulePriority: "PRIO:\t", then "not " for an inverted rule.
func rulePriority(s *sink, r *rtnl.Rule) {
	var prio uint64
	if r.Has(rtnl.FRA_PRIORITY) {
		prio = uint64(r.Priority)
	}
	s.uintAs(ruPriority.JSON, prio, u10(prio)+":\t")
	if r.Header.Flags&rtnl.FIB_RULE_INVERT != 0 {
		s.nullAs(keyNot, "not ")
	}
}

// ruleFrom: "from PREFIX", "from 0/N" or "from all".
func ruleFrom(s *sink, r *rtnl.Rule) {
	h := &r.Header
	switch {
	case r.Has(rtnl.FRA_SRC):
		s.strAs(ruSrc.JSON, r.Src.String(), ruSrc.Text+" "+r.Src.String())
		if int(h.SrcLen) != hostLen(h.Family) {
			s.uintAs(ruSrcLen.JSON, uint64(h.SrcLen), "/"+u10(uint64(h.SrcLen)))
		}
	case h.SrcLen != 0:
		s.strAs(ruSrc.JSON, "0", ruSrc.Text+" 0")
		s.uintAs(ruSrcLen.JSON, uint64(h.SrcLen), "/"+u10(uint64(h.SrcLen)))
	default:
		s.strAs(ruSrc.JSON, "all", ruSrc.Text+" all")
	}
}

// ruleTo: " to PREFIX" or " to 0/N".
func ruleTo(s *sink, r *rtnl.Rule) {
	h := &r.Header
	switch {
	case r.Has(rtnl.FRA_DST):
		s.strAs(ruDst.JSON, r.Dst.String(), " "+ruDst.Text+" "+r.Dst.String())
		if int(h.DstLen) != hostLen(h.Family) {
			s.uintAs(ruDstLen.JSON, uint64(h.DstLen), "/"+u10(uint64(h.DstLen)))
		}
	case h.DstLen != 0:
		s.strAs(ruDst.JSON, "0", " "+ruDst.Text+" 0")
		s.uintAs(ruDstLen.JSON, uint64(h.DstLen), "/"+u10(uint64(h.DstLen)))
	}
}

// ruleTos: " tos CLASS" by its rt_dsfield name.
func ruleTos(s *sink, r *rtnl.Rule) {
	if r.Header.Tos != 0 {
		tos := dsfieldName(r.Header.Tos, s.o.Numeric)
		s.strAs(ruTos.JSON, tos, " "+ruTos.Text+" "+tos)
	}
}

// hexMark is C's %#llx: 0 without the prefix.
func hexMark(v uint32) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(uint64(v), 16)
}

// ruleFwMark: " fwmark 0xM[/0xMASK]" (the mask unless it is all ones).
func ruleFwMark(s *sink, r *rtnl.Rule) {
	if !r.Has(rtnl.FRA_FWMARK) && !r.Has(rtnl.FRA_FWMASK) {
		return
	}
	var mark uint32
	if r.Has(rtnl.FRA_FWMARK) {
		mark = r.FwMark
	}
	s.strAs(ruFwMark.JSON, hexMark(mark), " "+ruFwMark.Text+" "+hexMark(mark))
	if r.Has(rtnl.FRA_FWMASK) && r.FwMask != 0xffffffff {
		s.strAs(ruFwMask.JSON, hexMark(r.FwMask), "/"+hexMark(r.FwMask))
	}
}

// detached: " [detached]" after an interface name whose device is gone.
func detached(id uint16, flag rtnl.RuleFlags, key string) func(*sink, *rtnl.Rule) {
	return func(s *sink, r *rtnl.Rule) {
		if r.Has(id) && r.Header.Flags&flag != 0 {
			s.nullAs(key, " [detached]")
		}
	}
}

// ruleL3MDev: " lookup [l3mdev-table]".
func ruleL3MDev(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_L3MDEV) && r.L3MDEV != 0 {
		s.nullAs(ruL3MDev.JSON, " "+ruL3MDev.Text+" [l3mdev-table]")
	}
}

// ruleUIDRange: " uidrange START-END".
func ruleUIDRange(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_UID_RANGE) {
		u := r.UIDRange
		s.uintAs(ruUIDRange.JSON, uint64(u.Start), " "+ruUIDRange.Text+" "+u10(uint64(u.Start)))
		s.uintAs(ruUIDEnd.JSON, uint64(u.End), "-"+u10(uint64(u.End)))
	}
}

// ruleIPProto: " ipproto NAME".
func ruleIPProto(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_IP_PROTO) {
		// inet_proto_n2a: the name, else (and with -N) "ipproto-N".
		p, ok := ipProtoNames[r.IPProto]
		if !ok || s.o.Numeric {
			p = "ipproto-" + u10(uint64(r.IPProto))
		}
		s.strAs(ruIPProto.JSON, p, " "+ruIPProto.Text+" "+p)
	}
}

// rulePorts: " sport N[-M]", " dport N[-M]"; a range is two JSON keys,
// the attribute's with "_start" and "_end".
func rulePorts(s *sink, r *rtnl.Rule) {
	for _, pr := range [...]struct {
		has bool
		f   field
		r   rtnl.PortRange
	}{
		{r.Has(rtnl.FRA_SPORT_RANGE), ruSPortRange, r.SPortRange},
		{r.Has(rtnl.FRA_DPORT_RANGE), ruDPortRange, r.DPortRange},
	} {
		if !pr.has {
			continue
		}
		start, end := uint64(pr.r.Start), uint64(pr.r.End)
		if start == end {
			s.uintAs(pr.f.JSON, start, " "+pr.f.Text+" "+u10(start))
			continue
		}
		s.uintAs(pr.f.JSON+keyStart, start, " "+pr.f.Text+" "+u10(start))
		s.uintAs(pr.f.JSON+keyEnd, end, "-"+u10(end))
	}
}

// ruleLookup: " lookup TABLE" and its suppress_* options.
func ruleLookup(s *sink, r *rtnl.Rule) {
	o := s.o
	tb := ruleTableID(r)
	if tb == 0 {
		return
	}
	name := tableName(tb, o.Numeric)
	s.strAs(ruTable.JSON, name, " "+ruTable.Text+" "+name)
	if r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) && int32(r.SuppressPrefixLen) != -1 {
		n := int64(int32(r.SuppressPrefixLen))
		s.intAs(ruSupPrefix.JSON, n, " "+ruSupPrefix.Text+" "+strconv.FormatInt(n, 10))
	}
	if r.Has(rtnl.FRA_SUPPRESS_IFGROUP) && int32(r.SuppressIfGroup) != -1 {
		g := groupName(r.SuppressIfGroup, o.Numeric)
		s.strAs(ruSupGroup.JSON, g, " "+ruSupGroup.Text+" "+g)
	}
}

// ruleRealms: " realms [FROM/]TO".
func ruleRealms(s *sink, r *rtnl.Rule) {
	if !r.Has(rtnl.FRA_FLOW) {
		return
	}
	num := s.o.Numeric
	to, from := realmName(r.Flow&0xffff, num), r.Flow>>16
	lead := " " + ruFlow.Text + " "
	if from != 0 {
		f := realmName(from, num)
		s.strAs(keyFlowFrom, f, lead+f+"/")
		lead = ""
	}
	s.strAs(ruFlow.JSON, to, lead+to)
}

// ruleAction: goto, nop, nat, or the route type an action shares its number with.
func ruleAction(s *sink, r *rtnl.Rule) {
	h := &r.Header
	switch h.Action {
	case rtnl.RuleAction(rtnl.RTN_NAT):
		// RTA_GATEWAY in a rule (map-to) is not in the schema's rule set.
		s.nullAs(keyMasquerade, " masquerade")
	case rtnl.FR_ACT_GOTO:
		if r.Has(rtnl.FRA_GOTO) {
			s.uintAs(ruGoto.JSON, uint64(r.Goto), " "+ruGoto.Text+" "+u10(uint64(r.Goto)))
		} else {
			s.strAs(ruGoto.JSON, "none", " "+ruGoto.Text+" none")
		}
		if h.Flags&rtnl.FIB_RULE_UNRESOLVED != 0 {
			s.nullAs(keyUnresolved, " [unresolved]")
		}
	case rtnl.FR_ACT_NOP:
		s.nullAs(keyNop, " nop")
	case rtnl.FR_ACT_TO_TBL:
	default:
		// rtnl_rtntype_n2a: the actions share the route types' numbers.
		t := rtnl.RouteType(h.Action)
		name := t.String()
		if s.o.Numeric {
			name = u10(uint64(t))
		}
		s.strAs(ruAction.JSON, name, " "+name)
	}
}

// ruleProtocol: " proto NAME" unless kernel (or with -d).
func ruleProtocol(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_PROTOCOL) && ((r.Protocol != 0 && r.Protocol != rtnl.RTPROT_KERNEL) || s.o.Details) {
		name := r.Protocol.String()
		if s.o.Numeric {
			name = u10(uint64(r.Protocol))
		}
		s.strAs(ruProtocol.JSON, name, " "+ruProtocol.Text+" "+name)
	}
}
