package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// The nexthop object fields the schema names (NHA_*), and the nhmsg ones
// it does not (__print_nexthop_entry in ip/ipnexthop.c).
var (
	nhoID        = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_ID)
	nhoGroup     = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_GROUP)
	nhoGroupType = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_GROUP_TYPE)
	nhoBlackhole = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_BLACKHOLE)
	nhoDev       = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_OIF)
	nhoFDB       = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_FDB)
)

// nexthopTable is __print_nexthop_entry (ip/ipnexthop.c), field by field.
var nexthopTable = table[rtnl.NexthopObj]{
	names: rtnl.NexthopObjAttrsFieldName,
	value: (*rtnl.NexthopObj).FieldValue,
	rows: []row[rtnl.NexthopObj]{
		{hook: func(s *sink, n *rtnl.NexthopObj) { s.uint(nhoID, uint64(n.ID)) }},
		{hook: nexthopGroup},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			// ip leaves mpath out "in order not to break existing output".
			if n.Has(rtnl.NHA_GROUP_TYPE) && n.GroupType != rtnl.NEXTHOP_GRP_TYPE_MPATH {
				s.str(nhoGroupType, n.GroupType.String())
			}
		}},
		{hook: nexthopResGroup},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			printEncap(s, n.Has(rtnl.NHA_ENCAP) && n.Has(rtnl.NHA_ENCAP_TYPE), n.EncapType, &n.Encap)
		}},
		{attr: rtnl.NHA_GATEWAY},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			if n.Has(rtnl.NHA_OIF) && n.OIF != 0 {
				s.str(nhoDev, s.o.devName(n.OIF))
			}
		}},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			if sc := n.Header.Scope; sc != rtnl.RT_SCOPE_UNIVERSE || s.o.Details {
				s.name(rtScope, uint64(sc), sc.String())
			}
		}},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			if n.Has(rtnl.NHA_BLACKHOLE) {
				s.jsonNull(nhoBlackhole.JSON)
				s.word(nhoBlackhole.Text)
			}
		}},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			if p := n.Header.Protocol; p != rtnl.RTPROT_UNSPEC || s.o.Details {
				s.name(rtProtocol, uint64(p), p.String())
			}
		}},
		{hook: func(s *sink, n *rtnl.NexthopObj) { s.words("flags", routeFlagWords(n.Header.Flags)) }},
		{hook: func(s *sink, n *rtnl.NexthopObj) {
			if n.Has(rtnl.NHA_FDB) {
				s.jsonNull(nhoFDB.JSON)
				s.word(nhoFDB.Text)
			}
		}},
	},
}

// walkNexthop is __print_nexthop_entry.
func walkNexthop(s *sink, n *rtnl.NexthopObj) { nexthopTable.walk(s, n) }

// nexthopGroup is print_nh_group: "group 1/2,3" /
// [{"id":1},{"id":2,"weight":3}].
func nexthopGroup(s *sink, n *rtnl.NexthopObj) {
	if !n.Has(rtnl.NHA_GROUP) || len(n.Group) == 0 {
		return
	}
	s.openArray(nhoGroup.JSON)
	s.word(nhoGroup.Text)
	for i, g := range n.Group {
		s.open("")
		if i == 0 {
			s.text(" ")
		} else {
			s.text("/")
		}
		s.jsonUint("id", uint64(g.ID))
		s.text(strconv.FormatUint(uint64(g.ID), 10))
		if g.Weight != 0 {
			s.jsonUint("weight", uint64(g.Weight)+1)
			s.text(",", strconv.FormatUint(uint64(g.Weight)+1, 10))
		}
		s.close()
	}
	s.closeArray()
}

// nexthopResGroup is print_nh_res_group: a resilient group's "buckets B
// idle_timer I unbalanced_timer U unbalanced_time T" (the timers in
// seconds), "resilient_args" in JSON. ip prints all four whenever
// NHA_RES_GROUP is there, zero for an attribute it lacks.
func nexthopResGroup(s *sink, n *rtnl.NexthopObj) {
	if !n.Has(rtnl.NHA_RES_GROUP) {
		return
	}
	r := &n.ResGroup
	s.open("resilient_args")
	s.uint(field{Text: "buckets", JSON: "buckets"}, uint64(r.Buckets))
	for _, t := range []struct {
		word string
		v    uint64
	}{{"idle_timer", uint64(r.IdleTimer)}, {"unbalanced_timer", uint64(r.UnbalancedTimer)}, {"unbalanced_time", r.UnbalancedTime}} {
		// clock_t (1/100 s) as __jiffies_to_tv and print_tv's "%g" make it.
		v := strconv.FormatFloat(float64(t.v)/100, 'g', 6, 64)
		if s.json {
			s.key(t.word)
			s.b = append(s.b, v...)
		} else {
			s.word(t.word, v)
		}
	}
	s.close()
}
