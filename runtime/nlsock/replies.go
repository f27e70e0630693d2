package nlsock

import (
	"context"
	"errors"

	"golang.org/x/sys/unix"
)

// The one round trip every operation makes: enter (take the Conn, arm ctx,
// finish an abandoned dump), sendRequest (frame and send), replies (read
// until the operation has its answer), leave. Receive shares enter, leave
// and nextDatagram.

// errQueueDrained is replies' answer when, in answeredInSend mode, the
// receive queue emptied before the operation had its answer: the kernel
// dropped it in an overrun. Callers turn it into their own error.
var errQueueDrained = errors.New("netlink: replies lost to a receive buffer overrun")

// replyMode says what a receive buffer overrun (ENOBUFS) means to an
// operation.
type replyMode uint8

const (
	// waitReplies: the replies are still to come (a dump, whose parts the
	// kernel writes only when there is room): ENOBUFS only reports lost
	// notifications, keep waiting.
	waitReplies replyMode = iota
	// answeredInSend: the kernel answered within sendmsg (requests,
	// batches), so after an overrun what survived is already queued:
	// read on without waiting, and report errQueueDrained once the queue
	// is empty.
	answeredInSend
)

// enter takes the Conn for operation op and arms ctx; with settle it also
// finishes reading a dump abandoned earlier, so the kernel accepts a new
// request. On success the caller must call leave.
func (c *Conn) enter(ctx context.Context, op string, settle bool) error {
	if err := c.acquire(ctx, op); err != nil {
		return err
	}
	if err := c.begin(ctx, op); err != nil {
		c.release()
		return err
	}
	if settle {
		if err := c.settle(ctx, op); err != nil {
			c.leave()
			return err
		}
	}
	return nil
}

// leave ends what enter began.
func (c *Conn) leave() {
	c.end()
	c.release()
}

// sendRequest frames one request (flags as given: the caller adds
// FlagRequest and FlagAck or FlagDump) with a fresh sequence number and
// sends it. Caller is inside enter.
func (c *Conn) sendRequest(ctx context.Context, op string, typ, flags uint16, payload []byte) (uint32, error) {
	seq := c.nextSeq()
	var start int
	c.wbuf, start = BeginMessage(c.wbuf[:0], typ, flags, seq)
	c.wbuf = append(c.wbuf, payload...)
	c.wbuf = EndMessage(c.wbuf, start)
	if err := c.send(c.wbuf); err != nil {
		return 0, c.ioErr(ctx, op, err)
	}
	return seq, nil
}

// nextDatagram reads the next datagram sent by the kernel (user-space
// senders are not trusted), unicast to this socket unless multicast is
// set. With sized, each datagram is sized before it is read, so none is
// ever cut (dumps, replies that carry objects); without, it is read at once
// (acknowledgements, notifications: one recvfrom each, see readDatagram).
// Errors are as readDatagram's. Caller is inside enter.
func (c *Conn) nextDatagram(block, multicast, sized bool) ([]byte, error) {
	for {
		b, err := c.readDatagram(block, sized)
		if err != nil {
			return nil, err
		}
		if k, u := c.fromKernel(); k && (u || multicast) {
			return b, nil
		}
	}
}

// replies reads the kernel's replies to requests lo..hi (sequence numbers,
// wrapping) and passes each to fn, skipping NLMSG_NOOP and stale replies to
// earlier requests, until fn reports done or fails. A reply no request
// asked for, a framing error or an I/O error ends it with an error named
// op. See replyMode for overruns. Sized says whether the replies can be
// large (objects, dumps: each datagram is sized before it is read) or are
// only acknowledgements (read at once, one recvfrom each; one longer than
// 64 KiB fails with ErrTruncated). Caller is inside enter.
func (c *Conn) replies(ctx context.Context, op string, lo, hi uint32, mode replyMode, sized bool, fn func(Message) (done bool, err error)) error {
	block := true
	for {
		b, err := c.nextDatagram(block, false, sized)
		switch {
		case err == unix.ENOBUFS:
			if mode == answeredInSend {
				block = false
			}
			continue
		case err == unix.EAGAIN && !block:
			return errQueueDrained
		case err != nil:
			return c.ioErr(ctx, op, err)
		}
		if done, err := c.handle(op, lo, hi, b, fn); done || err != nil {
			return err
		}
	}
}

// handle passes the messages of datagram b that answer requests lo..hi to
// fn, as replies describes, and reports whether the operation is over: fn
// said done, or it or the framing failed.
func (c *Conn) handle(op string, lo, hi uint32, b []byte, fn func(Message) (bool, error)) (bool, error) {
	ms := SplitMessages(b)
	for ms.Next() {
		m := ms.Message()
		ok, err := c.check(m, lo, hi)
		if err != nil {
			return true, &opError{op: op, err: err}
		}
		if !ok || m.Header.Type == TypeNoop {
			continue
		}
		done, err := fn(m)
		if done || err != nil {
			return true, err
		}
	}
	if err := ms.Err(); err != nil {
		return true, &opError{op: op, err: err}
	}
	return false, nil
}
