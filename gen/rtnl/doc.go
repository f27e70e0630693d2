// Package rtnl holds the rtnetlink codecs nlgen generates from
// schema/rtnetlink.hcl: enums with String and Parse, fixed headers, attribute
// sets with presence, and message types (Route, ...) that decode in place
// and append to caller buffers without allocating.
//
// A message with a compact list in the schema also gets an owned compact
// form (RouteCompact): the listed attributes as plain fields with their
// presence and wire order, anything else kept whole behind one pointer, so
// a table of ordinary routes costs 152 bytes each instead of the size of
// Route, and RouteCompact.Route gives back exactly the decoded value.
//
// Every other file in this directory is generated; change the schema and run
// `go generate ./gen/rtnl` (or `make gen`) instead of editing them.
package rtnl

//go:generate go run ../../cmd/nlgen -out . ../../schema/rtnetlink.hcl
