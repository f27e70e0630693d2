package monitor

import "sync"

// queue holds raw datagrams between the reader goroutine and the consumer.
// The reader never waits: when a datagram does not fit in the byte budget,
// or the kernel reported lost notifications, everything queued is dropped
// and a single resync is marked pending. Buffers are recycled, so a steady
// stream allocates nothing.
type queue struct {
	mu     sync.Mutex
	items  [][]byte // FIFO of owned datagrams
	bytes  int      // bytes held by items
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
	if q.bytes+len(d) > q.limit {
		q.collapseLocked("the consumer fell behind: the queue of " + itoa(q.limit) + " bytes filled up")
		q.collapsed++
	}
	if len(d) <= q.limit {
		b := q.bufferLocked(len(d))
		q.items = append(q.items, append(b, d...))
		q.bytes += len(d)
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

// collapseLocked drops everything queued: the consumer is going to re-read
// all state, which subsumes it.
func (q *queue) collapseLocked(reason string) {
	for _, b := range q.items {
		q.recycleLocked(b)
	}
	clear(q.items)
	q.items = q.items[:0]
	q.bytes = 0
	if q.resync == "" {
		q.resync = reason
		q.resyncs++
	}
}

func (q *queue) bufferLocked(n int) []byte {
	for i := len(q.free) - 1; i >= 0; i-- {
		if b := q.free[i]; cap(b) >= n {
			q.free[i] = q.free[len(q.free)-1]
			q.free[len(q.free)-1] = nil
			q.free = q.free[:len(q.free)-1]
			return b[:0]
		}
	}
	return make([]byte, 0, max(n, 4096))
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
		case len(q.items) > 0:
			d = q.items[0]
			copy(q.items, q.items[1:])
			q.items[len(q.items)-1] = nil
			q.items = q.items[:len(q.items)-1]
			q.bytes -= len(d)
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

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
