package nlwire

import (
	"encoding/binary"
	"strconv"
)

// AttrDecoder walks a run of netlink attributes. It is a value type with a
// sticky error, used as
//
//	var d nlwire.AttrDecoder
//	d.Reset(b, base)
//	for d.Next() {
//		switch d.Type() { ... d.Bytes() ... }
//	}
//	if err := d.Err(); err != nil { ... }
//
// An attribute whose length is below the header size or runs past the end
// stops the walk with an error: the framing of everything after it is lost.
// A trailing run shorter than an attribute header is ignored, as the kernel's
// nla_for_each_attr does.
type AttrDecoder struct {
	b    []byte // the whole run
	pos  int    // offset of the next attribute in b
	base int    // offset of b in the message, for error reports
	typ  uint16 // nla_type of the current attribute, flag bits included
	data []byte // payload of the current attribute
	err  error
}

// Reset starts a walk over b; base is b's offset within the message payload.
func (d *AttrDecoder) Reset(b []byte, base int) {
	*d = AttrDecoder{b: b, base: base}
}

// Next advances to the next attribute and reports whether there is one.
//
//	#define nla_ok(nla, rem) ((rem) >= (int)sizeof(*(nla)) && \
//		(nla)->nla_len >= sizeof(*(nla)) && (nla)->nla_len <= (rem))
func (d *AttrDecoder) Next() bool {
	if d.pos+AttrHeaderLen > len(d.b) {
		return false
	}
	rest := d.b[d.pos:]
	n := int(binary.NativeEndian.Uint16(rest))
	if uint(n-AttrHeaderLen) > uint(len(rest)-AttrHeaderLen) {
		return d.fail(n)
	}
	d.typ = binary.NativeEndian.Uint16(rest[2:])
	d.data = rest[AttrHeaderLen:n:n]
	d.pos += (n + AttrAlignTo - 1) &^ (AttrAlignTo - 1)
	return true
}

// fail records a framing error and ends the walk. It is kept out of line so
// Next stays small.
//
//go:noinline
func (d *AttrDecoder) fail(n int) bool {
	d.err = &DecodeError{Attr: "attribute", Offset: d.base + d.pos, Err: &LengthError{What: "nla_len", Got: n, Want: "4.." + strconv.Itoa(len(d.b)-d.pos)}}
	d.pos = len(d.b)
	return false
}

// Type is the current attribute's type with the flag bits masked off.
func (d *AttrDecoder) Type() uint16 { return d.typ & TypeMask }

// RawType is the current attribute's nla_type including NLA_F_* flag bits.
func (d *AttrDecoder) RawType() uint16 { return d.typ }

// Bytes is the current attribute's payload. It aliases the input.
func (d *AttrDecoder) Bytes() []byte { return d.data }

// cur is the offset of the current attribute in b.
func (d *AttrDecoder) cur() int { return d.pos - Align(AttrHeaderLen+len(d.data)) }

// Offset is the offset of the current attribute's header in the message.
func (d *AttrDecoder) Offset() int { return d.base + d.cur() }

// PayloadOffset is the offset of the current attribute's payload in the
// message.
func (d *AttrDecoder) PayloadOffset() int { return d.Offset() + AttrHeaderLen }

// Raw is the current attribute with its header, without alignment padding.
func (d *AttrDecoder) Raw() []byte {
	c := d.cur()
	return d.b[c : c+AttrHeaderLen+len(d.data)]
}

// Err is the framing error that stopped the walk, if any. Its Msg is empty;
// callers name the message with Named.
func (d *AttrDecoder) Err() error { return d.err }

// Attr splits the first attribute off b: its nla_type (flag bits
// included), its payload and the aligned rest. ok is false when b holds no
// complete attribute; AttrsErr then tells a clean end from a framing error.
// Attr is small enough to be inlined into generated decode loops, which is
// why they use it rather than AttrDecoder.
func Attr(b []byte) (typ uint16, p, rest []byte, ok bool) {
	if len(b) < AttrHeaderLen {
		return 0, nil, nil, false
	}
	n := int(binary.NativeEndian.Uint16(b))
	if uint(n-AttrHeaderLen) > uint(len(b)-AttrHeaderLen) {
		return 0, nil, nil, false
	}
	a := (n + AttrAlignTo - 1) &^ (AttrAlignTo - 1)
	if a > len(b) {
		a = len(b)
	}
	return binary.NativeEndian.Uint16(b[2:]), b[AttrHeaderLen:n:n], b[a:], true
}

// AttrsErr reports why a walk with Attr stopped early, for callers that
// have checked that rest holds at least an attribute header (a shorter tail
// is ignored, as nla_for_each_attr does): the error names msg and the offset
// of the bad attribute. base is b's offset in the message.
func AttrsErr(b, rest []byte, base int, msg string) error {
	n := int(binary.NativeEndian.Uint16(rest))
	return &DecodeError{Msg: msg, Attr: "attribute", Offset: base + len(b) - len(rest), Err: &LengthError{What: "nla_len", Got: n, Want: "4.." + strconv.Itoa(len(rest))}}
}
