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
	nhoGateway   = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_GATEWAY)
	nhoFDB       = rtnl.NexthopObjAttrsFieldName(rtnl.NHA_FDB)
)

// walkNexthop is __print_nexthop_entry.
func walkNexthop(s *sink, n *rtnl.NexthopObj) {
	o := s.o
	h := &n.Header
	s.uint(nhoID, uint64(n.ID))
	if n.Has(rtnl.NHA_GROUP) && len(n.Group) > 0 {
		// print_nh_group: "group 1/2,3" / [{"id":1},{"id":2,"weight":3}].
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
	if n.Has(rtnl.NHA_GROUP_TYPE) && n.GroupType != rtnl.NEXTHOP_GRP_TYPE_MPATH {
		// ip leaves mpath out "in order not to break existing output".
		s.str(nhoGroupType, n.GroupType.String())
	}
	if n.Has(rtnl.NHA_GATEWAY) {
		s.str(nhoGateway, n.Gateway.String())
	}
	if n.Has(rtnl.NHA_OIF) && n.OIF != 0 {
		s.str(nhoDev, o.devName(n.OIF))
	}
	if h.Scope != rtnl.RT_SCOPE_UNIVERSE || o.Details {
		s.name(rtScope, uint64(h.Scope), h.Scope.String())
	}
	if n.Has(rtnl.NHA_BLACKHOLE) {
		s.jsonNull(nhoBlackhole.JSON)
		s.word(nhoBlackhole.Text)
	}
	if h.Protocol != rtnl.RTPROT_UNSPEC || o.Details {
		s.name(rtProtocol, uint64(h.Protocol), h.Protocol.String())
	}
	s.words("flags", routeFlagWords(h.Flags))
	if n.Has(rtnl.NHA_FDB) {
		s.jsonNull(nhoFDB.JSON)
		s.word(nhoFDB.Text)
	}
}
