package client

import (
	"context"
	"errors"

	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Flush sends b, a batch of deletes of objects just listed, and returns how
// many were deleted. A delete that fails with one of gone (the object
// vanished between the list and the delete) is not an error; any other
// failure, or a batch cut short, is returned with the count of the deletes
// known to have succeeded.
func Flush(ctx context.Context, conn *nlsock.Conn, op string, b *nlsock.Batch, gone ...unix.Errno) (int, error) {
	n := b.Len()
	if n == 0 {
		return 0, nil
	}
	err := conn.ExecuteBatch(ctx, op, b)
	if err == nil {
		return n, nil
	}
	var be *nlsock.BatchError
	if !errors.As(err, &be) {
		return 0, err
	}
	done := be.Sent - len(be.Failures)
	if be.Sent < n || be.Incomplete {
		return done, err
	}
	for _, f := range be.Failures {
		vanished := false
		for _, g := range gone {
			vanished = vanished || errors.Is(f.Err, g)
		}
		if !vanished {
			return done, err
		}
	}
	return done, nil
}
