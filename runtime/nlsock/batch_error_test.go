package nlsock

import (
	"context"
	"errors"
	"testing"

	"golang.org/x/sys/unix"
)

func TestBatchErrorMessage(t *testing.T) {
	kerr := func(e unix.Errno, msg string) error {
		return &Error{Op: "op", Errno: e, Message: msg, Offset: -1, MissingAttr: -1, MissingNest: -1}
	}
	be := &BatchError{op: "op"}
	for i := range 4 {
		be.fail(i, kerr(unix.ESRCH, ""))
	}
	be.fail(5, kerr(unix.ENETUNREACH, "Nexthop has invalid gateway"))
	be.fail(6, kerr(unix.ESRCH, ""))
	be.fail(7, kerr(unix.ESRCH, ""))
	be.Incomplete = true
	err := be.finish(9, &opError{op: "op", err: context.Canceled})
	want := "netlink: op: 7 requests failed: 0-3: no such process; 5: network is unreachable (kernel: Nexthop has invalid gateway); " +
		"6-7: no such process; some replies lost, more may have failed; then op: context canceled"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	if be.Index != 0 || be.Failed != 7 || be.Sent != 9 {
		t.Fatalf("%+v", be)
	}
	for _, e := range []error{unix.ESRCH, unix.ENETUNREACH, context.Canceled} {
		if !errors.Is(err, e) {
			t.Errorf("errors.Is(err, %v) false", e)
		}
	}
	// The failures keep their operation name.
	var ke *Error
	if !errors.As(be.Failures[4].Err, &ke) || ke.Op != "op" {
		t.Fatalf("%v", be.Failures[4].Err)
	}

	// Replies lost, no failure seen.
	lost := &BatchError{op: "op", Incomplete: true}
	if err := lost.finish(3, nil); err == nil || !errors.Is(err, errAcksLost) || lost.Index != -1 {
		t.Fatalf("lost: %v", err)
	}
	// Nothing wrong.
	if err := (&BatchError{op: "op"}).finish(3, nil); err != nil {
		t.Fatalf("clean batch: %v", err)
	}
}
