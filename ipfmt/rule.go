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

// text appends ip's punctuation and a value to the text only.
func (s *sink) text(parts ...string) {
	if s.json {
		return
	}
	for _, p := range parts {
		s.b = append(s.b, p...)
	}
}

func u10(v uint64) string { return strconv.FormatUint(v, 10) }

// ruleTable is print_rule (ip/iprule.c), field by field. Every row is a
// hook: ip glues the rule's words to their neighbours.
var ruleTable = table[rtnl.Rule]{
	names: rtnl.RuleAttrsFieldName,
	has:   (*rtnl.Rule).Has,
	rows: []row[rtnl.Rule]{
		{hook: rulePriority},
		{hook: ruleFrom},
		{hook: ruleTo},
		{hook: ruleTos},
		{hook: ruleFwMark},
		{hook: ruleIIF},
		{hook: ruleOIF},
		{hook: ruleL3MDev},
		{hook: ruleUIDRange},
		{hook: ruleIPProto},
		{hook: rulePorts},
		{hook: ruleTunID},
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
	h := &r.Header
	var prio uint32
	if r.Has(rtnl.FRA_PRIORITY) {
		prio = r.Priority
	}
	s.jsonUint(ruPriority.JSON, uint64(prio))
	s.text(u10(uint64(prio)), ":\t")
	if h.Flags&rtnl.FIB_RULE_INVERT != 0 {
		s.jsonNull("not")
		s.text("not ")
	}
}

// ruleFrom: "from PREFIX", "from 0/N" or "from all".
func ruleFrom(s *sink, r *rtnl.Rule) {
	h := &r.Header
	host := hostLen(h.Family)
	switch {
	case r.Has(rtnl.FRA_SRC):
		s.jsonStr(ruSrc.JSON, r.Src.String())
		s.text(ruSrc.Text, " ", r.Src.String())
		if int(h.SrcLen) != host {
			s.jsonUint("srclen", uint64(h.SrcLen))
			s.text("/", u10(uint64(h.SrcLen)))
		}
	case h.SrcLen != 0:
		s.jsonStr(ruSrc.JSON, "0")
		s.jsonUint("srclen", uint64(h.SrcLen))
		s.text(ruSrc.Text, " 0/", u10(uint64(h.SrcLen)))
	default:
		s.jsonStr(ruSrc.JSON, "all")
		s.text(ruSrc.Text, " all")
	}
}

// ruleTo: " to PREFIX" or " to 0/N".
func ruleTo(s *sink, r *rtnl.Rule) {
	h := &r.Header
	host := hostLen(h.Family)
	switch {
	case r.Has(rtnl.FRA_DST):
		s.jsonStr(ruDst.JSON, r.Dst.String())
		s.text(" ", ruDst.Text, " ", r.Dst.String())
		if int(h.DstLen) != host {
			s.jsonUint("dstlen", uint64(h.DstLen))
			s.text("/", u10(uint64(h.DstLen)))
		}
	case h.DstLen != 0:
		s.jsonStr(ruDst.JSON, "0")
		s.jsonUint("dstlen", uint64(h.DstLen))
		s.text(" ", ruDst.Text, " 0/", u10(uint64(h.DstLen)))
	}
}

// ruleTos: " tos CLASS" by its rt_dsfield name.
func ruleTos(s *sink, r *rtnl.Rule) {
	o := s.o
	h := &r.Header
	if h.Tos != 0 {
		tos := dsfieldName(h.Tos, o.Numeric)
		s.jsonStr("tos", tos)
		s.text(" tos ", tos)
	}
}

// ruleFwMark: " fwmark 0xM[/0xMASK]" (the mask unless it is all ones).
func ruleFwMark(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_FWMARK) || r.Has(rtnl.FRA_FWMASK) {
		var mark uint32
		if r.Has(rtnl.FRA_FWMARK) {
			mark = r.FwMark
		}
		hexMark := "0x" + strconv.FormatUint(uint64(mark), 16)
		if mark == 0 {
			hexMark = "0" // C's %#llx prints 0 without the prefix
		}
		s.jsonStr(ruFwMark.JSON, hexMark)
		s.text(" ", ruFwMark.Text, " ", hexMark)
		if r.Has(rtnl.FRA_FWMASK) && r.FwMask != 0xffffffff {
			m := "0x" + strconv.FormatUint(uint64(r.FwMask), 16)
			if r.FwMask == 0 {
				m = "0"
			}
			s.jsonStr(ruFwMask.JSON, m)
			s.text("/", m)
		}
	}
}

// ruleIIF: " iif NAME[ [detached]]".
func ruleIIF(s *sink, r *rtnl.Rule) {
	h := &r.Header
	if r.Has(rtnl.FRA_IIFNAME) {
		s.jsonStr(ruIIF.JSON, r.IIFName.String())
		s.text(" ", ruIIF.Text, " ", r.IIFName.String())
		if h.Flags&rtnl.FIB_RULE_IIF_DETACHED != 0 {
			s.jsonNull("iif_detached")
			s.text(" [detached]")
		}
	}
}

// ruleOIF: " oif NAME[ [detached]]".
func ruleOIF(s *sink, r *rtnl.Rule) {
	h := &r.Header
	if r.Has(rtnl.FRA_OIFNAME) {
		s.jsonStr(ruOIF.JSON, r.OIFName.String())
		s.text(" ", ruOIF.Text, " ", r.OIFName.String())
		if h.Flags&rtnl.FIB_RULE_OIF_DETACHED != 0 {
			s.jsonNull("oif_detached")
			s.text(" [detached]")
		}
	}
}

// ruleL3MDev: " lookup [l3mdev-table]".
func ruleL3MDev(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_L3MDEV) && r.L3MDEV != 0 {
		s.jsonNull(ruL3MDev.JSON)
		s.text(" ", ruL3MDev.Text, " [l3mdev-table]")
	}
}

// ruleUIDRange: " uidrange START-END".
func ruleUIDRange(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_UID_RANGE) {
		s.jsonUint(ruUIDRange.JSON, uint64(r.UIDRange.Start))
		s.jsonUint("uid_end", uint64(r.UIDRange.End))
		s.text(" ", ruUIDRange.Text, " ", u10(uint64(r.UIDRange.Start)), "-", u10(uint64(r.UIDRange.End)))
	}
}

// ruleIPProto: " ipproto NAME".
func ruleIPProto(s *sink, r *rtnl.Rule) {
	o := s.o
	if r.Has(rtnl.FRA_IP_PROTO) {
		// inet_proto_n2a: the name, else (and with -N) "ipproto-N".
		p, ok := ipProtoNames[r.IPProto]
		if !ok || o.Numeric {
			p = "ipproto-" + u10(uint64(r.IPProto))
		}
		s.jsonStr(ruIPProto.JSON, p)
		s.text(" ", ruIPProto.Text, " ", p)
	}
}

// rulePorts: " sport N[-M]", " dport N[-M]".
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
		if pr.r.Start == pr.r.End {
			s.jsonUint(pr.f.JSON, uint64(pr.r.Start))
			s.text(" ", pr.f.Text, " ", u10(uint64(pr.r.Start)))
		} else {
			s.jsonUint(pr.f.JSON+"_start", uint64(pr.r.Start))
			s.jsonUint(pr.f.JSON+"_end", uint64(pr.r.End))
			s.text(" ", pr.f.Text, " ", u10(uint64(pr.r.Start)), "-", u10(uint64(pr.r.End)))
		}
	}
}

// ruleTunID: " tun_id N".
func ruleTunID(s *sink, r *rtnl.Rule) {
	if r.Has(rtnl.FRA_TUN_ID) {
		s.jsonUint(ruTunID.JSON, r.TunID)
		s.text(" ", ruTunID.Text, " ", u10(r.TunID))
	}
}

// ruleLookup: " lookup TABLE" and its suppress_* options.
func ruleLookup(s *sink, r *rtnl.Rule) {
	o := s.o
	if tb := ruleTableID(r); tb != 0 {
		name := tableName(tb, o.Numeric)
		s.jsonStr(ruTable.JSON, name)
		s.text(" ", ruTable.Text, " ", name)
		if r.Has(rtnl.FRA_SUPPRESS_PREFIXLEN) && int32(r.SuppressPrefixLen) != -1 {
			s.jsonInt(ruSupPrefix.JSON, int64(int32(r.SuppressPrefixLen)))
			s.text(" ", ruSupPrefix.Text, " ", strconv.Itoa(int(int32(r.SuppressPrefixLen))))
		}
		if r.Has(rtnl.FRA_SUPPRESS_IFGROUP) && int32(r.SuppressIfGroup) != -1 {
			g := groupName(r.SuppressIfGroup, o.Numeric)
			s.jsonStr(ruSupGroup.JSON, g)
			s.text(" ", ruSupGroup.Text, " ", g)
		}
	}
}

// ruleRealms: " realms [FROM/]TO".
func ruleRealms(s *sink, r *rtnl.Rule) {
	o := s.o
	if r.Has(rtnl.FRA_FLOW) {
		to, from := r.Flow&0xffff, r.Flow>>16
		s.text(" ", ruFlow.Text, " ")
		if from != 0 {
			s.jsonStr("flow_from", realmName(from, o.Numeric))
			s.text(realmName(from, o.Numeric), "/")
		}
		s.jsonStr(ruFlow.JSON, realmName(to, o.Numeric))
		s.text(realmName(to, o.Numeric))
	}
}

// ruleAction: goto, nop, nat, or the route type an action shares its number with.
func ruleAction(s *sink, r *rtnl.Rule) {
	o := s.o
	h := &r.Header
	switch h.Action {
	case rtnl.RuleAction(rtnl.RTN_NAT):
		// RTA_GATEWAY in a rule (map-to) is not in the schema's rule set.
		s.jsonNull("masquerade")
		s.text(" masquerade")
	case rtnl.FR_ACT_GOTO:
		if r.Has(rtnl.FRA_GOTO) {
			s.jsonUint(ruGoto.JSON, uint64(r.Goto))
			s.text(" ", ruGoto.Text, " ", u10(uint64(r.Goto)))
		} else {
			s.jsonStr(ruGoto.JSON, "none")
			s.text(" ", ruGoto.Text, " none")
		}
		if h.Flags&rtnl.FIB_RULE_UNRESOLVED != 0 {
			s.jsonNull("unresolved")
			s.text(" [unresolved]")
		}
	case rtnl.FR_ACT_NOP:
		s.jsonNull("nop")
		s.text(" nop")
	case rtnl.FR_ACT_TO_TBL:
	default:
		// rtnl_rtntype_n2a: the actions share the route types' numbers.
		t := rtnl.RouteType(h.Action)
		name := t.String()
		if o.Numeric {
			name = u10(uint64(t))
		}
		s.jsonStr("action", name)
		s.text(" ", name)
	}
}

// ruleProtocol: " proto NAME" unless kernel (or with -d).
func ruleProtocol(s *sink, r *rtnl.Rule) {
	o := s.o
	if r.Has(rtnl.FRA_PROTOCOL) && ((r.Protocol != 0 && r.Protocol != rtnl.RTPROT_KERNEL) || o.Details) {
		name := r.Protocol.String()
		if o.Numeric {
			name = u10(uint64(r.Protocol))
		}
		s.jsonStr(ruProtocol.JSON, name)
		s.text(" ", ruProtocol.Text, " ", name)
	}
}
