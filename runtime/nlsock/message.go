package nlsock

import "fmt"

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

// Next advances to the next message and reports whether there is one.
func (ms *Messages) Next() bool {
	if ms.err != nil || ms.off >= len(ms.b) {
		return false
	}
	rest := ms.b[ms.off:]
	if len(rest) < HeaderLen {
		ms.err = fmt.Errorf("netlink: message at offset %d: %d bytes left, header needs %d: %w",
			ms.off, len(rest), HeaderLen, ErrTruncated)
		return false
	}
	h := decodeHeader(rest)
	if h.Len < HeaderLen {
		ms.err = fmt.Errorf("netlink: message at offset %d: length %d is shorter than its header: %w",
			ms.off, h.Len, ErrMalformed)
		return false
	}
	if uint64(h.Len) > uint64(len(rest)) {
		ms.err = fmt.Errorf("netlink: message at offset %d: length %d exceeds the %d bytes left: %w",
			ms.off, h.Len, len(rest), ErrTruncated)
		return false
	}
	n := int(h.Len)
	ms.cur = Message{Header: h, Payload: rest[HeaderLen:n:n]}
	// NLMSG_NEXT: the last message of a datagram may lack its padding.
	if next := Align(n); next < len(rest) {
		ms.off += next
	} else {
		ms.off = len(ms.b)
	}
	return true
}

// Message returns the current message. Its Payload aliases the datagram.
func (ms *Messages) Message() Message { return ms.cur }

// Err returns the error that stopped the iteration, if any.
func (ms *Messages) Err() error { return ms.err }
