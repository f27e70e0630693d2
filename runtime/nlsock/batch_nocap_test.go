package nlsock_test

import (
	"errors"
	"net/netip"
	"runtime"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// setNetAdmin raises or drops CAP_NET_ADMIN in the calling thread's
// effective set (capabilities are per thread).
func setNetAdmin(on bool) error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return err
	}
	if on {
		data[0].Effective |= 1 << unix.CAP_NET_ADMIN
	} else {
		data[0].Effective &^= 1 << unix.CAP_NET_ADMIN
	}
	return unix.Capset(&hdr, &data[0])
}

// TestIntegrationBatchWithoutForce: without CAP_NET_ADMIN, ExecuteBatch
// cannot grow the receive buffer past rmem_max, so it writes fewer
// requests at a time instead, and still loses no reply: 1024 requests that
// all fail (EPERM, for want of the same capability) give 1024 failures.
func TestIntegrationBatchWithoutForce(t *testing.T) {
	ns := nstest.New(t)
	c := dial(t, ns)
	ctx := ctxTimeout(t, 30*time.Second)
	const n = 1024
	var b nlsock.Batch
	for _, p := range blackholes(n, 0) {
		b.Add(unix.RTM_NEWROUTE, nlsock.FlagCreate|nlsock.FlagExcl, route(p, netip.Addr{}, unix.RTN_BLACKHOLE))
	}
	type result struct {
		err      error
		capErr   error
		restored bool
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		var r result
		defer func() {
			if r.restored {
				runtime.UnlockOSThread()
			} // else the thread exits locked and is not reused
			done <- r
		}()
		if r.capErr = setNetAdmin(false); r.capErr != nil {
			r.restored = true
			return
		}
		r.err = c.ExecuteBatch(ctx, "RTM_NEWROUTE", &b)
		r.restored = setNetAdmin(true) == nil
	}()
	r := <-done
	if r.capErr != nil {
		t.Fatalf("dropping CAP_NET_ADMIN: %v", r.capErr)
	}
	var be *nlsock.BatchError
	if !errors.As(r.err, &be) || be.Incomplete || be.Failed != n || !errors.Is(r.err, unix.EPERM) {
		t.Fatalf("ExecuteBatch without CAP_NET_ADMIN: %v", r.err)
	}
	for i, f := range be.Failures {
		if f.Index != i || !errors.Is(f.Err, unix.EPERM) {
			t.Fatalf("failure %d: index %d, %v", i, f.Index, f.Err)
		}
	}
	t.Log(r.err)
}
