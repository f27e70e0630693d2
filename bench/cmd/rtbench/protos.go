package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Prototypes (-protos): variants of the streamed dump that split linx's
// cost against the floor's, to find where the difference goes and to try
// the fixes issue 13 item 2 proposes. They are measurements, not products.
//
//	proto-peek        the floor plus linx's MSG_PEEK|MSG_TRUNC sizing read
//	                  before every datagram
//	proto-nlsock      linx's nlsock.Conn.Dump iterator, no route decoded
//	proto-decode      the floor's loop decoding every route with the
//	                  generated rtnl.Route.Decode (linx without nlsock)
//	proto-pipeline    proto-decode with the reading on a goroutine of its
//	                  own and a ring of reused buffers, so the kernel fills
//	                  the next datagram while this one is decoded
//
// and of the monitor (issue 13 item 5):
//
//	proto-decode      the floor's monitor loop (one read(2) per datagram)
//	                  decoding every route with rtnl.Route.Decode: a monitor
//	                  without a reader goroutine, queue or sizing peek
//	proto-peek        the same with the MSG_PEEK|MSG_TRUNC sizing read
//	                  before every datagram, as nlsock.Conn.Receive does
//	proto-reader      the monitor's shape without the peek: a reader
//	                  goroutine reading one datagram per read(2) into
//	                  recycled buffers, handed over a channel in batches to
//	                  the consumer, which decodes
//
// and of the owned list (item 3):
//
//	proto-compact     route.List's two passes into compactRoute (see
//	                  compact.go) instead of rtnl.Route
//	proto-compact1    one pass: decode as the replies arrive, append
//	                  compactRoutes (no copy of the payloads)
//
// and of batched installs (item 4):
//
//	proto-batch       nlsock.Batch + ExecuteBatch fed from one reused
//	                  rtnl.Route (protobatch.go), as route.Batch could be
//	proto-add         nlsock.Conn.Execute per route from one reused
//	                  rtnl.Route and buffer, as Client.Add could be
var protoJobs = []struct{ impl, op string }{
	{"proto-peek", "dump-stream"}, {"proto-nlsock", "dump-stream"},
	{"proto-decode", "dump-stream"}, {"proto-pipeline", "dump-stream"},
	{"proto-decode", "monitor-drain"}, {"proto-peek", "monitor-drain"}, {"proto-reader", "monitor-drain"},
	{"proto-compact", "dump-list"}, {"proto-compact1", "dump-list"},
	{"proto-batch", "install-batch"}, {"proto-add", "install-one"},
}

// protoMonitor is a prototype monitor over the floor's socket.
func protoMonitor(cfg childConfig, rcvbuf int, c *eventCounter, ready func()) error {
	s, err := rawMonitor(rcvbuf)
	if err != nil {
		return err
	}
	defer s.Close()
	var r rtnl.Route
	ready()
	if cfg.Impl == "proto-reader" {
		return s.eventsReader(c, func(p []byte) error { return r.Decode(p) })
	}
	return s.eventsWith(c, cfg.Impl == "proto-peek", func(p []byte) error { return r.Decode(p) })
}

// eventsReader reads on a goroutine of its own: each datagram into a
// recycled 8 KiB buffer, handed to this goroutine in batches of what was
// read since the consumer last took (a channel of one batch, never
// waited on by the reader while the consumer is busy: the reader keeps a
// pending batch and adds to it).
func (s *rawSock) eventsReader(c *eventCounter, each func([]byte) error) error {
	type batch struct{ bufs [][]byte }
	handoff := make(chan *batch, 1)
	free := make(chan [][]byte, 2)
	errc := make(chan error, 1)
	stop := make(chan struct{})
	defer close(stop)
	pool := make([][]byte, 0, 1024)
	get := func() []byte {
		if n := len(pool); n > 0 {
			b := pool[n-1]
			pool = pool[:n-1]
			return b
		}
		return make([]byte, 8<<10)
	}
	go func() {
		var pending *batch
		for {
			select {
			case <-stop:
				return
			case used := <-free:
				pool = append(pool, used...)
			default:
			}
			b := get()
			m, err := unix.Read(s.fd, b)
			switch {
			case errors.Is(err, unix.EAGAIN), errors.Is(err, unix.EINTR):
				pool = append(pool, b)
			case errors.Is(err, unix.ENOBUFS):
				pool = append(pool, b)
				c.lost()
			case err != nil:
				errc <- fmt.Errorf("read: %w", err)
				return
			default:
				if pending == nil {
					pending = &batch{}
				}
				pending.bufs = append(pending.bufs, b[:m])
			}
			if pending != nil {
				select {
				case handoff <- pending:
					pending = nil
				default:
				}
			}
		}
	}()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !c.stop() {
		select {
		case err := <-errc:
			return err
		case <-tick.C:
		case bt := <-handoff:
			for _, d := range bt.bufs {
				n, _, err := walkEvents(d, each)
				if err != nil {
					return err
				}
				c.add(n)
			}
			for i := range bt.bufs {
				bt.bufs[i] = bt.bufs[i][:cap(bt.bufs[i])]
			}
			select {
			case free <- bt.bufs:
			default:
			}
		}
	}
	return nil
}

// walkEvents passes the route notifications of one datagram to each.
func walkEvents(b []byte, each func([]byte) error) (n int, done bool, err error) {
	for len(b) > 0 {
		l, typ, err := hdr(b)
		if err != nil {
			return n, false, err
		}
		if typ == unix.RTM_NEWROUTE || typ == unix.RTM_DELROUTE {
			if err := each(b[unix.NLMSG_HDRLEN:l]); err != nil {
				return n, false, err
			}
			n++
		}
		b = b[min(align4(l), len(b)):]
	}
	return n, false, nil
}

func protoRun(ctx context.Context, cfg childConfig, add adder) error {
	var w func() (int, error)
	switch cfg.Impl {
	case "proto-add":
		conn, err := nlsock.Dial()
		if err != nil {
			return err
		}
		defer conn.Close()
		return installPair(cfg, add, cfg.Impl, func(a bool) error {
			return protoAdd(ctx, conn, a, cfg.Install, installBase, gw4, installTable)
		})
	case "proto-batch":
		conn, err := nlsock.Dial()
		if err != nil {
			return err
		}
		defer conn.Close()
		var b nlsock.Batch
		return installPair(cfg, add, cfg.Impl, func(a bool) error {
			return protoBatch(ctx, conn, &b, a, cfg.Install, installBase, gw4, installTable)
		})
	case "proto-compact", "proto-compact1":
		conn, err := nlsock.Dial()
		if err != nil {
			return err
		}
		defer conn.Close()
		list := compactList
		if cfg.Impl == "proto-compact1" {
			list = compactList1
		}
		return add(measure(cfg.Impl, cfg.Op, func() (int, []Field, error) { return list(ctx, conn) }))
	case "proto-nlsock":
		conn, err := nlsock.Dial()
		if err != nil {
			return err
		}
		defer conn.Close()
		req := make([]byte, unix.SizeofRtMsg)
		w = func() (int, error) {
			n := 0
			for m, err := range conn.Dump(ctx, "dump", unix.RTM_GETROUTE, 0, req) {
				if err != nil {
					return n, err
				}
				if m.Header.Type == unix.RTM_NEWROUTE {
					n++
				}
			}
			return n, nil
		}
	default:
		s, err := rawOpen()
		if err != nil {
			return err
		}
		defer s.Close()
		switch cfg.Impl {
		case "proto-peek":
			w = func() (int, error) { return s.dumpWith(true, nil) }
		case "proto-decode":
			var r rtnl.Route
			w = func() (int, error) { return s.dumpWith(false, func(p []byte) error { return r.Decode(p) }) }
		case "proto-pipeline":
			w = s.dumpPipelined
		default:
			return fmt.Errorf("no prototype %s", cfg.Impl)
		}
	}
	return add(measure(cfg.Impl, cfg.Op, counted(w)))
}

// sendDump sends the all-families route dump request.
func (s *rawSock) sendDump() error {
	s.seq++
	req, st := nlbegin(make([]byte, 0, 64), unix.RTM_GETROUTE, unix.NLM_F_REQUEST|unix.NLM_F_DUMP, s.seq)
	req = rtmsg(req, unix.AF_UNSPEC, 0, 0, 0, 0, 0)
	return s.write(nlend(req, st))
}

// readInto reads one datagram into buf, first sizing it with a peek when
// peek is set (as nlsock does).
func (s *rawSock) readInto(buf []byte, peek bool) (int, error) {
	for {
		if peek {
			if _, _, err := unix.Recvfrom(s.fd, nil, unix.MSG_PEEK|unix.MSG_TRUNC); err != nil {
				if errors.Is(err, unix.EINTR) {
					continue
				}
				return 0, fmt.Errorf("peek: %w", err)
			}
		}
		m, err := unix.Read(s.fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read: %w", err)
		}
		return m, nil
	}
}

// walk counts the RTM_NEWROUTE messages of one datagram, passing each
// payload to each when set; done reports NLMSG_DONE.
func walk(b []byte, each func([]byte) error) (n int, done bool, err error) {
	for len(b) > 0 {
		l, typ, err := hdr(b)
		if err != nil {
			return n, false, err
		}
		switch typ {
		case unix.NLMSG_DONE:
			return n, true, nil
		case unix.NLMSG_ERROR:
			if e := errnoOf(b[:l]); e != 0 {
				return n, false, fmt.Errorf("dump: %w", e)
			}
		case unix.RTM_NEWROUTE:
			if each != nil {
				if err := each(b[unix.NLMSG_HDRLEN:l]); err != nil {
					return n, false, err
				}
			}
			n++
		}
		b = b[min(align4(l), len(b)):]
	}
	return n, false, nil
}

func (s *rawSock) dumpWith(peek bool, each func([]byte) error) (int, error) {
	if err := s.sendDump(); err != nil {
		return 0, err
	}
	total := 0
	for {
		m, err := s.readInto(s.buf, peek)
		if err != nil {
			return total, err
		}
		n, done, err := walk(s.buf[:m], each)
		total += n
		if err != nil || done {
			return total, err
		}
	}
}

// dumpPipelined reads on one goroutine into a ring of four 64 KiB buffers
// and decodes on this one.
func (s *rawSock) dumpPipelined() (int, error) {
	if err := s.sendDump(); err != nil {
		return 0, err
	}
	type filled struct {
		buf []byte
		n   int
		err error
	}
	const ring = 4
	free := make(chan []byte, ring)
	full := make(chan filled, ring)
	for range ring {
		free <- make([]byte, 64<<10)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			var b []byte
			select {
			case b = <-free:
			case <-stop:
				return
			}
			m, err := s.readInto(b, false)
			full <- filled{b, m, err}
			if err != nil {
				return
			}
			// NLMSG_DONE ends the dump: look at the last message only.
			if _, done, _ := walk(lastMessage(b[:m]), nil); done {
				return
			}
		}
	}()
	var r rtnl.Route
	decode := func(p []byte) error { return r.Decode(p) }
	total := 0
	for {
		f := <-full
		if f.err != nil {
			return total, f.err
		}
		n, done, err := walk(f.buf[:f.n], decode)
		total += n
		if err != nil || done {
			return total, err
		}
		free <- f.buf
	}
}

// lastMessage is the last netlink message of a datagram (all of it if it
// cannot be split).
func lastMessage(b []byte) []byte {
	last := b
	for len(b) > 0 {
		l, _, err := hdr(b)
		if err != nil {
			return last
		}
		last = b
		b = b[min(align4(l), len(b)):]
	}
	return last
}
