package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// Options are ip's global flags as far as they change what is printed.
type Options struct {
	// JSON prints ip -j's JSON instead of text.
	JSON bool
	// Pretty lays the JSON out as ip -j -p does (see AppendPretty), in
	// Append, AppendAddrs and List; AppendEvent keeps one object per line.
	Pretty bool
	// Numeric prints protocol, scope, table, type, group and link type as
	// numbers, as ip -N does (ip -j -N still prints most of them as JSON
	// strings: "protocol":"4").
	Numeric bool
	// Details prints what ip -d adds (a unicast route's type, "proto boot",
	// "scope global", "table main"; a link's promiscuity, MTU range,
	// link kind and queue counts).
	Details bool
	// Family is ip's -4 / -6 (AF_INET, AF_INET6; 0 for neither). It
	// changes what is printed only where ip's does: `ip -4 addr` leaves
	// out each link's "link/ether ..." line (link_type, address, broadcast
	// in JSON) unless Details is set. Choosing which objects to print
	// is the caller's filter.
	Family rtnl.Family
	// Links resolves interface indexes to names ("dev eth0"). An index it
	// does not know (or every index, when Links is nil) prints as ip
	// prints one it cannot resolve: "ifN", in text and JSON.
	Links Links
	// NetNS names the namespaces a link's peer is in, by the nsid the
	// kernel gives (IFLA_LINK_NETNSID): ip prints "link-netns NAME" for a
	// namespace it knows by name. Nil prints "link-netnsid N".
	NetNS NetNSNames
	// Nexthops finds nexthop objects by id: with Details, a route through
	// one (RTA_NH_ID) shows it as ip -d does ("nh_info"). Nil leaves
	// nh_info out.
	Nexthops Nexthops

	// The fields a listing is filtered by, which ip then leaves out of
	// every line (`ip route show table 1000` prints no "table 1000").
	HideTable, HideProto, HideDev bool
	// Route listings filtered by an exact gateway, preferred source,
	// metric or scope leave that field out too, as ip does.
	HideGateway, HidePrefSrc, HideMetric, HideScope bool
	// HideTOS: a listing filtered by tos leaves the tos out, as ip does.
	HideTOS bool
}

// Links tells the printer about interfaces other than the one printed.
type Links interface {
	// LinkName returns the name of interface ifindex, ok false when it is
	// not known.
	LinkName(ifindex uint32) (name string, ok bool)
}

// LinkFlagsLookup is implemented by Links that also know interfaces'
// flags: a link whose peer (IFLA_LINK) is down then shows M-DOWN, as ip
// prints it.
type LinkFlagsLookup interface {
	LinkFlags(ifindex uint32) (flags rtnl.LinkFlags, ok bool)
}

// LinkTable is a Links (and LinkFlagsLookup) kept from link messages: learn
// every link of a dump, and keep it current with link events.
type LinkTable struct {
	byIndex map[uint32]linkEntry
}

type linkEntry struct {
	name  string
	flags rtnl.LinkFlags
}

// Learn records l's name and flags.
func (t *LinkTable) Learn(l *rtnl.Link) {
	if t.byIndex == nil {
		t.byIndex = map[uint32]linkEntry{}
	}
	t.byIndex[uint32(l.Header.Index)] = linkEntry{name: l.IfName.String(), flags: l.Header.Flags}
}

// Forget removes interface ifindex (after an RTM_DELLINK).
func (t *LinkTable) Forget(ifindex uint32) { delete(t.byIndex, ifindex) }

// LinkName implements Links.
func (t *LinkTable) LinkName(ifindex uint32) (string, bool) {
	e, ok := t.byIndex[ifindex]
	return e.name, ok
}

// LinkFlags implements LinkFlagsLookup.
func (t *LinkTable) LinkFlags(ifindex uint32) (rtnl.LinkFlags, bool) {
	e, ok := t.byIndex[ifindex]
	return e.flags, ok
}

// Names is a fixed Links table, index -> name.
type Names map[uint32]string

// LinkName implements Links.
func (n Names) LinkName(ifindex uint32) (string, bool) {
	s, ok := n[ifindex]
	return s, ok
}

// devName is ip's ll_index_to_name: the name, or "ifN".
func (o *Options) devName(ifindex uint32) string {
	if n, ok := o.linkName(ifindex); ok {
		return n
	}
	return "if" + strconv.FormatUint(uint64(ifindex), 10)
}

func (o *Options) linkName(ifindex uint32) (string, bool) {
	if o.Links == nil {
		return "", false
	}
	return o.Links.LinkName(ifindex)
}

// Nexthops finds nexthop objects by id.
type Nexthops interface {
	Nexthop(id uint32) (*rtnl.NexthopObj, bool)
}

// NexthopTable is a Nexthops kept from nexthop messages (a dump, then
// events).
type NexthopTable struct {
	byID map[uint32]*rtnl.NexthopObj
}

// Learn records a copy of n.
func (t *NexthopTable) Learn(n *rtnl.NexthopObj) {
	if t.byID == nil {
		t.byID = map[uint32]*rtnl.NexthopObj{}
	}
	c := n.Clone()
	t.byID[n.ID] = &c
}

// Forget removes nexthop id (after an RTM_DELNEXTHOP).
func (t *NexthopTable) Forget(id uint32) { delete(t.byID, id) }

// Nexthop implements Nexthops.
func (t *NexthopTable) Nexthop(id uint32) (*rtnl.NexthopObj, bool) {
	n, ok := t.byID[id]
	return n, ok
}

// NetNSNames names network namespaces by their nsid in the namespace
// printed (the ids `ip netns list-id` shows).
type NetNSNames interface {
	NetNSName(nsid int32) (name string, ok bool)
}
