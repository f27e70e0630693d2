package nlsock

import (
	"context"
	"errors"
	"math"
	"strconv"

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

// BatchError reports the failures of Conn.ExecuteBatch.
type BatchError struct {
	// Index is the position in the Batch of the first request that failed,
	// or -1 if none is known to have failed but replies were lost.
	Index int
	// Failed counts the requests known to have failed.
	Failed int
	// Incomplete reports that the kernel dropped replies (receive buffer
	// overrun): more requests than Failed may have failed. A larger
	// receive buffer (WithReceiveBuffer) avoids it.
	Incomplete bool
	// Err is the first failure, usually a *Error; when the batch was cut
	// short (context, socket error), that cause is joined to it.
	Err error
	// Sent is how many requests, from the start of the Batch, were sent;
	// the ones after were not. It equals Len when the whole batch went out.
	Sent int
}

// Error describes the first failure and how many there were.
func (e *BatchError) Error() string {
	s := e.Err.Error()
	if e.Index >= 0 {
		s += " (batch request " + strconv.Itoa(e.Index)
		if e.Failed > 1 {
			s += "; " + strconv.Itoa(e.Failed) + " requests failed"
		}
		if e.Incomplete {
			s += "; some replies lost"
		}
		s += ")"
	}
	return s
}

// Unwrap returns the first failure, so errors.Is(err, unix.EEXIST) and
// errors.As(err, **Error) see it.
func (e *BatchError) Unwrap() error { return e.Err }

// errAcksLost is BatchError.Err when replies were lost and no failure seen.
var errAcksLost = errors.New("acknowledgements lost to a receive buffer overrun: no buffer space available")

// ExecuteBatch sends every request of b and waits until the kernel has
// processed them all. Requests go out up to MaxBatchWrite per sendmsg(2)
// (and below the socket's send buffer); only the last of each write asks for
// an acknowledgement, since the kernel answers failed requests regardless,
// in order, before that acknowledgement. Every request is attempted: a
// failure does not stop the ones after it. If any failed, ExecuteBatch
// returns a *BatchError naming the first failed request's index and
// wrapping its *Error (named op). It relies on rtnetlink processing requests
// synchronously within sendmsg, as the kernel does. A failure to send
// stops the batch with a *BatchError at the first unsent request; a done
// ctx stops it between writes or while waiting.
func (c *Conn) ExecuteBatch(ctx context.Context, op string, b *Batch) error {
	if b.open {
		panic("nlsock: ExecuteBatch on a Batch between Begin and End")
	}
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
	be := BatchError{Index: -1}
	n := b.Len()
	// stopped reports a batch cut short: the failures seen so far and where
	// the unsent requests begin (Sent).
	stopped := func(i int, err error) error {
		be.Sent = i
		if be.Err == nil {
			be.Err = err
		} else {
			be.Err = errors.Join(be.Err, err)
		}
		return &be
	}
	for i := 0; i < n; {
		if err := ctx.Err(); err != nil {
			return stopped(i, &opError{op: op, err: err})
		}
		// Chunk [i, j): at most MaxBatchWrite requests and maxSend bytes,
		// but always at least one request.
		first := b.starts[i]
		j := i + 1
		for j < n && j-i < MaxBatchWrite && b.end(j)-first <= c.maxSend {
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
			if be.Index < 0 {
				be.Index, be.Err = i, c.ioErr(ctx, op, err)
			}
			be.Failed++
			be.Sent = i
			return &be
		}
		if err := c.collect(ctx, op, base, cnt, i, &be); err != nil {
			// The write was sent; whether all of it was processed is
			// unknown: Sent counts it.
			return stopped(j, err)
		}
		i = j
	}
	if be.Err != nil {
		be.Sent = n
		return &be
	}
	return nil
}

// collect reads the replies to one write of a batch: requests
// base+1..base+cnt, the first of which is batch index i0. Failures are
// recorded in be; the returned error aborts the batch.
func (c *Conn) collect(ctx context.Context, op string, base, cnt uint32, i0 int, be *BatchError) error {
	last := base + cnt
	block := true
	for {
		buf, err := c.readDatagram(block)
		switch {
		case err == unix.ENOBUFS:
			// Replies were dropped. The kernel answered the whole write
			// within sendmsg, so what survived is queued: read it all
			// without waiting.
			block = false
			continue
		case err == unix.EAGAIN:
			be.Incomplete = true
			if be.Err == nil {
				be.Err = &opError{op: op, err: errAcksLost}
			}
			return nil
		case err != nil:
			return c.ioErr(ctx, op, err)
		}
		if k, u := c.fromKernel(); !k || !u {
			continue
		}
		ms := SplitMessages(buf)
		for ms.Next() {
			m := ms.Message()
			ok, err := c.check(m, base+1, last)
			if err != nil {
				return &opError{op: op, err: err}
			}
			if !ok || m.Header.Type != TypeError {
				continue // stale, or an echo
			}
			if err := ParseError(m); err != nil {
				idx := i0 + int(m.Header.Seq-base-1)
				if be.Index < 0 || idx < be.Index || be.Err == nil {
					be.Index, be.Err = idx, withOp(op, err)
				}
				be.Failed++
			}
			if m.Header.Seq == last {
				return nil
			}
		}
		if err := ms.Err(); err != nil {
			return &opError{op: op, err: err}
		}
	}
}
