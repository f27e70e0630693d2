package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"golang.org/x/sys/unix"
)

// The raw floor: what the kernel's side costs with as little as possible on
// ours. One socket, one reused 1 MiB receive buffer, and only nlmsghdr
// lengths and types parsed; requests are built by hand into one reused
// buffer. It is written for this harness and shares no code with linx.

const floorBuf = 1 << 20

type rawSock struct {
	fd  int
	buf []byte
	seq uint32
}

func rawOpen() (*rawSock, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("socket: %w", err)
	}
	s := &rawSock{fd: fd, buf: make([]byte, floorBuf)}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		s.Close()
		return nil, fmt.Errorf("bind: %w", err)
	}
	// Room for 1024 acks of a batch; short acks (no echoed request).
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, 8<<20); err != nil {
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, 8<<20)
	}
	unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_GET_STRICT_CHK, 1)
	return s, nil
}

func (s *rawSock) Close() error { return unix.Close(s.fd) }

// write sends b to the kernel: write(2) on the unconnected socket goes to
// port 0, and needs no sockaddr (which sendto would allocate).
func (s *rawSock) write(b []byte) error {
	for {
		n, err := unix.Write(s.fd, b)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return fmt.Errorf("write: %w", err)
		case n != len(b):
			return fmt.Errorf("write: %d of %d bytes", n, len(b))
		}
		return nil
	}
}

// nlmsg appends a netlink header (length patched by nlend) and returns the
// message start.
func nlbegin(b []byte, typ, flags uint16, seq uint32) ([]byte, int) {
	start := len(b)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint16(b, typ)
	b = binary.LittleEndian.AppendUint16(b, flags)
	b = binary.LittleEndian.AppendUint32(b, seq)
	b = binary.LittleEndian.AppendUint32(b, 0)
	return b, start
}

func nlend(b []byte, start int) []byte {
	binary.LittleEndian.PutUint32(b[start:], uint32(len(b)-start))
	return b
}

// rtmsg appends struct rtmsg.
func rtmsg(b []byte, family, dstLen, table, protocol, scope, typ uint8) []byte {
	return append(b, family, dstLen, 0, 0, table, protocol, scope, typ, 0, 0, 0, 0)
}

// rta appends one attribute with its payload, padded to 4.
func rta(b []byte, typ uint16, payload []byte) []byte {
	b = binary.LittleEndian.AppendUint16(b, uint16(4+len(payload)))
	b = binary.LittleEndian.AppendUint16(b, typ)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func rtaU32(b []byte, typ uint16, v uint32) []byte {
	b = binary.LittleEndian.AppendUint16(b, 8)
	b = binary.LittleEndian.AppendUint16(b, typ)
	return binary.LittleEndian.AppendUint32(b, v)
}

// rta4 appends a 4-byte attribute (an IPv4 address) without a slice of it
// escaping.
func rta4(b []byte, typ uint16, p [4]byte) []byte {
	b = binary.LittleEndian.AppendUint16(b, 8)
	b = binary.LittleEndian.AppendUint16(b, typ)
	return append(b, p[0], p[1], p[2], p[3])
}

// dump sends an RTM_GETROUTE dump (all families, or table when non-zero,
// filtered by the kernel under NETLINK_GET_STRICT_CHK) and counts the
// RTM_NEWROUTE messages in the reply.
func (s *rawSock) dump(table uint32) (int, error) {
	s.seq++
	req, st := nlbegin(make([]byte, 0, 64), unix.RTM_GETROUTE, unix.NLM_F_REQUEST|unix.NLM_F_DUMP, s.seq)
	if table != 0 {
		req = rtmsg(req, unix.AF_UNSPEC, 0, 0, 0, 0, 0)
		req = rtaU32(req, unix.RTA_TABLE, table)
	} else {
		req = rtmsg(req, unix.AF_UNSPEC, 0, 0, 0, 0, 0)
	}
	req = nlend(req, st)
	if err := s.write(req); err != nil {
		return 0, err
	}
	n := 0
	for {
		m, err := unix.Read(s.fd, s.buf)
		if err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return n, fmt.Errorf("read: %w", err)
		}
		for b := s.buf[:m]; len(b) > 0; {
			l, typ, err := hdr(b)
			if err != nil {
				return n, err
			}
			switch typ {
			case unix.NLMSG_DONE:
				return n, nil
			case unix.NLMSG_ERROR:
				if e := errnoOf(b[:l]); e != 0 {
					return n, fmt.Errorf("dump: %w", e)
				}
			case unix.RTM_NEWROUTE:
				n++
			}
			b = b[min(align4(l), len(b)):]
		}
	}
}

// hdr reads the length and type of the message at the start of b.
func hdr(b []byte) (int, uint16, error) {
	if len(b) < unix.NLMSG_HDRLEN {
		return 0, 0, fmt.Errorf("truncated netlink header: %d bytes", len(b))
	}
	l := int(binary.LittleEndian.Uint32(b))
	if l < unix.NLMSG_HDRLEN || l > len(b) {
		return 0, 0, fmt.Errorf("netlink message length %d, %d bytes left", l, len(b))
	}
	return l, binary.LittleEndian.Uint16(b[4:]), nil
}

func align4(n int) int { return (n + 3) &^ 3 }

// errnoOf is the error code of an NLMSG_ERROR (or NLMSG_DONE) message.
func errnoOf(m []byte) unix.Errno {
	if len(m) < unix.NLMSG_HDRLEN+4 {
		return unix.EBADMSG
	}
	return unix.Errno(-int32(binary.LittleEndian.Uint32(m[unix.NLMSG_HDRLEN:])))
}

// routeReq appends the request installing (add) or removing the /32 dst in
// table through gw.
//
// Only a request with ack set is acknowledged when it succeeds; a failed one
// is always answered with its error.
func routeReq(b []byte, add, ack bool, seq uint32, dst, gw netip.Addr, table uint32) []byte {
	typ, flags := uint16(unix.RTM_DELROUTE), uint16(unix.NLM_F_REQUEST)
	proto, scope, rtype := uint8(0), uint8(unix.RT_SCOPE_NOWHERE), uint8(0)
	if add {
		typ, flags = unix.RTM_NEWROUTE, unix.NLM_F_REQUEST|unix.NLM_F_CREATE|unix.NLM_F_EXCL
		proto, scope, rtype = unix.RTPROT_STATIC, unix.RT_SCOPE_UNIVERSE, unix.RTN_UNICAST
	}
	if ack {
		flags |= unix.NLM_F_ACK
	}
	b, st := nlbegin(b, typ, flags, seq)
	b = rtmsg(b, unix.AF_INET, 32, 0, proto, scope, rtype)
	b = rtaU32(b, unix.RTA_TABLE, table)
	b = rta4(b, unix.RTA_DST, dst.As4())
	b = rta4(b, unix.RTA_GATEWAY, gw.As4())
	return nlend(b, st)
}

// install adds (or deletes) n /32 routes from base in table, perWrite
// requests per write(2), only the last of them asking for an ack; it reads
// the replies up to that ack (failures come before it, in order) before the
// next write.
func (s *rawSock) install(add bool, n int, base netip.Addr, gw netip.Addr, table uint32, perWrite int) error {
	req := make([]byte, 0, perWrite*64)
	dst := base
	var failed int
	var first error
	for done := 0; done < n; {
		k := min(perWrite, n-done)
		req = req[:0]
		for i := range k {
			s.seq++
			req = routeReq(req, add, i == k-1, s.seq, dst, gw, table)
			dst = dst.Next()
		}
		last := s.seq
		if err := s.write(req); err != nil {
			return err
		}
		for acked := false; !acked; {
			m, err := unix.Read(s.fd, s.buf)
			if err != nil {
				if errors.Is(err, unix.EINTR) {
					continue
				}
				return fmt.Errorf("read: %w", err)
			}
			for b := s.buf[:m]; len(b) > 0; {
				l, typ, err := hdr(b)
				if err != nil {
					return err
				}
				if typ == unix.NLMSG_ERROR {
					e := errnoOf(b[:l])
					if e != 0 {
						failed++
						if first == nil {
							first = e
						}
					}
					acked = acked || binary.LittleEndian.Uint32(b[8:]) == last
				}
				b = b[min(align4(l), len(b)):]
			}
		}
		done += k
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d requests failed, the first with %w", failed, n, first)
	}
	return nil
}

// rawMonitor joins the IPv4 and IPv6 route groups with a receive buffer of
// rcvbuf bytes.
func rawMonitor(rcvbuf int) (*rawSock, error) {
	s, err := rawOpen()
	if err != nil {
		return nil, err
	}
	if err := unix.SetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, rcvbuf); err != nil {
		unix.SetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_RCVBUF, rcvbuf)
	}
	for _, g := range []int{unix.RTNLGRP_IPV4_ROUTE, unix.RTNLGRP_IPV6_ROUTE} {
		if err := unix.SetsockoptInt(s.fd, unix.SOL_NETLINK, unix.NETLINK_ADD_MEMBERSHIP, g); err != nil {
			s.Close()
			return nil, fmt.Errorf("join group %d: %w", g, err)
		}
	}
	tv := unix.NsecToTimeval((50 * time.Millisecond).Nanoseconds())
	if err := unix.SetsockoptTimeval(s.fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		s.Close()
		return nil, fmt.Errorf("SO_RCVTIMEO: %w", err)
	}
	return s, nil
}

// events reads route notifications until stop says so, counting them and
// the ENOBUFS reports (lost notifications) into c.
func (s *rawSock) events(c *eventCounter) error { return s.eventsWith(c, false, nil) }

// eventsWith is events with a sizing peek before each read (as nlsock
// does) when peek is set, and each called with every route message's
// payload when not nil (the prototypes).
func (s *rawSock) eventsWith(c *eventCounter, peek bool, each func([]byte) error) error {
	for !c.stop() {
		if peek {
			if _, _, err := unix.Recvfrom(s.fd, nil, unix.MSG_PEEK|unix.MSG_TRUNC); err != nil {
				switch {
				case errors.Is(err, unix.EAGAIN), errors.Is(err, unix.EINTR):
					continue
				case errors.Is(err, unix.ENOBUFS):
					c.lost()
					continue
				}
				return fmt.Errorf("peek: %w", err)
			}
		}
		m, err := unix.Read(s.fd, s.buf)
		if err != nil {
			switch {
			case errors.Is(err, unix.EAGAIN), errors.Is(err, unix.EINTR):
				continue
			case errors.Is(err, unix.ENOBUFS):
				c.lost()
				continue
			}
			return fmt.Errorf("read: %w", err)
		}
		k := 0
		for b := s.buf[:m]; len(b) > 0; {
			l, typ, err := hdr(b)
			if err != nil {
				return err
			}
			if typ == unix.RTM_NEWROUTE || typ == unix.RTM_DELROUTE {
				if each != nil {
					if err := each(b[unix.NLMSG_HDRLEN:l]); err != nil {
						return err
					}
				}
				k++
			}
			b = b[min(align4(l), len(b)):]
		}
		c.add(k)
	}
	return nil
}
