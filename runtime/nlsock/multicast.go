package nlsock

import (
	"context"
	"fmt"

	"golang.org/x/sys/unix"
)

// errOverrun is what Receive returns when the kernel dropped messages.
var errOverrun = &opError{op: "receive", err: fmt.Errorf("messages lost, receive buffer overrun: %w", unix.ENOBUFS)}

// JoinGroup subscribes the socket to multicast group (an RTNLGRP_* value)
// with NETLINK_ADD_MEMBERSHIP, which, unlike bind(2), reaches groups above
// 32.
func (c *Conn) JoinGroup(group uint32) error {
	return c.control("join group", func(fd int) error {
		return unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_ADD_MEMBERSHIP, int(group))
	})
}

// LeaveGroup unsubscribes the socket from multicast group
// (NETLINK_DROP_MEMBERSHIP).
func (c *Conn) LeaveGroup(group uint32) error {
	return c.control("leave group", func(fd int) error {
		return unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_DROP_MEMBERSHIP, int(group))
	})
}

// SetReceiveBuffer asks for a socket receive buffer of n bytes: with
// SO_RCVBUFFORCE, which needs CAP_NET_ADMIN but ignores the rmem_max limit,
// falling back to SO_RCVBUF. It returns the size the kernel granted, as
// SO_RCVBUF reads back (the kernel doubles the request for bookkeeping and
// applies its bounds).
func (c *Conn) SetReceiveBuffer(n int) (granted int, err error) {
	err = c.control("set receive buffer", func(fd int) error {
		granted, err = setReceiveBuffer(fd, n)
		return err
	})
	return granted, err
}

func setReceiveBuffer(fd, n int) (int, error) {
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, n); err != nil {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, n); err != nil {
			return 0, fmt.Errorf("setsockopt SO_RCVBUF: %w", err)
		}
	}
	got, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF)
	if err != nil {
		return 0, fmt.Errorf("getsockopt SO_RCVBUF: %w", err)
	}
	return got, nil
}

// control runs fn on the socket's fd.
func (c *Conn) control(op string, fn func(fd int) error) error {
	var err error
	if cerr := c.rc.Control(func(fd uintptr) { err = fn(int(fd)) }); cerr != nil {
		return &opError{op: op, err: ErrClosed}
	}
	if err != nil {
		return &opError{op: op, err: err}
	}
	return nil
}

// Receive waits for the next datagram from the kernel — multicast
// notifications of the joined groups (sequence number and port id 0, or
// those of the request that caused them) and any unicast reply not claimed
// by a request — and returns an iterator over its messages. The messages
// alias the Conn's receive buffer and are valid until the next call on the
// Conn.
//
// When the kernel dropped messages because the receive buffer was full,
// Receive returns an error for which errors.Is(err, unix.ENOBUFS) holds:
// notifications were lost and state must be re-read. The Conn stays usable:
// the next Receive returns what is still queued.
//
// Receive reads each datagram with one recvfrom(2), into a buffer of at
// least 64 KiB, without sizing it first as requests do. A datagram longer
// than the buffer (no rtnetlink notification comes near) is lost all the
// same: Receive returns an error wrapping ErrTruncated, the buffer grows to
// fit, and, as after ENOBUFS, state must be re-read.
func (c *Conn) Receive(ctx context.Context) (Messages, error) {
	if err := c.enter(ctx, "receive", false); err != nil {
		return Messages{}, err
	}
	defer c.leave()
	b, err := c.nextDatagram(true, true, false)
	if err == unix.ENOBUFS {
		return Messages{}, errOverrun
	}
	if err != nil {
		return Messages{}, c.ioErr(ctx, "receive", err)
	}
	return SplitMessages(b), nil
}
