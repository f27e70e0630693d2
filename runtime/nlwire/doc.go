// Package nlwire holds the wire helpers that nlgen-generated codecs call:
// netlink attribute alignment, a value-type attribute iterator with length
// checks, fixed-size payload getters, attribute appenders, presence order
// bookkeeping and decode errors.
//
// It is deliberately small and flat: every hot loop lives here once, and the
// generated code is a thin switch over attribute types that calls into it.
// It imports only the standard library.
package nlwire
