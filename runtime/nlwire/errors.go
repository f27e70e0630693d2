package nlwire

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrTruncated reports a fixed header or attribute header that does not fit
// in the bytes that remain.
var ErrTruncated = errors.New("truncated")

// DecodeError describes where decoding failed: the message (or nested set),
// the attribute and the byte offset of the attribute header counted from the
// start of the message payload.
//
// A dump or a monitor stream that meets such a message still delivers it,
// decoded in part (a malformed attribute's raw bytes are kept with the
// unknown ones), together with its DecodeError, and goes on: see
// internal/dump and monitor.
type DecodeError struct {
	Msg    string // message or attribute set, e.g. "route"
	Attr   string // attribute, e.g. "RTA_GATEWAY"; empty for the fixed header
	Offset int    // offset of the attribute (or header) in the message payload
	Err    error  // what was wrong
	// Nth is the position of the message in its dump, counting the
	// messages of its type from 1; 0 when not known (a lone Decode, a
	// notification).
	Nth int
}

func (e *DecodeError) Error() string {
	where := e.Msg
	if e.Nth > 0 {
		where += " message " + strconv.Itoa(e.Nth)
	}
	if e.Attr != "" {
		where += " " + e.Attr
	}
	return "nlwire: " + where + " at offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the underlying cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// DecodeErrors lists the messages of a dump that did not decode, in
// order. List-style calls return it (joined with any error that ended the
// dump) next to every value, the bad ones decoded in part; errors.As finds
// it, and also finds its first *DecodeError.
type DecodeErrors []*DecodeError

func (e DecodeErrors) Error() string {
	switch len(e) {
	case 0:
		return "nlwire: no decode errors"
	case 1:
		return e[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(e)) + " messages did not decode: ")
	for i, d := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Unwrap returns the DecodeErrors, for errors.Is and errors.As.
func (e DecodeErrors) Unwrap() []error {
	out := make([]error, len(e))
	for i, d := range e {
		out[i] = d
	}
	return out
}

// AsDecodeError returns err as a *DecodeError naming message msg, the nth
// of its dump (0 when not known): err itself when it is one (its Nth set),
// else a new one wrapping err.
func AsDecodeError(err error, msg string, nth int) *DecodeError {
	var d *DecodeError
	if !errors.As(err, &d) {
		d = &DecodeError{Msg: msg, Err: err}
	}
	d.Nth = nth
	return d
}

// LengthError reports a payload whose length the schema does not allow.
type LengthError struct {
	What string // the length checked; "payload length" when empty
	Got  int    // length seen
	Want string // what the schema wants, e.g. "4", "at least 32", "4 or 16"
}

func (e *LengthError) Error() string {
	what := e.What
	if what == "" {
		what = "payload length"
	}
	return fmt.Sprintf("%s %d, want %s", what, e.Got, e.Want)
}

// Fail returns first if it is already set, else a DecodeError built from the
// arguments. Generated decoders keep the first attribute error and go on with
// the rest of the message, so one malformed attribute loses nothing else.
func Fail(first error, msg, attr string, off int, err error) error {
	if first != nil {
		return first
	}
	return &DecodeError{Msg: msg, Attr: attr, Offset: off, Err: err}
}

// Malformed is Fail for an attribute that could not be decoded at all: it
// also keeps the attribute's raw bytes with the unknown ones (and marks
// their place in order), so that re-encoding loses nothing. It is out of
// line to keep the error path small in generated decoders. An address that
// is not an IP address (see Addr and Via) is kept the same way but is not an
// error.
//
//go:noinline
func Malformed(first error, msg, attr string, off int, err error, unknown *[]byte, order *Order, raw []byte) error {
	*unknown = KeepRaw(*unknown, raw)
	order.Add(OrderUnknown)
	if foreign(err) {
		return first
	}
	return Fail(first, msg, attr, off, err)
}
