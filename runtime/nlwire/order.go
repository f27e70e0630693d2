package nlwire

import "encoding/binary"

// OrderUnknown marks, in an Order, the place of an attribute the schema does
// not know.
const OrderUnknown = 0xff

// OrderCap is how many attributes an Order remembers; attributes past it are
// still decoded and encoded, in schema order after the remembered ones.
const OrderCap = 64

// Order remembers the sequence in which a decoded message carried its
// attributes, as indexes into the attribute set, so that encoding a decoded
// value reproduces the kernel's bytes. A value built by hand has an empty
// Order and encodes in schema order.
type Order struct {
	n   uint8
	seq [OrderCap]uint8
}

// Add records the next attribute.
func (o *Order) Add(i uint8) {
	if int(o.n) < OrderCap {
		o.seq[o.n] = i
		o.n++
	}
}

// Seq is the recorded sequence.
func (o *Order) Seq() []uint8 { return o.seq[:o.n] }

// Reset forgets the recorded sequence.
func (o *Order) Reset() { o.n = 0 }

// UnknownCursor hands out, one at a time, the raw attributes kept in an
// Unknown buffer.
type UnknownCursor struct {
	b []byte
}

// NewUnknownCursor starts a cursor over raw attributes.
func NewUnknownCursor(b []byte) UnknownCursor { return UnknownCursor{b} }

// AppendNext appends the next kept attribute to dst.
func (c *UnknownCursor) AppendNext(dst []byte) []byte {
	if len(c.b) < AttrHeaderLen {
		return dst
	}
	n := Align(int(binary.NativeEndian.Uint16(c.b)))
	if n < AttrHeaderLen || n > len(c.b) {
		n = len(c.b)
	}
	dst = append(dst, c.b[:n]...)
	c.b = c.b[n:]
	return dst
}

// AppendRest appends every kept attribute not handed out yet.
func (c *UnknownCursor) AppendRest(dst []byte) []byte {
	dst = append(dst, c.b...)
	c.b = nil
	return dst
}

// KeepRaw appends an attribute's raw bytes (header and payload) to an
// Unknown buffer, padded to alignment so the buffer stays a valid run.
func KeepRaw(dst []byte, raw []byte) []byte {
	return pad(append(dst, raw...), len(raw))
}
