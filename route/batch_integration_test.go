package route

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// TestIntegrationBatchAllFail: a 1024-request write in which every request
// fails reports 1024 failures, each with its index and errno, none lost to
// a receive buffer overrun (with the default buffer about 256 survived).
func TestIntegrationBatchAllFail(t *testing.T) {
	tn := newTestNS(t)
	const n = 1024
	var b Batch
	for i := range n {
		dst := netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 30, byte(i >> 8), byte(i)}), 32)
		if err := b.Delete(dst, netip.Addr{}); err != nil {
			t.Fatal(err)
		}
	}
	err := tn.c.Apply(tn.ctx, &b)
	var be *nlsock.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Apply: %v, want a *nlsock.BatchError", err)
	}
	if !errors.Is(err, unix.ESRCH) || be.Incomplete || be.Failed != n || len(be.Failures) != n || be.Index != 0 || be.Sent != n {
		t.Fatalf("Apply: %v (Failed %d, Failures %d, Incomplete %v, Index %d, Sent %d)",
			err, be.Failed, len(be.Failures), be.Incomplete, be.Index, be.Sent)
	}
	for i, f := range be.Failures {
		if f.Index != i || !errors.Is(f.Err, unix.ESRCH) {
			t.Fatalf("failure %d: index %d, %v", i, f.Index, f.Err)
		}
	}
	if want := "route batch: 1024 requests failed: 0-1023: no such process"; !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q, want %q", err, want)
	}
}

// TestIntegrationBatchNamesEachFailure: the error names every failed
// change with its index, errno and the kernel's extended-ack message, and
// the changes between them are applied.
func TestIntegrationBatchNamesEachFailure(t *testing.T) {
	tn := newTestNS(t)
	var b Batch
	add := func(dst string, gw string) {
		t.Helper()
		var g netip.Addr
		if gw != "" {
			g = addr(gw)
		}
		if err := b.Add(pfx(dst), g); err != nil {
			t.Fatal(err)
		}
	}
	add("192.0.2.0/24", "10.0.0.2")    // 0: ok
	add("198.51.100.0/24", "10.9.9.9") // 1: gateway not on any link
	if err := b.Delete(pfx("203.0.113.0/24"), netip.Addr{}); err != nil {
		t.Fatal(err) // 2: absent
	}
	add("203.0.113.0/24", "10.0.1.2") // 3: ok
	add("192.0.2.0/24", "10.0.0.2")   // 4: exists
	err := tn.c.Apply(tn.ctx, &b)
	var be *nlsock.BatchError
	if !errors.As(err, &be) || be.Failed != 3 || be.Index != 1 || be.Incomplete {
		t.Fatalf("Apply: %v", err)
	}
	wantIdx := []int{1, 2, 4}
	wantErr := []unix.Errno{unix.ENETUNREACH, unix.ESRCH, unix.EEXIST}
	for i, f := range be.Failures {
		var ke *nlsock.Error
		if f.Index != wantIdx[i] || !errors.As(f.Err, &ke) || ke.Errno != wantErr[i] {
			t.Errorf("failure %d: index %d, %v; want index %d, %v", i, f.Index, f.Err, wantIdx[i], wantErr[i])
		}
	}
	for _, e := range wantErr {
		if !errors.Is(err, e) {
			t.Errorf("errors.Is(err, %v) is false", e)
		}
	}
	msg := err.Error()
	for _, want := range []string{"3 requests failed", "1: network is unreachable (kernel: Nexthop has invalid gateway)",
		"2: no such process", "4: file exists"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	for dst, gw := range map[string]string{"192.0.2.0/24": "10.0.0.2", "203.0.113.0/24": "10.0.1.2"} {
		r, err := tn.c.Get(tn.ctx, pfx(dst).Addr())
		if err != nil || r.Gateway != addr(gw) {
			t.Errorf("route %s via %s not installed: %v", dst, gw, err)
		}
	}
}
