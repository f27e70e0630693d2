package monitor

import (
	"strconv"
	"sync"
)

// queue holds raw datagrams between the reader goroutine and the consumer.
// The reader never waits: when a datagram does not fit in the byte budget,
// or the kernel reported lost notifications, everything queued is dropped
// and a single resync is marked pending. Buffers are recycled, so a steady
// stream allocates nothing.
//
// The budget counts the capacity of the buffers held, not the length of
// the datagrams in them: that is the memory a stalled consumer pins.
type queue struct {
	mu     sync.Mutex
	items  [][]byte // FIFO of owned datagrams: items[head:]
	head   int      // items[:head] were popped (and are nil)
	bytes  int      // capacity of the buffers held by items[head:]
	limit  int
	free   [][]byte // recycled buffers
	resync string   // pending resync reason; "" for none
	done   bool     // no more datagrams will come
	err    error    // why, when it was not Close
	wake   chan struct{}

	// Counters, for Stats.
	resyncs, collapsed, overruns uint64
}

func newQueue(limit int) *queue {
	return &queue{limit: limit, wake: make(chan struct{}, 1)}
}

func (q *queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// push copies d into the queue, or collapses the queue when d does not fit.
func (q *queue) push(d []byte) {
	q.mu.Lock()
	b := q.bufferLocked(len(d))
	if q.bytes+cap(b) > q.limit {
		q.collapseLocked("the consumer fell behind: the queue of " + strconv.Itoa(q.limit) + " bytes filled up")
		q.collapsed++
	}
	if cap(b) <= q.limit {
		if q.head > 0 && q.head >= len(q.items)/2 {
			// Reclaim the popped prefix; amortized O(1) per datagram.
			n := copy(q.items, q.items[q.head:])
			clear(q.items[n:])
			q.items, q.head = q.items[:n], 0
		}
		q.items = append(q.items, append(b, d...))
		q.bytes += cap(b)
	}
	q.mu.Unlock()
	q.signal()
}

// overrun records that the kernel dropped notifications.
func (q *queue) overrun() {
	q.mu.Lock()
	q.collapseLocked("the kernel dropped notifications: the socket receive buffer overflowed (ENOBUFS)")
	q.overruns++
	q.mu.Unlock()
	q.signal()
}

// truncated records that a notification was cut by the read buffer: it is
// lost, as in an overrun.
func (q *queue) truncated(err error) {
	q.mu.Lock()
	q.collapseLocked("a notification was longer than the read buffer: " + err.Error())
	q.mu.Unlock()
	q.signal()
}

// collapseLocked drops everything queued: the consumer is going to re-read
// all state, which subsumes it.
func (q *queue) collapseLocked(reason string) {
	for _, b := range q.items[q.head:] {
		q.recycleLocked(b)
	}
	clear(q.items)
	q.items, q.head = q.items[:0], 0
	q.bytes = 0
	if q.resync == "" {
		q.resync = reason
		q.resyncs++
	}
}

// bufferLocked returns an empty buffer with room for n bytes: the smallest
// recycled one that fits (its capacity is what the budget is charged), or
// a new one of exactly n.
func (q *queue) bufferLocked(n int) []byte {
	best := -1
	for i, b := range q.free {
		if cap(b) >= n && (best < 0 || cap(b) < cap(q.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]byte, 0, n)
	}
	b := q.free[best]
	last := len(q.free) - 1
	q.free[best] = q.free[last]
	q.free[last] = nil
	q.free = q.free[:last]
	return b[:0]
}

// maxFree bounds the recycled buffers kept.
const maxFree = 64

func (q *queue) recycleLocked(b []byte) {
	if b != nil && len(q.free) < maxFree {
		q.free = append(q.free, b[:0])
	}
}

// finish ends the stream after what is queued; err is reported last (nil
// for a clean end).
func (q *queue) finish(err error) {
	q.mu.Lock()
	if !q.done {
		q.done, q.err = true, err
	}
	q.mu.Unlock()
	q.signal()
}

// pop waits for the next item: a pending resync (reason != ""), a datagram,
// or the end (ok false, with the error that ended the stream). prev is the
// datagram the caller is done with, recycled here.
func (q *queue) pop(prev []byte, stop <-chan struct{}) (d []byte, reason string, ok bool, err error) {
	for {
		q.mu.Lock()
		q.recycleLocked(prev)
		prev = nil
		switch {
		case q.resync != "":
			reason, q.resync = q.resync, ""
			q.mu.Unlock()
			return nil, reason, true, nil
		case q.head < len(q.items):
			d = q.items[q.head]
			q.items[q.head] = nil
			q.head++
			if q.head == len(q.items) {
				q.items, q.head = q.items[:0], 0
			}
			q.bytes -= cap(d)
			q.mu.Unlock()
			return d, "", true, nil
		case q.done:
			err = q.err
			q.mu.Unlock()
			return nil, "", false, err
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-stop:
			return nil, "", false, nil
		}
	}
}
