package nlwire

import (
	"errors"
	"fmt"
	"strconv"
)

// ErrTruncated reports a fixed header or attribute header that does not fit
// in the bytes that remain.
var ErrTruncated = errors.New("truncated")

// DecodeError describes where decoding failed: the message (or nested set),
// the attribute and the byte offset of the attribute header counted from the
// start of the message payload.
type DecodeError struct {
	Msg    string // message or attribute set, e.g. "route"
	Attr   string // attribute, e.g. "RTA_GATEWAY"; empty for the fixed header
	Offset int    // offset of the attribute (or header) in the message payload
	Err    error  // what was wrong
}

func (e *DecodeError) Error() string {
	where := e.Msg
	if e.Attr != "" {
		where += " " + e.Attr
	}
	return "nlwire: " + where + " at offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the underlying cause.
func (e *DecodeError) Unwrap() error { return e.Err }

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
// line to keep the error path small in generated decoders.
//
//go:noinline
func Malformed(first error, msg, attr string, off int, err error, unknown *[]byte, order *Order, raw []byte) error {
	*unknown = KeepRaw(*unknown, raw)
	order.Add(OrderUnknown)
	return Fail(first, msg, attr, off, err)
}
