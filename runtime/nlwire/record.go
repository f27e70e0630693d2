package nlwire

import (
	"encoding/binary"
	"strconv"
)

// RecordDecoder walks a run of length-prefixed records such as the struct
// rtnexthop entries of RTA_MULTIPATH: each record starts with a u16 length
// covering its fixed header and the attributes after it, and the next record
// starts at the aligned end.
//
//	#define RTNH_OK(rtnh,len) ((rtnh)->rtnh_len >= sizeof(struct rtnexthop) && \
//		((int)(rtnh)->rtnh_len) <= (len))
type RecordDecoder struct {
	b      []byte
	pos    int
	cur    int
	base   int
	hdr    int
	data   []byte
	err    error
	endOff int
}

// Reset starts a walk over b, whose records have fixed headers of hdr bytes;
// base is b's offset in the message.
func (d *RecordDecoder) Reset(b []byte, hdr, base int) {
	*d = RecordDecoder{b: b, hdr: hdr, base: base}
}

// Next advances to the next record.
func (d *RecordDecoder) Next() bool {
	rest := d.b[d.pos:]
	if len(rest) == 0 || d.err != nil {
		return false
	}
	if len(rest) < d.hdr {
		d.err = &DecodeError{Offset: d.base + d.pos, Err: &LengthError{What: "record remainder", Got: len(rest), Want: "at least " + strconv.Itoa(d.hdr)}}
		return false
	}
	n := int(binary.NativeEndian.Uint16(rest))
	if n < d.hdr || n > len(rest) {
		d.err = &DecodeError{Offset: d.base + d.pos, Err: &LengthError{What: "record length", Got: n, Want: strconv.Itoa(d.hdr) + ".." + strconv.Itoa(len(rest))}}
		return false
	}
	d.data = rest[:n:n]
	d.cur = d.pos
	d.pos += Align(n)
	if d.pos > len(d.b) {
		d.pos = len(d.b)
	}
	return true
}

// Bytes is the current record including its fixed header.
func (d *RecordDecoder) Bytes() []byte { return d.data }

// Offset is the current record's offset in the message.
func (d *RecordDecoder) Offset() int { return d.base + d.cur }

// Err is the error that stopped the walk, if any.
func (d *RecordDecoder) Err() error { return d.err }

// PutLen16 writes the u16 length of a record begun at start; like EndAttr
// it panics on a record longer than 65535 bytes.
func PutLen16(b []byte, start int) {
	n := len(b) - start
	if n > 0xffff {
		panic("nlwire: record of " + strconv.Itoa(n) + " bytes does not fit its u16 length")
	}
	binary.NativeEndian.PutUint16(b[start:], uint16(n))
}
