package nlsock

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/sys/unix"
)

// ne is the byte order of netlink headers and of most rtnetlink fields: the
// host's.
var ne = binary.NativeEndian

// HeaderLen is the size of a netlink message header.
//
//	#define NLMSG_HDRLEN ((int) NLMSG_ALIGN(sizeof(struct nlmsghdr)))
const HeaderLen = 16

// AlignTo is the alignment of netlink messages.
//
//	#define NLMSG_ALIGNTO 4U
const AlignTo = 4

// Align rounds n up to the next multiple of AlignTo.
//
//	#define NLMSG_ALIGN(len) ( ((len)+NLMSG_ALIGNTO-1) & ~(NLMSG_ALIGNTO-1) )
func Align(n int) int { return (n + AlignTo - 1) &^ (AlignTo - 1) }

// Header is a netlink message header.
//
//	struct nlmsghdr {
//		__u32 nlmsg_len;   /* Length of message including header */
//		__u16 nlmsg_type;  /* Message content */
//		__u16 nlmsg_flags; /* Additional flags */
//		__u32 nlmsg_seq;   /* Sequence number */
//		__u32 nlmsg_pid;   /* Sending process port ID */
//	};
type Header struct {
	Len   uint32 // length of the message including the header, without trailing padding
	Type  uint16 // message type: one of the Type* values or a family's (RTM_*)
	Flags uint16 // Flag* bits
	Seq   uint32 // sequence number, echoed by the kernel in replies
	Pid   uint32 // port id: 0 for the kernel; replies carry the requester's
}

// Standard message types (below NLMSG_MIN_TYPE, reserved for control).
const (
	// TypeNoop is NLMSG_NOOP: nothing, to be ignored.
	TypeNoop uint16 = unix.NLMSG_NOOP
	// TypeError is NLMSG_ERROR: an error or, with errno 0, an acknowledgement.
	TypeError uint16 = unix.NLMSG_ERROR
	// TypeDone is NLMSG_DONE: end of a multipart (dump) reply; carries an
	// int32 error code.
	TypeDone uint16 = unix.NLMSG_DONE
	// TypeOverrun is NLMSG_OVERRUN: data lost (unused by the kernel today).
	TypeOverrun uint16 = unix.NLMSG_OVERRUN
	// MinType is NLMSG_MIN_TYPE: the first type free for families.
	MinType uint16 = unix.NLMSG_MIN_TYPE
)

// Header flags.
const (
	// FlagRequest is NLM_F_REQUEST: the message is a request.
	FlagRequest uint16 = unix.NLM_F_REQUEST
	// FlagMulti is NLM_F_MULTI: part of a multipart reply ended by TypeDone.
	FlagMulti uint16 = unix.NLM_F_MULTI
	// FlagAck is NLM_F_ACK: reply with an acknowledgement on success.
	FlagAck uint16 = unix.NLM_F_ACK
	// FlagEcho is NLM_F_ECHO: echo this request to the sender.
	FlagEcho uint16 = unix.NLM_F_ECHO
	// FlagDumpIntr is NLM_F_DUMP_INTR: the dump was inconsistent because
	// the table changed while it ran.
	FlagDumpIntr uint16 = unix.NLM_F_DUMP_INTR
	// FlagDumpFiltered is NLM_F_DUMP_FILTERED: the kernel applied the
	// request's filter to this dump.
	FlagDumpFiltered uint16 = unix.NLM_F_DUMP_FILTERED

	// FlagRoot is NLM_F_ROOT (GET): return the whole table.
	FlagRoot uint16 = unix.NLM_F_ROOT
	// FlagMatch is NLM_F_MATCH (GET): return all matching entries.
	FlagMatch uint16 = unix.NLM_F_MATCH
	// FlagAtomic is NLM_F_ATOMIC (GET): atomic snapshot (unsupported).
	FlagAtomic uint16 = unix.NLM_F_ATOMIC
	// FlagDump is NLM_F_DUMP (GET): NLM_F_ROOT|NLM_F_MATCH.
	FlagDump uint16 = unix.NLM_F_DUMP

	// FlagReplace is NLM_F_REPLACE (NEW): replace an existing object.
	FlagReplace uint16 = unix.NLM_F_REPLACE
	// FlagExcl is NLM_F_EXCL (NEW): fail if the object exists.
	FlagExcl uint16 = unix.NLM_F_EXCL
	// FlagCreate is NLM_F_CREATE (NEW): create the object if it is absent.
	FlagCreate uint16 = unix.NLM_F_CREATE
	// FlagAppend is NLM_F_APPEND (NEW): add to the end of the list.
	FlagAppend uint16 = unix.NLM_F_APPEND

	// FlagNonrec is NLM_F_NONREC (DELETE): do not delete recursively.
	FlagNonrec uint16 = unix.NLM_F_NONREC
	// FlagBulk is NLM_F_BULK (DELETE): bulk delete.
	FlagBulk uint16 = unix.NLM_F_BULK

	// FlagCapped is NLM_F_CAPPED (on NLMSG_ERROR): the request's payload is
	// not echoed, only its header (NETLINK_CAP_ACK).
	FlagCapped uint16 = unix.NLM_F_CAPPED
	// FlagAckTLVs is NLM_F_ACK_TLVS (on NLMSG_ERROR and NLMSG_DONE):
	// extended-ack attributes follow (NETLINK_EXT_ACK).
	FlagAckTLVs uint16 = unix.NLM_F_ACK_TLVS
)

// AppendHeader appends the 16 wire bytes of h to b. It does not allocate
// when b has room.
func AppendHeader(b []byte, h Header) []byte {
	b = ne.AppendUint32(b, h.Len)
	b = ne.AppendUint16(b, h.Type)
	b = ne.AppendUint16(b, h.Flags)
	b = ne.AppendUint32(b, h.Seq)
	return ne.AppendUint32(b, h.Pid)
}

// ParseHeader decodes the header at the start of b.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderLen {
		return Header{}, fmt.Errorf("netlink: header needs %d bytes, have %d: %w", HeaderLen, len(b), ErrTruncated)
	}
	return decodeHeader(b), nil
}

// decodeHeader decodes b[:HeaderLen]; the caller checked the length.
func decodeHeader(b []byte) Header {
	_ = b[HeaderLen-1]
	return Header{
		Len:   ne.Uint32(b[0:4]),
		Type:  ne.Uint16(b[4:6]),
		Flags: ne.Uint16(b[6:8]),
		Seq:   ne.Uint32(b[8:12]),
		Pid:   ne.Uint32(b[12:16]),
	}
}

// BeginMessage starts a request at the end of b: it pads b to NLMSG_ALIGN,
// appends a header with the given type, flags and sequence number (port id
// 0, length to be patched) and returns the grown slice and the offset of the
// header. Append the payload to the returned slice, then call EndMessage.
// It does not allocate when b has room.
//
//	b, start := nlsock.BeginMessage(buf[:0], unix.RTM_NEWROUTE, flags, seq)
//	b = appendRoute(b)
//	b = nlsock.EndMessage(b, start)
func BeginMessage(b []byte, typ, flags uint16, seq uint32) ([]byte, int) {
	b = pad(b)
	start := len(b)
	return AppendHeader(b, Header{Type: typ, Flags: flags, Seq: seq}), start
}

// EndMessage finishes the message begun at start by BeginMessage: it sets
// the header's length to everything appended since (trailing padding is
// added by the next BeginMessage, as the kernel allows). It panics if start
// does not leave room for a header in b, which is a programming error.
func EndMessage(b []byte, start int) []byte {
	if start < 0 || start > len(b)-HeaderLen {
		panic("nlsock: EndMessage: start does not point at a header begun by BeginMessage")
	}
	ne.PutUint32(b[start:], uint32(len(b)-start))
	return b
}

// pad appends zero bytes until len(b) is a multiple of AlignTo.
func pad(b []byte) []byte {
	for len(b)%AlignTo != 0 {
		b = append(b, 0)
	}
	return b
}
