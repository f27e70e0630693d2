package nlsock

import (
	"context"
	"iter"

	"golang.org/x/sys/unix"
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
// Conn is held until it ends. Every message is read into the Conn's one
// receive buffer, so each Message is valid only until the next iteration.
// The iteration ends at NLMSG_DONE; a kernel error (in NLMSG_DONE or
// NLMSG_ERROR) is yielded as a *Error named op. If any message carried
// NLM_F_DUMP_INTR, the whole dump is still delivered and then an error
// wrapping ErrDumpInterrupted is yielded last. Messages the kernel filtered
// by the request (strict checking) carry FlagDumpFiltered in Header.Flags.
// An error is always the last value yielded.
//
// Breaking out of the loop early is fine: the rest of the dump is read and
// discarded so the Conn stays usable (if ctx ends first, the next request
// on the Conn finishes the draining).
func (c *Conn) Dump(ctx context.Context, op string, typ, flags uint16, payload []byte) iter.Seq2[Message, error] {
	return func(yield func(Message, error) bool) {
		if err := c.acquire(ctx, op); err != nil {
			yield(Message{}, err)
			return
		}
		defer c.release()
		if err := c.begin(ctx, op); err != nil {
			yield(Message{}, err)
			return
		}
		defer c.end()
		if err := c.settle(ctx, op); err != nil {
			yield(Message{}, err)
			return
		}
		seq := c.nextSeq()
		var start int
		c.wbuf, start = BeginMessage(c.wbuf[:0], typ, flags|FlagRequest|FlagDump, seq)
		c.wbuf = append(c.wbuf, payload...)
		c.wbuf = EndMessage(c.wbuf, start)
		if err := c.send(c.wbuf); err != nil {
			yield(Message{}, c.ioErr(ctx, op, err))
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
// if the consumer stopped).
func (c *Conn) readDump(ctx context.Context, op string, seq uint32, yield func(Message, error) bool) error {
	live := true  // the consumer still wants messages
	intr := false // some message carried NLM_F_DUMP_INTR
	// report drops the error if the consumer broke out already.
	report := func(err error) error {
		if !live {
			return nil
		}
		return err
	}
	for {
		b, err := c.readDatagram(true)
		if err == unix.ENOBUFS {
			continue // notifications lost; dump replies wait for room instead
		}
		if err != nil {
			return report(c.ioErr(ctx, op, err)) // pendingDump stays set
		}
		if k, u := c.fromKernel(); !k || !u {
			continue
		}
		ms := SplitMessages(b)
		for ms.Next() {
			m := ms.Message()
			ok, err := c.check(m, seq, seq)
			if err != nil {
				return report(&opError{op: op, err: err})
			}
			if !ok {
				continue
			}
			if m.Header.Flags&FlagDumpIntr != 0 {
				intr = true
			}
			switch m.Header.Type {
			case TypeDone, TypeError:
				c.pendingDump = 0
				if err := ParseError(m); err != nil {
					return report(withOp(op, err))
				}
				if intr {
					return report(&opError{op: op, err: ErrDumpInterrupted})
				}
				return nil
			case TypeNoop:
				continue
			}
			if live && !yield(m, nil) {
				live = false
			}
		}
		if err := ms.Err(); err != nil {
			return report(&opError{op: op, err: err})
		}
	}
}
