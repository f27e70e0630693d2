package nlsock

import (
	"context"
	"iter"
)

// Dump sends a dump request (NLM_F_REQUEST|NLM_F_DUMP are added to flags)
// and returns an iterator over the messages of the multipart reply:
//
//	for m, err := range c.Dump(ctx, "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg) {
//		if err != nil {
//			return err
//		}
//		// use m before the next iteration
//	}
//
// The request is sent when iteration starts (payload is read then) and the
// Conn is held until it ends. Messages are read into the Conn's receive
// buffers (a dump longer than one datagram is read ahead, one datagram
// while the last is decoded, into a ring of three reused buffers), so each
// Message is valid only until the next iteration.
// The iteration ends at NLMSG_DONE; a kernel error (in NLMSG_DONE or
// NLMSG_ERROR) is yielded as a *Error named op. If any message carried
// NLM_F_DUMP_INTR, the whole dump is still delivered and then an error
// wrapping ErrDumpInterrupted is yielded last. Messages the kernel filtered
// by the request (strict checking) carry FlagDumpFiltered in Header.Flags.
// Not every table flags changes made during its dump: the IPv6 FIB resumes
// each part of its dump by counting routes, so under churn it can repeat
// or miss routes without NLM_F_DUMP_INTR (see package route).
// An error is always the last value yielded.
//
// Breaking out of the loop early is fine: the rest of the dump is read and
// discarded so the Conn stays usable (if ctx ends first, the next request
// on the Conn finishes the draining).
func (c *Conn) Dump(ctx context.Context, op string, typ, flags uint16, payload []byte) iter.Seq2[Message, error] {
	return func(yield func(Message, error) bool) {
		if err := c.enter(ctx, op, true); err != nil {
			yield(Message{}, err)
			return
		}
		defer c.leave()
		seq, err := c.sendRequest(ctx, op, typ, flags|FlagRequest|FlagDump, payload)
		if err != nil {
			yield(Message{}, err)
			return
		}
		c.pendingDump = seq
		if err := c.readDump(ctx, op, seq, yield); err != nil {
			yield(Message{}, err)
		}
	}
}

// readDump reads the reply to dump seq, yielding its messages while the
// consumer wants them, and returns the error to yield last (nil if none, or
// if the consumer stopped). An I/O error leaves pendingDump set, so the
// next operation finishes the draining.
func (c *Conn) readDump(ctx context.Context, op string, seq uint32, yield func(Message, error) bool) error {
	live := true  // the consumer still wants messages
	intr := false // some message carried NLM_F_DUMP_INTR
	err := c.dumpReplies(ctx, op, seq, func(m Message) (bool, error) {
		if m.Header.Flags&FlagDumpIntr != 0 {
			intr = true
		}
		switch m.Header.Type {
		case TypeDone, TypeError:
			c.pendingDump = 0
			if err := ParseError(m); err != nil {
				return true, withOp(op, err)
			}
			if intr {
				return true, &opError{op: op, err: ErrDumpInterrupted}
			}
			return true, nil
		}
		if live && !yield(m, nil) {
			live = false
		}
		return false, nil
	})
	if !live {
		return nil // the consumer broke out already: drop the error
	}
	return err
}
