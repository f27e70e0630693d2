package nlsock

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// MaxBatchWrite is the largest number of requests ExecuteBatch puts in one
// sendmsg(2). Each write is also kept below the socket's send buffer.
const MaxBatchWrite = 1024

// Batch holds framed requests for Conn.ExecuteBatch. Build it with Add, or
// with Begin and End to encode payloads in place; Reset reuses its memory.
// Sequence numbers, the port id and NLM_F_REQUEST/NLM_F_ACK are set by
// ExecuteBatch. The zero value is an empty batch.
type Batch struct {
	buf    []byte
	starts []int // offset of each message
	open   bool  // between Begin and End
}

// Len returns the number of requests in the batch.
func (b *Batch) Len() int { return len(b.starts) }

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() {
	b.buf, b.starts, b.open = b.buf[:0], b.starts[:0], false
}

// Grow makes room for requests more requests of bytes bytes in all
// (headers included), so that building a large batch does not copy it again
// and again as it grows.
func (b *Batch) Grow(requests, bytes int) {
	if requests > 0 {
		b.starts = slices.Grow(b.starts, requests)
	}
	if bytes > 0 {
		b.buf = slices.Grow(b.buf, bytes)
	}
}

// Size is the number of bytes the queued requests take, headers included.
func (b *Batch) Size() int { return len(b.buf) }

// Add appends a request of type typ with the given flags (e.g.
// FlagCreate|FlagExcl) and a copy of payload.
func (b *Batch) Add(typ, flags uint16, payload []byte) {
	buf := b.Begin(typ, flags)
	b.End(append(buf, payload...))
}

// Begin starts a request and returns the batch's buffer with its header
// reserved: append the payload to it, then pass the result to End. No other
// method may be called in between.
//
//	buf := batch.Begin(unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl)
//	buf = appendRoute(buf, r)
//	batch.End(buf)
func (b *Batch) Begin(typ, flags uint16) []byte {
	if b.open {
		panic("nlsock: Batch.Begin without End")
	}
	buf, start := BeginMessage(b.buf, typ, flags, 0)
	b.starts = append(b.starts, start)
	b.open = true
	return buf
}

// End finishes the request started by Begin; buf is what Begin returned
// with the payload appended.
func (b *Batch) End(buf []byte) {
	if !b.open {
		panic("nlsock: Batch.End without Begin")
	}
	b.buf = EndMessage(buf, b.starts[len(b.starts)-1])
	b.open = false
}

// end returns the offset just past message i (including padding up to the
// next message).
func (b *Batch) end(i int) int {
	if i+1 < len(b.starts) {
		return b.starts[i+1]
	}
	return len(b.buf)
}

// BatchFailure is one failed request of a batch.
type BatchFailure struct {
	// Index is the request's position in the Batch.
	Index int
	// Err is the kernel's *Error (errno and extended-ack message) or, for a
	// request that could not be sent, the cause.
	Err error
}

// BatchError reports the failures of Conn.ExecuteBatch.
type BatchError struct {
	// Index is the position in the Batch of the first request that failed,
	// or -1 if none is known to have failed but replies were lost.
	Index int
	// Failed counts the requests known to have failed.
	Failed int
	// Failures lists every request known to have failed, in Batch order.
	Failures []BatchFailure
	// Incomplete reports that the kernel dropped replies (receive buffer
	// overrun): more requests than Failed may have failed. ExecuteBatch
	// sizes the receive buffer (or, where it cannot, its writes) so that
	// this does not happen to the replies it asks for; notifications of
	// joined groups and NLM_F_ECHO replies can still fill the buffer.
	Incomplete bool
	// Err is the first failure, usually a *Error; when the batch was cut
	// short (context, socket error), that cause is joined to it.
	Err error
	// Sent is how many requests, from the start of the Batch, were sent;
	// the ones after were not. It equals Len when the whole batch went out.
	Sent int

	op    string // the operation's name
	cause error  // what cut the batch short, or nil
}

// Error names every failed request with its index and error, runs of
// consecutive requests that failed alike as one range:
// "netlink: route batch: 1024 requests failed: 0-1023: no such process".
func (e *BatchError) Error() string {
	if len(e.Failures) == 0 {
		if e.Err == nil {
			return "netlink: batch failed"
		}
		return e.Err.Error()
	}
	var b strings.Builder
	b.WriteString("netlink: ")
	if e.op != "" {
		b.WriteString(e.op)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.Failed))
	if e.Failed == 1 {
		b.WriteString(" request failed: ")
	} else {
		b.WriteString(" requests failed: ")
	}
	for i := 0; i < len(e.Failures); {
		f := e.Failures[i]
		msg := failureText(f.Err)
		j := i + 1
		for j < len(e.Failures) && e.Failures[j].Index == e.Failures[j-1].Index+1 && failureText(e.Failures[j].Err) == msg {
			j++
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(strconv.Itoa(f.Index))
		if j-i > 1 {
			b.WriteString("-")
			b.WriteString(strconv.Itoa(e.Failures[j-1].Index))
		}
		b.WriteString(": ")
		b.WriteString(msg)
		i = j
	}
	if e.Incomplete {
		b.WriteString("; some replies lost, more may have failed")
	}
	if e.cause != nil {
		b.WriteString("; then ")
		b.WriteString(strings.TrimPrefix(e.cause.Error(), "netlink: "))
	}
	return b.String()
}

// failureText is a failure's error without the "netlink: OP: " prefix the
// whole batch's message already carries.
func failureText(err error) string {
	var ke *Error
	if errors.As(err, &ke) {
		var b strings.Builder
		ke.writeDetail(&b)
		return b.String()
	}
	return strings.TrimPrefix(err.Error(), "netlink: ")
}

// Unwrap returns the first failure (joined with what cut the batch short)
// and every later failure, so errors.Is(err, unix.EEXIST) and
// errors.As(err, **Error) see each of them.
func (e *BatchError) Unwrap() []error {
	errs := make([]error, 0, 1+len(e.Failures))
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	for i, f := range e.Failures {
		if i > 0 || e.Err == nil {
			errs = append(errs, f.Err)
		}
	}
	return errs
}

// fail records the failure of request idx; failures arrive in Batch
// order.
func (e *BatchError) fail(idx int, err error) {
	e.Failures = append(e.Failures, BatchFailure{Index: idx, Err: err})
}

// finish fills in the summary fields from the failures, the lost replies
// and the cause that cut the batch short, and returns e, or nil when
// nothing went wrong.
func (e *BatchError) finish(sent int, cause error) error {
	e.Sent, e.cause = sent, cause
	e.Failed = len(e.Failures)
	e.Index, e.Err = -1, nil
	switch {
	case len(e.Failures) > 0:
		e.Index, e.Err = e.Failures[0].Index, e.Failures[0].Err
	case e.Incomplete:
		e.Err = &opError{op: e.op, err: errAcksLost}
	}
	if cause != nil {
		if e.Err == nil {
			e.Err = cause
		} else {
			e.Err = errors.Join(e.Err, cause)
		}
	}
	if e.Err == nil {
		return nil
	}
	return e
}

// errAcksLost is BatchError.Err when replies were lost and no failure seen.
var errAcksLost = errors.New("acknowledgements lost to a receive buffer overrun: no buffer space available")

// ackBudget is the receive buffer room (skb truesize, as the kernel
// charges it against SO_RCVBUF) one reply to a batch request may take: an
// NLMSG_ERROR with the echoed header and an extended-ack message.
const ackBudget = 2048

// batchWrite returns how many requests one write of a batch of n may hold
// so that every reply fits the receive buffer at once (the kernel answers
// the whole write within sendmsg, before it is read): it grows the buffer
// to that size where it can (SO_RCVBUFFORCE, root), and otherwise writes
// fewer requests at a time. Caller is inside enter.
func (c *Conn) batchWrite(n int) int {
	want := min(n, MaxBatchWrite)
	var have int
	c.control("get receive buffer", func(fd int) error {
		var err error
		have, err = unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
		return err
	})
	if have < want*ackBudget {
		c.control("set receive buffer", func(fd int) error {
			// Only SO_RCVBUFFORCE (CAP_NET_ADMIN): SO_RCVBUF is capped by
			// rmem_max and could shrink a buffer set larger before. The
			// kernel doubles the request; ask for half what we need.
			if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, want*ackBudget/2); err != nil {
				return err
			}
			got, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
			if err == nil {
				have = got
			}
			return err
		})
	}
	return max(1, min(want, have/ackBudget))
}

// ExecuteBatch sends every request of b and waits until the kernel has
// processed them all. Requests go out up to MaxBatchWrite per sendmsg(2)
// (and below the socket's send buffer, and as many as the receive buffer
// has room to answer: ExecuteBatch grows it to fit where it may); only the
// last of each write asks for an acknowledgement, since the kernel answers
// failed requests regardless, in order, before that acknowledgement. Every
// request is attempted: a failure does not stop the ones after it. If any
// failed, ExecuteBatch returns a *BatchError listing every failed request
// with its index and *Error (named op). It relies on the kernel processing
// requests synchronously within sendmsg, as rtnetlink does. A failure to
// send stops the batch with a *BatchError at the first unsent request; a
// done ctx stops it between writes or while waiting.
func (c *Conn) ExecuteBatch(ctx context.Context, op string, b *Batch) error {
	if b.open {
		panic("nlsock: ExecuteBatch on a Batch between Begin and End")
	}
	if err := c.enter(ctx, op, true); err != nil {
		return err
	}
	defer c.leave()
	be := BatchError{Index: -1, op: op}
	n := b.Len()
	perWrite := c.batchWrite(n)
	for i := 0; i < n; {
		if err := ctx.Err(); err != nil {
			return be.finish(i, &opError{op: op, err: err})
		}
		// Chunk [i, j): at most perWrite requests and maxSend bytes,
		// but always at least one request.
		first := b.starts[i]
		j := i + 1
		for j < n && j-i < perWrite && b.end(j)-first <= c.maxSend {
			j++
		}
		cnt := uint32(j - i)
		if c.seq > math.MaxUint32-cnt {
			c.seq = 0 // keep the chunk's numbers contiguous and non-zero
		}
		base := c.seq // requests get base+1 .. base+cnt
		for k := i; k < j; k++ {
			h := b.buf[b.starts[k]:]
			flags := ne.Uint16(h[6:8])&^FlagAck | FlagRequest
			if k == j-1 {
				flags |= FlagAck
			}
			ne.PutUint16(h[6:8], flags)
			ne.PutUint32(h[8:12], base+1+uint32(k-i))
			ne.PutUint32(h[12:16], 0)
		}
		c.seq = base + cnt
		if err := c.send(b.buf[first:b.end(j-1)]); err != nil {
			be.fail(i, c.ioErr(ctx, op, err))
			return be.finish(i, nil)
		}
		if err := c.collect(ctx, op, base, cnt, i, &be); err != nil {
			// The write was sent; whether all of it was processed is
			// unknown: Sent counts it.
			return be.finish(j, err)
		}
		i = j
	}
	return be.finish(n, nil)
}

// collect reads the replies to one write of a batch: requests
// base+1..base+cnt, the first of which is batch index i0. Failures are
// recorded in be; the returned error aborts the batch.
func (c *Conn) collect(ctx context.Context, op string, base, cnt uint32, i0 int, be *BatchError) error {
	last := base + cnt
	err := c.replies(ctx, op, base+1, last, answeredInSend, false, func(m Message) (bool, error) {
		if m.Header.Type != TypeError {
			return false, nil // an echo
		}
		if err := ParseError(m); err != nil {
			be.fail(i0+int(m.Header.Seq-base-1), withOp(op, err))
		}
		return m.Header.Seq == last, nil
	})
	if err == errQueueDrained {
		be.Incomplete = true
		return nil
	}
	return err
}
