package nlsock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// minReadBuffer is the initial size of a Conn's receive buffer. The kernel
// sizes dump datagrams after the largest read buffer it has seen, capped
// just below 32 KiB.
const minReadBuffer = 32 << 10

// minNotifyBuffer is the receive buffer Receive reads into without sizing
// each datagram first: far above any notification rtnetlink sends (iproute2
// listens with 16 KiB), so the one recvfrom per datagram rarely falls short.
const minNotifyBuffer = 64 << 10

// maxProtocol is the largest netlink protocol number (MAX_LINKS - 1 in
// include/linux/netlink.h).
const maxProtocol = 31

// Option configures Dial.
type Option func(*options)

type options struct {
	ns       NetNS
	rcvbuf   int
	protocol int
	protoSet bool
}

// WithProtocol opens a socket of netlink protocol (family) proto, such as
// unix.NETLINK_GENERIC, instead of unix.NETLINK_ROUTE. Requests, dumps,
// batches and receives work alike for every family that answers as the
// kernel's do (acknowledgements, NLMSG_DONE); see Dial for the socket
// options each gets.
func WithProtocol(proto int) Option {
	return func(o *options) { o.protocol, o.protoSet = proto, true }
}

// WithNetNS opens the socket in ns instead of the host namespace.
func WithNetNS(ns NetNS) Option { return func(o *options) { o.ns = ns } }

// WithReceiveBuffer sets the socket receive buffer to n bytes, as
// SetReceiveBuffer does. Large buffers keep bursts of notifications (and of
// batch errors) from being dropped.
func WithReceiveBuffer(n int) Option { return func(o *options) { o.rcvbuf = n } }

// Conn is a netlink socket: NETLINK_ROUTE unless Dial was given
// WithProtocol.
//
// A Conn is safe for concurrent use: requests, dumps and receives are
// serialized, so one waits for the other to finish (a Dump holds the Conn
// until its iteration ends: a request made from inside a dump loop on the
// same Conn waits until its context ends, so give it its own Conn). Close may be called at any time from any
// goroutine; it aborts whatever is blocked. Messages handed out by a Conn
// alias its receive buffer and are valid only until the next call on it.
//
// Use separate Conns for requests and for multicast notifications: while a
// Conn that joined groups runs a request, the notifications that arrive are
// read and dropped (and an overrun seen then is not reported later), and a
// blocked Receive holds the Conn.
type Conn struct {
	f       *os.File
	rc      syscall.RawConn
	port    uint32
	proto   int       // netlink protocol (NETLINK_ROUTE, NETLINK_GENERIC, ...)
	strict  bool      // NETLINK_GET_STRICT_CHK is on: the kernel applies dump filters
	maxSend int       // bytes per sendmsg (below SO_SNDBUF)
	genl    genlCache // generic netlink families resolved (GenlFamily)
	closed  atomic.Bool

	sem         chan struct{} // one operation at a time (see acquire); guards everything below
	done        chan struct{} // closed by Close
	seq         uint32        // last sequence number used
	pendingDump uint32        // seq of a dump whose end has not been read, or 0
	rbuf        []byte        // the one receive buffer; grows, never shrinks
	wbuf        []byte        // request scratch buffer
	ahead       *ahead        // read-ahead of long dumps (ahead.go), once used

	// Read callback state, preallocated so a read does not allocate.
	readFn  func(uintptr) bool
	block   bool
	sized   bool
	rn      int
	rerr    error
	from    unix.RawSockaddrNetlink
	fromLen uint32

	// Write callback state.
	writeFn func(uintptr) bool
	wdata   []byte
	werr    error

	// Context wake-up state.
	wakeFn   func()
	woken    chan struct{}
	stopWake func() bool     // removes the cancellation hook; nil when none
	wakeDone <-chan struct{} // the Done channel the hook watches
}

// Dial opens a netlink socket of protocol NETLINK_ROUTE (or the one
// WithProtocol names), in the host namespace unless WithNetNS says
// otherwise. The socket is bound to a kernel-assigned port id and has
// NETLINK_EXT_ACK and NETLINK_CAP_ACK enabled, and for NETLINK_ROUTE also
// NETLINK_GET_STRICT_CHK (rtnetlink's dump filtering), where the kernel
// knows them.
func Dial(opts ...Option) (*Conn, error) {
	o := options{protocol: unix.NETLINK_ROUTE}
	for _, opt := range opts {
		opt(&o)
	}
	if o.protoSet && (o.protocol < 0 || o.protocol > maxProtocol) {
		return nil, &opError{op: "dial", err: fmt.Errorf("netlink protocol %d out of range 0-%d", o.protocol, maxProtocol)}
	}
	fd := -1
	err := Do(o.ns, func() error {
		var err error
		fd, err = unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, o.protocol)
		return err
	})
	if err != nil {
		if fd >= 0 {
			unix.Close(fd)
		}
		if err == unix.EPROTONOSUPPORT {
			err = fmt.Errorf("netlink protocol %d: %w (not built into this kernel?)", o.protocol, err)
		}
		return nil, &opError{op: "dial", err: err}
	}
	c, err := newConn(fd, o)
	if err != nil {
		return nil, &opError{op: "dial", err: err}
	}
	return c, nil
}

// newConn sets up the socket fd and wraps it; it closes fd on failure.
func newConn(fd int, o options) (*Conn, error) {
	c := &Conn{
		proto: o.protocol,
		rbuf:  make([]byte, minReadBuffer),
		woken: make(chan struct{}, 1),
		sem:   make(chan struct{}, 1),
		done:  make(chan struct{}),
	}
	if err := c.setup(fd, o); err != nil {
		unix.Close(fd)
		return nil, err
	}
	c.f = os.NewFile(uintptr(fd), "netlink-"+strconv.Itoa(o.protocol))
	rc, err := c.f.SyscallConn()
	if err == nil {
		// Fails unless the netpoller accepted the fd.
		err = c.f.SetReadDeadline(time.Time{})
	}
	if err != nil {
		c.f.Close()
		return nil, err
	}
	c.rc = rc
	c.readFn = c.readCallback
	c.writeFn = c.writeCallback
	c.wakeFn = c.wake
	return c, nil
}

func (c *Conn) setup(fd int, o options) error {
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		return fmt.Errorf("getsockname: %w", err)
	}
	nsa, ok := sa.(*unix.SockaddrNetlink)
	if !ok {
		return fmt.Errorf("getsockname: unexpected address %T", sa)
	}
	c.port = nsa.Pid
	sockopts := []int{unix.NETLINK_EXT_ACK, unix.NETLINK_CAP_ACK}
	if o.protocol == unix.NETLINK_ROUTE {
		// Strict checking is what makes rtnetlink apply dump filters;
		// other families validate (or not) by their own rules.
		sockopts = append(sockopts, unix.NETLINK_GET_STRICT_CHK)
	}
	for _, opt := range sockopts {
		// Old kernels lack some of these: extended acks (4.12), capped
		// acks (4.3), strict checking (4.20). Carry on without.
		err := unix.SetsockoptInt(fd, unix.SOL_NETLINK, opt, 1)
		if err != nil && err != unix.ENOPROTOOPT {
			return fmt.Errorf("setsockopt SOL_NETLINK %d: %w", opt, err)
		}
		if opt == unix.NETLINK_GET_STRICT_CHK {
			c.strict = err == nil
		}
	}
	sndbuf, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUF)
	if err != nil {
		return fmt.Errorf("getsockopt SO_SNDBUF: %w", err)
	}
	// netlink_sendmsg refuses messages longer than sk_sndbuf - 32.
	c.maxSend = max(sndbuf-32, 4096)
	if o.rcvbuf > 0 {
		if _, err := setReceiveBuffer(fd, o.rcvbuf); err != nil {
			return err
		}
	}
	return nil
}

// StrictCheck reports whether the kernel checks requests strictly
// (NETLINK_GET_STRICT_CHK, Linux 4.20 and later), and so applies the filters
// in dump requests. Without it the filters are ignored and every object
// comes back; callers then filter themselves.
func (c *Conn) StrictCheck() bool { return c.strict }

// Protocol returns the socket's netlink protocol, e.g. unix.NETLINK_ROUTE.
func (c *Conn) Protocol() int { return c.proto }

// PortID returns the socket's netlink port id (nl_pid), which the kernel
// puts in the Pid of its replies.
func (c *Conn) PortID() uint32 { return c.port }

// Close closes the socket, unblocking any read in progress, which then
// fails with ErrClosed. It is safe to call concurrently and more than once;
// later calls return nil.
func (c *Conn) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	close(c.done)
	err := c.f.Close()
	// Drop the cancellation hook kept for the next operation, if no
	// operation holds the Conn (one that does drops it in end).
	select {
	case c.sem <- struct{}{}:
		c.unhook()
		c.release()
	default:
	}
	return err
}

// acquire takes the Conn for one operation, waiting for the one in progress
// to finish — unless ctx ends or the Conn is closed first. Using the Conn
// from inside a Dump loop on the same goroutine therefore fails when ctx
// ends instead of hanging forever (with a ctx that never ends, it waits for
// ever: use a second Conn for that).
func (c *Conn) acquire(ctx context.Context, op string) error {
	select {
	case c.sem <- struct{}{}:
		return nil
	default:
	}
	select {
	case c.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return &opError{op: op, err: fmt.Errorf("waiting for the connection, held by another operation (a request inside a dump loop needs its own Conn): %w", ctx.Err())}
	case <-c.done:
		return &opError{op: op, err: ErrClosed}
	}
}

// release ends what acquire began.
func (c *Conn) release() { <-c.sem }

// nextSeq returns a fresh non-zero sequence number.
func (c *Conn) nextSeq() uint32 {
	c.seq++
	if c.seq == 0 {
		c.seq = 1
	}
	return c.seq
}

// begin arms the read deadline for one operation from ctx: the socket's read
// deadline follows ctx's deadline, and ctx's cancellation moves it to the
// past, waking a blocked read. Must be paired with end. Caller holds the Conn (acquire).
//
// The cancellation hook (context.AfterFunc, two allocations) stays
// registered after the operation ends and is reused while operations come
// with the same Done channel — a monitor's Receive loop, a run of requests
// under one context — so only a change of context pays for it. A hook that
// fires between operations only moves the deadline to the past, and begin
// sets the deadline anew for every operation.
func (c *Conn) begin(ctx context.Context, op string) error {
	if c.closed.Load() {
		return &opError{op: op, err: ErrClosed}
	}
	if err := ctx.Err(); err != nil {
		return &opError{op: op, err: err}
	}
	done := ctx.Done()
	if done != c.wakeDone {
		c.unhook()
	}
	d, _ := ctx.Deadline() // zero time: no deadline
	if err := c.f.SetReadDeadline(d); err != nil {
		return c.ioErr(ctx, op, err)
	}
	if done == nil {
		return nil
	}
	if c.stopWake == nil {
		c.stopWake = context.AfterFunc(ctx, c.wakeFn)
		c.wakeDone = done
	}
	// A hook kept from an earlier operation may have fired before the
	// deadline was set above, which then undid it; ctx's Err is set before
	// its hooks run, so seeing none here means the hook is still to come.
	if err := ctx.Err(); err != nil {
		return &opError{op: op, err: err}
	}
	return nil
}

// end closes what begin opened. The cancellation hook is kept for the next
// operation (see begin) unless the Conn is closed. Caller holds the Conn (acquire).
func (c *Conn) end() {
	if c.closed.Load() {
		c.unhook()
	}
}

// unhook removes the cancellation hook, waiting for it if it already
// fired so it cannot hit a later operation. Caller holds the Conn.
func (c *Conn) unhook() {
	if c.stopWake == nil {
		return
	}
	if !c.stopWake() {
		<-c.woken // wake ran or is running: wait so it cannot hit a later op
	}
	c.stopWake, c.wakeDone = nil, nil
}

// wake runs when an operation's context is done.
func (c *Conn) wake() {
	c.f.SetReadDeadline(time.Unix(1, 0))
	c.woken <- struct{}{}
}

// ioErr turns an I/O error into what the caller should see.
func (c *Conn) ioErr(ctx context.Context, op string, err error) error {
	switch {
	case c.closed.Load() || errors.Is(err, os.ErrClosed):
		err = ErrClosed
	case errors.Is(err, os.ErrDeadlineExceeded):
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		} else {
			err = context.DeadlineExceeded // the poller fired before ctx's timer
		}
	}
	return &opError{op: op, err: err}
}

// send writes one datagram. Caller holds the Conn (acquire).
func (c *Conn) send(b []byte) error {
	c.wdata, c.werr = b, nil
	err := c.rc.Write(c.writeFn)
	c.wdata = nil
	if err != nil {
		return err
	}
	return c.werr
}

func (c *Conn) writeCallback(fd uintptr) bool {
	for {
		// An unconnected netlink socket writes to its default destination:
		// the kernel (port 0, no group).
		n, err := unix.Write(int(fd), c.wdata)
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			return false
		case err != nil:
			c.werr = err
		case n != len(c.wdata):
			c.werr = fmt.Errorf("short write: %d of %d bytes", n, len(c.wdata))
		}
		return true
	}
}

// readDatagram reads one datagram into the receive buffer and returns it.
// With block false it returns unix.EAGAIN instead of waiting. With sized
// true it first sizes the datagram (MSG_PEEK) and grows the buffer to fit,
// so nothing is ever cut; without, it reads at once into a buffer of at
// least minNotifyBuffer bytes, and a datagram that was longer comes back as
// an error wrapping ErrTruncated (its bytes are gone; the buffer grows to
// fit the next one). Kernel errors (unix.ENOBUFS) come back as unix.Errno,
// poller errors (deadline, closed) as they are. Caller holds the Conn
// (acquire).
func (c *Conn) readDatagram(block, sized bool) ([]byte, error) {
	c.block, c.sized, c.rerr, c.rn = block, sized, nil, 0
	if !sized && len(c.rbuf) < minNotifyBuffer {
		c.rbuf = make([]byte, minNotifyBuffer)
	}
	if err := c.rc.Read(c.readFn); err != nil {
		return nil, err
	}
	if c.rerr != nil {
		return nil, c.rerr
	}
	return c.rbuf[:c.rn], nil
}

func (c *Conn) readCallback(fd uintptr) bool {
	for {
		if c.sized {
			// Size the next datagram without consuming it.
			n, err := recvfrom(int(fd), nil, unix.MSG_PEEK|unix.MSG_TRUNC, nil, nil)
			switch err {
			case nil:
			case unix.EINTR:
				continue
			case unix.EAGAIN:
				if c.block {
					return false
				}
				c.rerr = err
				return true
			default:
				c.rerr = err
				return true
			}
			if n > len(c.rbuf) {
				c.rbuf = make([]byte, (n+4095)&^4095)
			}
		}
		c.fromLen = unix.SizeofSockaddrNetlink
		n, err := recvfrom(int(fd), c.rbuf, unix.MSG_TRUNC, &c.from, &c.fromLen)
		switch {
		case err == unix.EINTR || (err == unix.EAGAIN && c.sized):
			continue
		case err == unix.EAGAIN:
			if c.block {
				return false
			}
			c.rerr = err
		case err != nil:
			c.rerr = err
		case n > len(c.rbuf):
			c.rerr = fmt.Errorf("datagram of %d bytes truncated to %d: %w", n, len(c.rbuf), ErrTruncated)
			c.rbuf = make([]byte, (n+4095)&^4095)
		default:
			c.rn = n
		}
		return true
	}
}

// fromKernel reports whether the last datagram was sent by the kernel;
// unicast tells it was addressed to this socket rather than to a group.
func (c *Conn) fromKernel() (ok, unicast bool) {
	return c.from.Pid == 0, c.from.Groups == 0
}

// recvfrom is recvfrom(2) without the allocations of unix.Recvfrom.
func recvfrom(fd int, p []byte, flags int, from *unix.RawSockaddrNetlink, fromLen *uint32) (int, error) {
	var ptr unsafe.Pointer
	if len(p) > 0 {
		ptr = unsafe.Pointer(&p[0])
	}
	n, _, e := unix.Syscall6(unix.SYS_RECVFROM, uintptr(fd), uintptr(ptr), uintptr(len(p)), uintptr(flags),
		uintptr(unsafe.Pointer(from)), uintptr(unsafe.Pointer(fromLen)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// check classifies a message read while waiting for replies to seq: ok
// when it is one, false for stale replies to earlier requests, an error for
// replies to requests never sent or addressed to another port.
func (c *Conn) check(m Message, lo, hi uint32) (bool, error) {
	s := m.Header.Seq
	if s-lo > hi-lo { // outside [lo, hi], wrapping
		if s != 0 && int32(s-hi) > 0 {
			return false, fmt.Errorf("reply seq %d, last request %d: %w", s, hi, ErrSeqMismatch)
		}
		return false, nil
	}
	if m.Header.Pid != c.port {
		return false, fmt.Errorf("reply to seq %d for port %d, this socket is %d: %w", s, m.Header.Pid, c.port, ErrPortMismatch)
	}
	return true, nil
}

// settle finishes reading a dump abandoned by an earlier operation, so the
// kernel accepts the next one (a socket runs one dump at a time). Caller
// holds the Conn (acquire).
func (c *Conn) settle(ctx context.Context, op string) error {
	if c.pendingDump == 0 {
		return nil
	}
	return c.replies(ctx, op, c.pendingDump, c.seq, waitReplies, true, func(m Message) (bool, error) {
		if m.Header.Seq == c.pendingDump && (m.Header.Type == TypeDone || m.Header.Type == TypeError) {
			c.pendingDump = 0
			return true, nil
		}
		return false, nil
	})
}
