package nlsock

import (
	"encoding/binary"
	"fmt"
)

// Message is one netlink message. Payload aliases the buffer it was split
// from: for messages from a Conn it is valid only until the next call on that
// Conn; copy what must outlive it.
type Message struct {
	Header  Header
	Payload []byte // the bytes after the header, Header.Len-HeaderLen long
}

// Messages iterates over the netlink messages of one datagram:
//
//	ms := nlsock.SplitMessages(datagram)
//	for ms.Next() {
//		m := ms.Message()
//		...
//	}
//	if err := ms.Err(); err != nil { ... }
//
// Messages start at NLMSG_ALIGNed offsets. A header shorter than HeaderLen,
// a length below HeaderLen or past the end of the datagram stops the
// iteration with an error naming the offset; messages before it are still
// delivered. It never panics and never allocates except to build an error.
type Messages struct {
	b   []byte
	off int
	cur Message
	err error
}

// SplitMessages returns an iterator over the messages in the datagram b.
// Payloads alias b.
func SplitMessages(b []byte) Messages { return Messages{b: b} }

// Bytes is the whole datagram being split.
func (ms *Messages) Bytes() []byte { return ms.b }

// More reports whether bytes are left after the current message: Next has
// another message to return, or an error to stop on.
func (ms *Messages) More() bool { return ms.err == nil && ms.off < len(ms.b) }

// Next advances to the next message and reports whether there is one.
func (ms *Messages) Next() bool {
	// NLMSG_NEXT: the last message of a datagram may lack its padding, so
	// off can pass the end by up to three bytes.
	rest := ms.b[min(ms.off, len(ms.b)):]
	if ms.err != nil || len(rest) == 0 {
		return false
	}
	if len(rest) < HeaderLen {
		return ms.fail(errShortHeader, len(rest), 0)
	}
	n := int(binary.NativeEndian.Uint32(rest))
	if n < HeaderLen || n > len(rest) {
		return ms.fail(errBadLength, len(rest), uint32(n))
	}
	// Field by field: building a whole Message (or calling decodeHeader)
	// here costs the loop a copy of the struct.
	ms.cur.Header = Header{
		Len:   uint32(n),
		Type:  binary.NativeEndian.Uint16(rest[4:]),
		Flags: binary.NativeEndian.Uint16(rest[6:]),
		Seq:   binary.NativeEndian.Uint32(rest[8:]),
		Pid:   binary.NativeEndian.Uint32(rest[12:]),
	}
	ms.cur.Payload = rest[HeaderLen:n:n]
	ms.off += Align(n)
	return true
}

// Framing faults Next reports through fail.
const (
	errShortHeader = iota // fewer than HeaderLen bytes left
	errBadLength          // the header's length is below HeaderLen or past the end
)

// fail records why the iteration stopped. It is kept out of line so that
// Next, which runs once per message of every dump and notification, stays
// small enough to inline: three fmt.Errorf calls in its body cost the
// framing loop more than half its time.
//
//go:noinline
func (ms *Messages) fail(kind, left int, length uint32) bool {
	switch {
	case kind == errShortHeader:
		ms.err = fmt.Errorf("netlink: message at offset %d: %d bytes left, header needs %d: %w",
			ms.off, left, HeaderLen, ErrTruncated)
	case length < HeaderLen:
		ms.err = fmt.Errorf("netlink: message at offset %d: length %d is shorter than its header: %w",
			ms.off, length, ErrMalformed)
	default:
		ms.err = fmt.Errorf("netlink: message at offset %d: length %d exceeds the %d bytes left: %w",
			ms.off, length, left, ErrTruncated)
	}
	return false
}

// Message returns the current message. Its Payload aliases the datagram.
func (ms *Messages) Message() Message { return ms.cur }

// Err returns the error that stopped the iteration, if any.
func (ms *Messages) Err() error { return ms.err }
