package nlsock_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// TestIntegrationReceiveTruncated sends a Conn a datagram longer than
// Receive's unsized buffer (from a user-space socket, which Receive then
// ignores anyway): Receive must say it was cut, not hand out a part, and
// the next Receive must fit one as long.
func TestIntegrationReceiveTruncated(t *testing.T) {
	ns := nstest.New(t)
	c := dial(t, ns)
	var fd int
	err := nlsock.Do(ns, func() error {
		var err error
		fd, err = unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 100<<10)
	to := &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Pid: c.PortID()}
	for range 2 {
		if err := unix.Sendto(fd, big, 0, to); err != nil {
			t.Fatal(err)
		}
	}
	ctx := ctxTimeout(t, 2*time.Second)
	_, err = c.Receive(ctx)
	if !errors.Is(err, nlsock.ErrTruncated) {
		t.Fatalf("oversized datagram: %v, want ErrTruncated", err)
	}
	// The second fits now; it is from user space, so Receive skips it and
	// waits on until ctx ends.
	short := ctxTimeout(t, 100*time.Millisecond)
	if _, err = c.Receive(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second datagram: %v, want it read whole, skipped, then the deadline", err)
	}
}
