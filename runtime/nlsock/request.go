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
// Query to see them.
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
	if err := c.acquire(ctx, op); err != nil {
		return err
	}
	defer c.release()
	if err := c.begin(ctx, op); err != nil {
		return err
	}
	defer c.end()
	if err := c.settle(ctx, op); err != nil {
		return err
	}
	seq := c.nextSeq()
	var start int
	c.wbuf, start = BeginMessage(c.wbuf[:0], typ, flags|FlagRequest|FlagAck, seq)
	c.wbuf = append(c.wbuf, payload...)
	c.wbuf = EndMessage(c.wbuf, start)
	if err := c.send(c.wbuf); err != nil {
		return c.ioErr(ctx, op, err)
	}

	var fnErr error
	block := true
	for {
		b, err := c.readDatagram(block)
		switch {
		case err == unix.ENOBUFS:
			// rtnetlink answers within sendmsg, so our reply is queued or
			// lost by now: look at what is queued without waiting.
			block = false
			continue
		case err == unix.EAGAIN:
			return &opError{op: op, err: errReplyLost}
		case err != nil:
			return c.ioErr(ctx, op, err)
		}
		if k, u := c.fromKernel(); !k || !u {
			continue
		}
		ms := SplitMessages(b)
		for ms.Next() {
			m := ms.Message()
			ok, err := c.check(m, seq, seq)
			if err != nil {
				return &opError{op: op, err: err}
			}
			if !ok {
				continue
			}
			switch m.Header.Type {
			case TypeError, TypeDone:
				if err := ParseError(m); err != nil {
					return withOp(op, err)
				}
				return fnErr
			case TypeNoop:
			default:
				if fn != nil && fnErr == nil {
					fnErr = fn(m)
				}
			}
		}
		if err := ms.Err(); err != nil {
			return &opError{op: op, err: err}
		}
	}
}
