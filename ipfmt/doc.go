// Package ipfmt formats rtnetlink objects as iproute2's ip prints them: the
// text of `ip route`, `ip link`, `ip addr`, `ip neigh`, `ip rule` and
// `ip nexthop`, and the JSON of `ip -j` (with -N, -d and -4/-6 meaning what
// they mean to ip). Its output is compared with ip 6.1's on a live kernel by
// the package's integration tests, and its JSON is a compatibility contract
// with scripts written for `ip -j` (see the README's "JSON output").
//
// Each object has one field table (routeTable, linkTable, addrTable,
// neighTable, ruleTable, nexthopTable) in the order ip prints its fields,
// walked once into a sink that is either text (the words ip prints) or
// JSON (the keys and values ip -j prints): one walk per object, not one
// per output form, and one JSON writer. A plain row is an attribute,
// printed when present under the schema's names; a hook row is one of
// ip's quirks. The words and keys of attributes come
// from the schema (text/json names, generated as rtnl.RouteAttrsFieldName
// and friends); flag words and their order come from the schema's flag
// values. What is typed here is ip's quirks: "default" for a route without
// destination, "dev" from an interface index, multipath legs, link flags
// in <...>, "dynamic" for an address without IFA_F_PERMANENT, lifetimes
// "forever", the header fields the schema does not name, and the names
// iproute2 ships in /etc/iproute2.
//
// Use:
//
//	o := ipfmt.Options{JSON: true, Links: &links}   // links: a LinkTable learnt from a link dump
//	b, err := o.Append(nil, route)                  // one object
//	l := o.NewList(os.Stdout)                       // a listing: one JSON array, or text blocks
//	l.Add(route); l.AddAddrs(link, addrs); l.Close()
//	line, ok := o.AppendEvent(nil, ev)              // a monitor line
//
// Options.Links resolves interface indexes; Options.Nexthops, with
// Details, resolves a route's nexthop object (ip -d's nh_info). The
// HideTable, HideProto and HideDev options leave out what a listing is
// filtered by, as ip does.
package ipfmt
