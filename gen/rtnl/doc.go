// Package rtnl holds the rtnetlink codecs nlgen generates from
// schema/rtnetlink.hcl: enums with String and Parse, fixed headers, attribute
// sets with presence, and message types (Route, ...) that decode in place
// and append to caller buffers without allocating.
//
// Every other file in this directory is generated; change the schema and run
// `go generate ./gen/rtnl` (or `make gen`) instead of editing them.
package rtnl

//go:generate go run ../../cmd/nlgen -out . ../../schema/rtnetlink.hcl
