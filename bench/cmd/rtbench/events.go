package main

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// eventCounter counts the notifications of one monitor run and decides
// when the burst is over: all expected events seen, or idle for idle after
// the first, or (nothing arriving at all) doneGrace after the parent said
// the burst was sent.
type eventCounter struct {
	expected int64
	idle     time.Duration
	n        atomic.Int64
	enobufs  atomic.Int64
	first    atomic.Int64 // unix nanoseconds of the first event
	last     atomic.Int64 // of the latest
	doneAt   atomic.Int64 // when the parent reported the burst sent
	resumed  atomic.Int64 // when a drain run's process was continued (SIGCONT)
}

// resume records that the stopped consumer runs again: a drain run's rate
// is counted from here, not from the first event (ip, for one, may print
// them all in one write).
func (c *eventCounter) resume() { c.resumed.CompareAndSwap(0, time.Now().UnixNano()) }

const doneGrace = 3 * time.Second

func (c *eventCounter) add(k int) {
	if k == 0 {
		return
	}
	now := time.Now().UnixNano()
	c.first.CompareAndSwap(0, now)
	c.last.Store(now)
	c.n.Add(int64(k))
}

func (c *eventCounter) lost() { c.enobufs.Add(1) }

func (c *eventCounter) burstSent() { c.doneAt.CompareAndSwap(0, time.Now().UnixNano()) }

func (c *eventCounter) stop() bool {
	if c.n.Load() >= c.expected {
		return true
	}
	now := time.Now().UnixNano()
	if last := c.last.Load(); last != 0 && time.Duration(now-last) > c.idle {
		return true
	}
	d := c.doneAt.Load()
	return d != 0 && c.last.Load() == 0 && time.Duration(now-d) > doneGrace
}

// watch calls end once stop holds, polling; for consumers that block in a
// read they cannot time out themselves.
func (c *eventCounter) watch(ctx context.Context, end func()) {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if c.stop() {
				end()
				return
			}
		}
	}
}

// result is the monitor line's count, seconds (from the first event, or
// the resume of a drain run if earlier, to the last event) and extra
// fields.
func (c *eventCounter) result() (events int, seconds float64, extra []Field) {
	n := c.n.Load()
	if f, l := c.first.Load(), c.last.Load(); f != 0 {
		if r := c.resumed.Load(); r != 0 && r < f {
			f = r
		}
		seconds = time.Duration(l - f).Seconds()
	}
	rate := 0.0
	if seconds > 0 {
		rate = float64(n) / seconds
	}
	lost := max(c.expected-n, 0)
	return int(n), seconds, []Field{
		{"events", strconv.FormatInt(n, 10)},
		{"events_per_s", strconv.FormatFloat(rate, 'f', 0, 64)},
		{"lost", strconv.FormatInt(lost, 10)},
		{"enobufs", strconv.FormatInt(c.enobufs.Load(), 10)},
	}
}

// retainedFields reports what a list result keeps on the heap: h1-h0
// bytes for n routes.
func retainedFields(h0, h1 uint64, n int) []Field {
	r := int64(h1) - int64(h0)
	if r < 0 {
		r = 0
	}
	per := 0.0
	if n > 0 {
		per = float64(r) / float64(n)
	}
	return []Field{
		{"retained_bytes", strconv.FormatInt(r, 10)},
		{"retained_per_route", fmt.Sprintf("%.1f", per)},
	}
}
