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
	mu    sync.Mutex
	items [][]byte // FIFO of owned datagrams: items[head:]
	head  int      // items[:head] were popped (and are nil)
	bytes int      // capacity of the buffers held by items[head:]
	limit int
	// Recycled buffers: by size class (see bufferLocked), and the large.
	classes   [maxClass][][]byte
	freeBytes int // capacity held in classes
	large     [][]byte
	resync    string // pending resync reason; "" for none
	done      bool   // no more datagrams will come
	err       error  // why, when it was not Close
	wake      chan struct{}

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

// Recycled buffers are kept by size class: capacities are multiples of
// classSize up to maxClass classes, so notifications of similar length
// (most are within a few hundred bytes) reuse each other's buffers, and
// taking one is O(1) rather than a search of every free buffer. Larger
// ones (rare) go to a short list of their own.
const (
	classSize = 64
	maxClass  = 64 // classes cover 64 B to 4 KiB
	maxLarge  = 8  // large free buffers kept
)

// bufferLocked returns an empty buffer with room for n bytes: a recycled
// one of n's size class (or the next class up that has one), or a new one
// of the class's capacity, which is what the budget is charged.
func (q *queue) bufferLocked(n int) []byte {
	if k := (n + classSize - 1) / classSize; k < maxClass {
		k = max(k, 1)
		for c := k; c < maxClass && c <= k+2; c++ {
			if l := len(q.classes[c]); l > 0 {
				b := q.classes[c][l-1]
				q.classes[c][l-1] = nil
				q.classes[c] = q.classes[c][:l-1]
				q.freeBytes -= cap(b)
				return b[:0]
			}
		}
		return make([]byte, 0, k*classSize)
	}
	best := -1
	for i, b := range q.large {
		if cap(b) >= n && (best < 0 || cap(b) < cap(q.large[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]byte, 0, n)
	}
	b := q.large[best]
	last := len(q.large) - 1
	q.large[best] = q.large[last]
	q.large[last] = nil
	q.large = q.large[:last]
	return b[:0]
}

// recycleLocked keeps b for reuse. The buffers kept in classes are bounded
// by the queue's byte budget, so a steady stream, and a burst the queue can
// hold, allocate nothing once the buffers exist.
func (q *queue) recycleLocked(b []byte) {
	if b == nil {
		return
	}
	if c := cap(b) / classSize; cap(b)%classSize == 0 && c < maxClass {
		if q.freeBytes+cap(b) <= q.limit {
			q.classes[c] = append(q.classes[c], b[:0])
			q.freeBytes += cap(b)
		}
		return
	}
	if len(q.large) < maxLarge {
		q.large = append(q.large, b[:0])
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
