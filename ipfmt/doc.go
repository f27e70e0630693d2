// Package ipfmt formats rtnetlink objects as iproute2's ip prints them: the
// text of `ip route`, `ip link`, `ip addr`, ... and the JSON of `ip -j`.
//
// Each object (route, link, address, neighbour, rule, nexthop) is walked
// once, field by field, into a sink that is either text (the words ip
// prints, in ip's order) or JSON (the keys and values ip -j prints). The
// words and keys of attributes come from the schema (text/json names,
// generated as rtnl.RouteAttrsFieldName and friends); flag and enum words
// come from the schema's value names. What is left here are ip's real
// quirks: "default" for a route without destination, "dev" from an
// interface index, multipath legs, link flags in <...>, address lifetimes
// "forever", and so on.
//
// Options carries the meaning of ip's global flags: JSON (-j), Numeric
// (-N), Details (-d). An interface resolver turns indexes into names, as
// ip's ll_index_to_name does.
//
// Append appends one object; a List writes a listing (one JSON array, or one
// text block per object) and AppendEvent a monitor line.
package ipfmt
