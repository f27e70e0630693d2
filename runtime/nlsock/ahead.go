package nlsock

import (
	"context"
	"time"

	"golang.org/x/sys/unix"
)

// A dump longer than one datagram is read ahead: a second goroutine reads
// the next datagram (the kernel fills it inside that recvmsg) while the
// consumer decodes the one before, so on two cores the decoding is hidden
// behind the kernel's work. The reader and the consumer pass a small ring
// of buffers back and forth, so memory stays constant and nothing is
// allocated per datagram; the Conn is held by the dump throughout.

// aheadBuffers is the ring: one being read, one being decoded, one queued.
const aheadBuffers = 3

// ahead is a Conn's read-ahead state, kept for its next dump.
type ahead struct {
	bufs [aheadBuffers][]byte
	full chan aheadItem // read datagrams, in order
	free chan int       // buffers the consumer is done with
	stop chan struct{}  // closed to make the reader stop
}

type aheadItem struct {
	i    int    // buffer index
	b    []byte // the datagram, in bufs[i]
	err  error  // read error: the reader has stopped
	last bool   // the reader has stopped after this item
}

// dumpReplies is replies for dump seq (waitReplies, sized): the first
// datagram is read and handled here, the rest read ahead.
func (c *Conn) dumpReplies(ctx context.Context, op string, seq uint32, fn func(Message) (bool, error)) error {
	var b []byte
	for {
		var err error
		b, err = c.nextDatagram(true, false, true)
		if err == unix.ENOBUFS {
			continue
		}
		if err != nil {
			return c.ioErr(ctx, op, err)
		}
		break
	}
	if done, err := c.handle(op, seq, seq, b, fn); done || err != nil || endsDump(b, seq) {
		if !done && err == nil {
			// The end was there but not taken (not for this socket):
			// read on as replies does.
			return c.replies(ctx, op, seq, seq, waitReplies, true, fn)
		}
		return err
	}
	a := c.readAhead()
	go c.aheadLoop(a, seq)
	running := true // the reader has not sent its last item
	defer func() {
		// Also when fn panics (a dump loop's body does, through yield):
		// the reader must not outlive the dump, reading into buffers
		// and fields of a Conn that the next operation uses.
		if running {
			c.stopAhead(a)
		}
	}()
	for {
		it := <-a.full
		running = !it.last
		if it.err != nil {
			return c.ioErr(ctx, op, it.err)
		}
		done, err := c.handle(op, seq, seq, it.b, fn)
		a.free <- it.i
		if it.last && !done && err == nil {
			return c.replies(ctx, op, seq, seq, waitReplies, true, fn)
		}
		if it.last || done || err != nil {
			return err
		}
	}
}

// endsDump reports whether datagram b holds the end of dump seq
// (NLMSG_DONE or NLMSG_ERROR), after which the kernel sends no more.
func endsDump(b []byte, seq uint32) bool {
	ms := SplitMessages(b)
	for ms.Next() {
		h := ms.Message().Header
		if h.Seq == seq && (h.Type == TypeDone || h.Type == TypeError) {
			return true
		}
	}
	return ms.Err() != nil // a broken datagram ends the dump too
}

// readAhead returns the Conn's read-ahead state, ready for a dump: every
// buffer free.
func (c *Conn) readAhead() *ahead {
	a := c.ahead
	if a == nil {
		a = &ahead{full: make(chan aheadItem, aheadBuffers), free: make(chan int, aheadBuffers)}
		for i := range a.bufs {
			a.bufs[i] = make([]byte, len(c.rbuf))
		}
		c.ahead = a
	}
	for len(a.free) > 0 { // what the last dump returned
		<-a.free
	}
	for i := range a.bufs {
		a.free <- i
	}
	a.stop = make(chan struct{})
	return a
}

// aheadLoop is the reader: it reads datagrams into free buffers until the
// dump ends, a read fails or it is stopped.
func (c *Conn) aheadLoop(a *ahead, seq uint32) {
	for {
		var i int
		select {
		case i = <-a.free:
		case <-a.stop:
			a.full <- aheadItem{i: -1, last: true}
			return
		}
		c.rbuf = a.bufs[i]
		b, err := c.nextDatagram(true, false, true)
		a.bufs[i] = c.rbuf // grown, perhaps
		switch {
		case err == unix.ENOBUFS:
			a.free <- i // only notifications were lost: read on
		case err != nil:
			a.free <- i
			a.full <- aheadItem{i: -1, err: err, last: true}
			return
		default:
			last := endsDump(b, seq)
			a.full <- aheadItem{i: i, b: b, last: last}
			if last {
				return
			}
		}
	}
}

// stopAhead stops the reader of a dump the consumer is done with before
// its end, and waits for it: the rest of the dump is left to settle. The
// datagrams read ahead are dropped; if the dump's end was among them, the
// kernel sends no more and there is nothing left to settle.
func (c *Conn) stopAhead(a *ahead) {
	close(a.stop)
	c.f.SetReadDeadline(time.Unix(1, 0)) // wake a blocked read
	for {
		it := <-a.full
		if it.i >= 0 {
			a.free <- it.i
		}
		if it.last {
			if it.i >= 0 { // a datagram that ends the dump (endsDump)
				c.pendingDump = 0
			}
			break
		}
	}
}
