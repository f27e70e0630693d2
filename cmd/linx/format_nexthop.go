package main

import (
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/nexthop"
)

// nhFlagWords are the nh_flags words, in ip's order (print_rt_flags).
func nhFlagWords(flags uint32) []string {
	w := []string{}
	for _, f := range routeFlagWords {
		if flags&f.bit != 0 {
			w = append(w, f.word)
		}
	}
	return w
}

// appendNexthopText appends n as `ip nexthop show` prints it, without the
// trailing newline:
//
//	id 1 via 10.0.0.2 dev eth0 scope link
//	id 10 group 1/2,3
//
// The resilient group parameters (NHA_RES_GROUP) and encapsulations are
// not printed. names resolves the index.
func appendNexthopText(b []byte, n *rtnl.NexthopObj, names linkNamer) []byte {
	t := textLine{b: b, start: len(b)}
	h := &n.Header
	if n.Has(rtnl.NHA_ID) {
		t.uint("id", uint64(n.ID))
	}
	if n.Has(rtnl.NHA_GROUP) {
		var g strings.Builder
		for i, m := range n.Group {
			if i > 0 {
				g.WriteByte('/')
			}
			g.WriteString(strconv.FormatUint(uint64(m.ID), 10))
			if w := nexthop.Weight(m); w > 1 {
				g.WriteString("," + strconv.Itoa(w))
			}
		}
		t.word("group", g.String())
	}
	if n.Has(rtnl.NHA_GROUP_TYPE) && n.GroupType != rtnl.NEXTHOP_GRP_TYPE_MPATH {
		t.word("type", n.GroupType.String())
	}
	if n.Has(rtnl.NHA_ENCAP_TYPE) {
		t.word("encap", n.EncapType.String())
	}
	if n.Has(rtnl.NHA_GATEWAY) {
		t.word("via", n.Gateway.String())
	}
	if n.Has(rtnl.NHA_OIF) {
		t.word("dev", devName(names, n.OIF))
	}
	if h.Scope != rtnl.RT_SCOPE_UNIVERSE {
		t.word("scope", h.Scope.String())
	}
	if n.Has(rtnl.NHA_BLACKHOLE) {
		t.word("blackhole")
	}
	if h.Protocol != rtnl.RTPROT_UNSPEC {
		t.word("proto", h.Protocol.String())
	}
	t.word(nhFlagWords(h.Flags)...)
	if n.Has(rtnl.NHA_FDB) {
		t.word("fdb")
	}
	return t.b
}

// appendNexthopJSON appends n as one JSON object with ip -j's keys: id,
// group ([{id, weight}], weight left out when 1, as ip), type (group type
// name, when not mpath), gateway, dev, scope and protocol (numbers, as ip
// -N; left out when universe / unspec, as ip), blackhole and fdb (null when
// set, as ip -j), flags (always an array). oif is added (ip has no such
// key); dev is left out when the index names no known interface.
func appendNexthopJSON(b []byte, n *rtnl.NexthopObj, names linkNamer) []byte {
	o := openObj(b)
	nexthopJSONFields(&o, n, names)
	return o.close()
}

func nexthopJSONFields(o *jsonObj, n *rtnl.NexthopObj, names linkNamer) {
	h := &n.Header
	if n.Has(rtnl.NHA_ID) {
		o.uint("id", uint64(n.ID))
	}
	if n.Has(rtnl.NHA_GROUP) {
		o.key("group")
		o.b = append(o.b, '[')
		for i, m := range n.Group {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			g := openObj(o.b)
			g.uint("id", uint64(m.ID))
			if w := nexthop.Weight(m); w > 1 {
				g.uint("weight", uint64(w))
			}
			o.b = g.close()
		}
		o.b = append(o.b, ']')
	}
	if n.Has(rtnl.NHA_GROUP_TYPE) && n.GroupType != rtnl.NEXTHOP_GRP_TYPE_MPATH {
		o.str("type", n.GroupType.String())
	}
	if n.Has(rtnl.NHA_ENCAP_TYPE) {
		o.str("encap", n.EncapType.String())
	}
	if n.Has(rtnl.NHA_GATEWAY) {
		o.str("gateway", n.Gateway.String())
	}
	if n.Has(rtnl.NHA_OIF) {
		o.uint("oif", uint64(n.OIF))
		if d := knownName(names, n.OIF); d != "" {
			o.str("dev", d)
		}
	}
	if h.Scope != rtnl.RT_SCOPE_UNIVERSE {
		o.uint("scope", uint64(h.Scope))
	}
	if n.Has(rtnl.NHA_BLACKHOLE) {
		o.null("blackhole")
	}
	if h.Protocol != rtnl.RTPROT_UNSPEC {
		o.uint("protocol", uint64(h.Protocol))
	}
	o.strs("flags", nhFlagWords(h.Flags))
	if n.Has(rtnl.NHA_FDB) {
		o.null("fdb")
	}
}
