package nlsock

import (
	"errors"
	"fmt"
	"github.com/linx-go/linx/runtime/nlwire"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrDumpInterrupted reports a dump during which the kernel's table
	// changed (NLM_F_DUMP_INTR): the messages already delivered may be an
	// inconsistent view. Retry the dump.
	ErrDumpInterrupted = errors.New("netlink: dump interrupted (NLM_F_DUMP_INTR): table changed during the dump, retry")
	// ErrSeqMismatch reports a kernel reply whose sequence number is ahead
	// of every request this Conn has sent.
	ErrSeqMismatch = errors.New("netlink: reply sequence number matches no request sent")
	// ErrPortMismatch reports a reply to this Conn's request that is
	// addressed to another port id.
	ErrPortMismatch = errors.New("netlink: reply addressed to another port id")
	// ErrTruncated reports a message or attribute that does not fit in the
	// bytes that remain.
	ErrTruncated = errors.New("netlink: truncated message")
	// ErrMalformed reports a message whose header is inconsistent.
	ErrMalformed = errors.New("netlink: malformed message")
	// ErrClosed reports an operation on, or interrupted by, a closed Conn.
	ErrClosed = errors.New("netlink: use of closed connection")
)

// Extended-ack attribute types of NLMSG_ERROR and NLMSG_DONE
// (enum nlmsgerr_attrs).
const (
	// NLMSGERR_ATTR_MSG: error message string.
	errAttrMsg = 1
	// NLMSGERR_ATTR_OFFS: u32 offset of the invalid attribute in the request.
	errAttrOffs = 2
	// NLMSGERR_ATTR_MISS_TYPE: u32 type of a missing required attribute.
	errAttrMissType = 5
	// NLMSGERR_ATTR_MISS_NEST: u32 offset of the nest missing that attribute.
	errAttrMissNest = 6
)

// Error is an error reported by the kernel in NLMSG_ERROR or NLMSG_DONE.
// errors.Is(err, unix.EEXIST) and friends see its Errno.
type Error struct {
	// Op names the request, as given by the caller (e.g. "RTM_NEWROUTE").
	Op string
	// Errno is the kernel's error number.
	Errno unix.Errno
	// Message is the kernel's extended-ack text (NLMSGERR_ATTR_MSG), if any.
	Message string
	// Offset is the byte offset in the request message (from its netlink
	// header) of the attribute that caused the error
	// (NLMSGERR_ATTR_OFFS), or -1.
	Offset int
	// MissingAttr is the type of a required attribute the request lacked
	// (NLMSGERR_ATTR_MISS_TYPE), or -1.
	MissingAttr int
	// MissingNest is the offset in the request of the nest that lacked
	// MissingAttr (NLMSGERR_ATTR_MISS_NEST), or -1 (top level).
	MissingNest int
	// Request is the header of the failed request as echoed in
	// NLMSG_ERROR (zero for NLMSG_DONE).
	Request Header
}

// Error formats the error like
// "netlink: RTM_NEWROUTE: file exists (kernel: Nexthop has invalid gateway)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("netlink: ")
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	e.writeDetail(&b)
	return b.String()
}

// writeDetail writes the errno and the extended-ack details.
func (e *Error) writeDetail(b *strings.Builder) {
	b.WriteString(e.Errno.Error())
	var extra []string
	if e.Message != "" {
		extra = append(extra, "kernel: "+e.Message)
	}
	if e.Offset >= 0 {
		extra = append(extra, "at offset "+strconv.Itoa(e.Offset))
	}
	if e.MissingAttr >= 0 {
		s := "missing attribute " + strconv.Itoa(e.MissingAttr)
		if e.MissingNest >= 0 {
			s += " in nest at offset " + strconv.Itoa(e.MissingNest)
		}
		extra = append(extra, s)
	}
	if len(extra) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(extra, ", "))
		b.WriteString(")")
	}
}

// Unwrap returns the Errno.
func (e *Error) Unwrap() error { return e.Errno }

// ParseError decodes the status carried by m: for an NLMSG_ERROR message
// (struct nlmsgerr: int32 error, the echoed request header, the request's
// payload unless NLM_F_CAPPED, then extended-ack attributes if
// NLM_F_ACK_TLVS) and for NLMSG_DONE (int32 error, then extended-ack
// attributes if NLM_F_ACK_TLVS) it returns a *Error when the error code is
// non-zero and nil for an acknowledgement (code 0). Other message types
// return nil. A payload too short for its error code gives an error wrapping
// ErrTruncated; malformed extended-ack attributes are ignored. The returned
// Error's Op is empty: callers fill it in.
func ParseError(m Message) error {
	p := m.Payload
	switch m.Header.Type {
	case TypeError:
		if len(p) < 4 {
			return fmt.Errorf("netlink: NLMSG_ERROR payload is %d bytes, need 4: %w", len(p), ErrTruncated)
		}
		code := int32(ne.Uint32(p))
		if code == 0 {
			return nil
		}
		e := newError(code)
		if len(p) < 4+HeaderLen {
			return e // no echoed header: tolerate
		}
		e.Request = decodeHeader(p[4:])
		if m.Header.Flags&FlagAckTLVs == 0 {
			return e
		}
		tlv := 4 + HeaderLen
		if m.Header.Flags&FlagCapped == 0 {
			// The request's payload is echoed, NLMSG_ALIGNed.
			orig := uint64(e.Request.Len)
			if orig < HeaderLen || orig-HeaderLen > uint64(len(p)-tlv) {
				return e
			}
			tlv += int(orig - HeaderLen)
			tlv = Align(tlv)
		}
		if tlv <= len(p) {
			e.parseExtAck(p[tlv:])
		}
		return e
	case TypeDone:
		if len(p) < 4 {
			return nil // old kernels and other families: no code means success
		}
		code := int32(ne.Uint32(p))
		if code == 0 {
			return nil
		}
		e := newError(code)
		if m.Header.Flags&FlagAckTLVs != 0 {
			e.parseExtAck(p[4:])
		}
		return e
	}
	return nil
}

// newError returns an Error for a kernel error code (negative errno).
func newError(code int32) *Error {
	n := -int64(code)
	if n < 0 {
		n = -n
	}
	return &Error{Errno: unix.Errno(n), Offset: -1, MissingAttr: -1, MissingNest: -1}
}

// parseExtAck reads the extended-ack attributes in b, ignoring what it does
// not understand and stopping at the first malformed attribute.
func (e *Error) parseExtAck(b []byte) {
	for {
		typ, v, rest, ok := nlwire.Attr(b)
		if !ok {
			return
		}
		b = rest
		switch typ & nlwire.TypeMask {
		case errAttrMsg:
			e.Message = string(nlwire.CString(v))
		case errAttrOffs:
			if n, err := nlwire.U32(v); err == nil {
				e.Offset = int(n)
			}
		case errAttrMissType:
			if n, err := nlwire.U32(v); err == nil {
				e.MissingAttr = int(n)
			}
		case errAttrMissNest:
			if n, err := nlwire.U32(v); err == nil {
				e.MissingNest = int(n)
			}
		}
	}
}

// opError attaches the caller's operation name to an error that is not a
// kernel *Error (I/O, context, framing, sentinels).
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string {
	msg := strings.TrimPrefix(e.err.Error(), "netlink: ")
	if e.op == "" {
		return "netlink: " + msg
	}
	return "netlink: " + e.op + ": " + msg
}

func (e *opError) Unwrap() error { return e.err }

// withOp names op in err: it fills a *Error's Op, wraps anything else.
func withOp(op string, err error) error {
	if err == nil {
		return nil
	}
	var ke *Error
	if errors.As(err, &ke) && ke.Op == "" {
		ke.Op = op
		return ke
	}
	return &opError{op: op, err: err}
}
