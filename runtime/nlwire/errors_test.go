package nlwire

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestDecodeErrors: a list of bad messages is one error that errors.As
// finds as the list and as its first DecodeError, and names each message.
func TestDecodeErrors(t *testing.T) {
	a := AsDecodeError(&DecodeError{Msg: "route", Attr: "RTA_DST", Offset: 12, Err: ErrTruncated}, "route", 3)
	b := AsDecodeError(io.ErrUnexpectedEOF, "route", 7)
	if a.Nth != 3 || a.Attr != "RTA_DST" || b.Nth != 7 || b.Msg != "route" || !errors.Is(b, io.ErrUnexpectedEOF) {
		t.Fatalf("AsDecodeError: %+v %+v", a, b)
	}
	err := errors.Join(DecodeErrors{a, b}, io.EOF)
	var list DecodeErrors
	var first *DecodeError
	if !errors.As(err, &list) || len(list) != 2 || !errors.As(err, &first) || first != a {
		t.Fatalf("errors.As on %v: list %v, first %v", err, list, first)
	}
	if !errors.Is(err, ErrTruncated) || !errors.Is(err, io.EOF) {
		t.Errorf("errors.Is misses a cause in %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"2 messages did not decode", "route message 3 RTA_DST at offset 12", "route message 7 at offset 0"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}
