package monitor

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// Monitor receives rtnetlink notifications. Start one with Start, range over
// Events, and Close it when done.
type Monitor struct {
	conn     *nlsock.Conn
	q        *queue
	granted  int
	stop     chan struct{}
	once     sync.Once // Close
	stopOnce sync.Once // closing stop
	wg       sync.WaitGroup
	types    map[uint16]*decoder

	iterMu sync.Mutex // one Events iteration at a time
	ev     Event
	held   []byte          // the datagram being delivered, or nil
	rest   nlsock.Messages // its messages not yet delivered
}

// decoder is the reused value for one message type.
type decoder struct {
	kind     Kind
	resource string
	typ      rtnl.MsgType
	value    nlwire.Codec
}

// Stats count what the monitor has seen.
type Stats struct {
	Resyncs   uint64 // Resync events made pending
	Overruns  uint64 // ENOBUFS reports from the kernel
	Collapsed uint64 // times the queue was full and collapsed
}

// Start opens the multicast socket in opts.NetNS, sizes its receive buffer,
// joins opts.Groups and starts reading. The monitor stops when ctx is done
// or Close is called.
func Start(ctx context.Context, opts Options) (*Monitor, error) {
	opts.fill()
	conn, err := nlsock.Dial(nlsock.WithNetNS(opts.NetNS))
	if err != nil {
		return nil, err
	}
	granted, err := conn.SetReceiveBuffer(opts.ReceiveBuffer)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("monitor: receive buffer: %w", err)
	}
	for _, g := range opts.Groups {
		if err := conn.JoinGroup(uint32(g)); err != nil {
			conn.Close()
			return nil, fmt.Errorf("monitor: joining group %d: %w", g, err)
		}
	}
	m := &Monitor{
		conn:    conn,
		q:       newQueue(opts.QueueBytes),
		granted: granted,
		stop:    make(chan struct{}),
		types:   map[uint16]*decoder{},
	}
	for _, info := range rtnl.Messages {
		if info.NewType != 0 {
			m.types[info.NewType] = &decoder{New, info.Name, rtnl.MsgType(info.NewType), info.Make()}
		}
		if info.DelType != 0 {
			m.types[info.DelType] = &decoder{Del, info.Name, rtnl.MsgType(info.DelType), info.Make()}
		}
	}
	m.wg.Add(1)
	go m.read(ctx)
	return m, nil
}

// ReceiveBuffer is the socket receive buffer the kernel granted, in bytes
// (as SO_RCVBUF reports it: twice the usable size).
func (m *Monitor) ReceiveBuffer() int { return m.granted }

// Stats returns the loss counters.
func (m *Monitor) Stats() Stats {
	m.q.mu.Lock()
	defer m.q.mu.Unlock()
	return Stats{Resyncs: m.q.resyncs, Overruns: m.q.overruns, Collapsed: m.q.collapsed}
}

// read is the reader goroutine: it only moves datagrams from the socket to
// the queue, and never waits for the consumer.
func (m *Monitor) read(ctx context.Context) {
	defer m.wg.Done()
	for {
		ms, err := m.conn.Receive(ctx)
		switch {
		case err == nil:
			m.q.push(ms.Bytes())
		case errors.Is(err, unix.ENOBUFS):
			m.q.overrun()
		case errors.Is(err, nlsock.ErrTruncated):
			m.q.truncated(err)
		case ctx.Err() != nil:
			// A done context stops the monitor as Close does: the stream
			// ends at once and the socket is released.
			m.signalStop()
			m.conn.Close()
			m.q.finish(nil)
			return
		case errors.Is(err, nlsock.ErrClosed) || m.closed():
			m.q.finish(nil)
			return
		default:
			m.q.finish(fmt.Errorf("monitor: %w", err))
			return
		}
	}
}

func (m *Monitor) closed() bool {
	select {
	case <-m.stop:
		return true
	default:
		return false
	}
}

// signalStop ends iterations and tells the reader to stop.
func (m *Monitor) signalStop() { m.stopOnce.Do(func() { close(m.stop) }) }

// Close stops the reader, closes the socket and ends every Events
// iteration. It waits for the reader goroutine to exit.

func (m *Monitor) Close() error {
	var err error
	m.once.Do(func() {
		m.signalStop()
		err = m.conn.Close()
		m.wg.Wait()
		m.q.finish(nil)
	})
	return err
}

// Events yields notifications in the order the kernel sent them, each
// decoded into a value reused for its message type (valid until the next
// iteration). A notification that fails to decode is yielded as its event,
// decoded in part (a malformed attribute kept raw in Unknown), together with
// its *nlwire.DecodeError (the attribute and offset), and the stream goes
// on: the event is a wake-up like any other, so no Resync follows it. An
// error with a nil event is about the stream itself (a datagram whose
// framing is broken; the socket failing, last); the stream ends when the
// monitor is closed (or its context is done). Only one iteration may
// run at a time; breaking out and ranging again resumes where it stopped.
func (m *Monitor) Events() iter.Seq2[*Event, error] {
	return func(yield func(*Event, error) bool) {
		m.iterMu.Lock()
		defer m.iterMu.Unlock()
		for {
			if m.closed() {
				return // Close ends the stream now, not after the backlog
			}
			if m.held != nil {
				// What an earlier iteration left of its datagram, when
				// it stopped in the middle; else the one just popped.
				if !m.deliverFrom(&m.rest, yield) {
					return
				}
			}
			d, reason, ok, err := m.q.pop(m.held, m.stop)
			m.held, m.rest = nil, nlsock.Messages{}
			if !ok {
				if err != nil {
					yield(nil, err)
				}
				return
			}
			if reason != "" {
				m.ev = Event{Kind: Resync, Reason: reason}
				if !yield(&m.ev, nil) {
					return
				}
				continue
			}
			m.held, m.rest = d, nlsock.SplitMessages(d)
		}
	}
}

// Pending reports whether Events has more to yield without waiting: the
// datagram being delivered holds more messages, or the queue holds
// datagrams or a Resync. It is meant for the body of an Events loop (a
// consumer that batches its output flushes when nothing is pending); what
// the reader is about to queue is not counted, so a false answer is a hint
// that the stream is idle, not a promise.
func (m *Monitor) Pending() bool {
	if m.held != nil && m.rest.More() {
		return true
	}
	m.q.mu.Lock()
	defer m.q.mu.Unlock()
	return m.q.resync != "" || m.q.head < len(m.q.items)
}

// deliverFrom decodes and yields the messages left in ms. When yield stops
// it, ms is left after the last message yielded, so delivery can resume.
func (m *Monitor) deliverFrom(ms *nlsock.Messages, yield func(*Event, error) bool) bool {
	for ms.Next() {
		msg := ms.Message()
		dec := m.types[msg.Header.Type]
		if dec == nil {
			continue // a type this schema does not describe, or NLMSG_*
		}
		err := dec.value.Decode(msg.Payload)
		m.ev = Event{Kind: dec.kind, Resource: dec.resource, Type: dec.typ, Msg: dec.value}
		if err != nil {
			// The event is delivered all the same, decoded in part: it
			// is a wake-up like any other, so no Resync is needed.
			if !yield(&m.ev, nlwire.AsDecodeError(err, dec.resource, 0)) {
				return false
			}
			continue
		}
		if !yield(&m.ev, nil) {
			return false
		}
	}
	if err := ms.Err(); err != nil {
		*ms = nlsock.Messages{} // report it once
		return yield(nil, fmt.Errorf("monitor: %w", err))
	}
	return true
}
