package nlsock

import (
	"context"
	"fmt"

	"golang.org/x/sys/unix"
)

// errReplyLost is returned when the kernel dropped the reply to a request
// because the receive buffer was full.
var errReplyLost = fmt.Errorf("reply lost to a receive buffer overrun: %w", unix.ENOBUFS)

// Execute sends one request (NLM_F_REQUEST|NLM_F_ACK are added to flags)
// with the given message type and payload, and waits for the kernel's
// acknowledgement. A kernel error comes back as *Error named op; errors.Is
// sees its errno. Other replies to the request (NLM_F_ECHO) are ignored; use
// Query to see them. Execute reads each reply with one recvfrom(2), not
// sizing it first, so a reply datagram longer than 64 KiB (an echo of a
// huge object; never an acknowledgement) fails with ErrTruncated: Query
// sizes every reply.
func (c *Conn) Execute(ctx context.Context, op string, typ, flags uint16, payload []byte) error {
	return c.Query(ctx, op, typ, flags, payload, nil)
}

// Query sends one request (NLM_F_REQUEST|NLM_F_ACK are added to flags) and
// calls fn, if not nil, for each reply message until the acknowledgement:
// e.g. RTM_GETROUTE without NLM_F_DUMP yields one RTM_NEWROUTE. The Message
// is valid only during the call. A kernel error (e.g. ENETUNREACH for an
// unroutable destination) comes back as *Error named op. If fn returns an
// error, Query stops calling it, still reads up to the acknowledgement so
// the Conn stays in step, and returns fn's error (unless the kernel
// reported one).
func (c *Conn) Query(ctx context.Context, op string, typ, flags uint16, payload []byte, fn func(Message) error) error {
	if err := c.enter(ctx, op, true); err != nil {
		return err
	}
	defer c.leave()
	seq, err := c.sendRequest(ctx, op, typ, flags|FlagRequest|FlagAck, payload)
	if err != nil {
		return err
	}
	var fnErr error
	err = c.replies(ctx, op, seq, seq, answeredInSend, fn != nil, func(m Message) (bool, error) {
		switch m.Header.Type {
		case TypeError, TypeDone:
			if err := ParseError(m); err != nil {
				return true, withOp(op, err)
			}
			return true, fnErr
		}
		if fn != nil && fnErr == nil {
			fnErr = fn(m)
		}
		return false, nil
	})
	if err == errQueueDrained {
		return &opError{op: op, err: errReplyLost}
	}
	return err
}
