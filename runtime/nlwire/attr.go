package nlwire

import "encoding/binary"

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
	cur  int    // offset of the current attribute in b
	base int    // offset of b in the message, for error reports
	typ  uint16
	raw  uint16 // nla_type including flag bits
	data []byte
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
	rest := d.b[d.pos:]
	if len(rest) < AttrHeaderLen || d.err != nil {
		return false
	}
	n := int(binary.NativeEndian.Uint16(rest))
	if n < AttrHeaderLen || n > len(rest) {
		d.err = &DecodeError{Attr: "attribute", Offset: d.base + d.pos, Err: &LengthError{Got: n, Want: "4.." + itoa(len(rest))}}
		return false
	}
	d.raw = binary.NativeEndian.Uint16(rest[2:])
	d.typ = d.raw & TypeMask
	d.data = rest[AttrHeaderLen:n:n]
	d.cur = d.pos
	d.pos += Align(n)
	if d.pos > len(d.b) {
		d.pos = len(d.b)
	}
	return true
}

// Type is the current attribute's type with the flag bits masked off.
func (d *AttrDecoder) Type() uint16 { return d.typ }

// RawType is the current attribute's nla_type including NLA_F_* flag bits.
func (d *AttrDecoder) RawType() uint16 { return d.raw }

// Bytes is the current attribute's payload. It aliases the input.
func (d *AttrDecoder) Bytes() []byte { return d.data }

// Offset is the offset of the current attribute's header in the message.
func (d *AttrDecoder) Offset() int { return d.base + d.cur }

// PayloadOffset is the offset of the current attribute's payload in the
// message.
func (d *AttrDecoder) PayloadOffset() int { return d.base + d.cur + AttrHeaderLen }

// Raw is the current attribute with its header, without alignment padding.
func (d *AttrDecoder) Raw() []byte { return d.b[d.cur : d.cur+AttrHeaderLen+len(d.data)] }

// Err is the framing error that stopped the walk, if any. Its Msg is empty;
// callers name the message with Named.
func (d *AttrDecoder) Err() error { return d.err }

// Named returns err with the message name filled in when err is a
// *DecodeError that has none.
func Named(err error, msg string) error {
	if e, ok := err.(*DecodeError); ok && e.Msg == "" {
		e.Msg = msg
	}
	return err
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
