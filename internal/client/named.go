package client

import (
	"errors"

	"github.com/linx-go/linx/runtime/nlsock"
)

// Named puts what a request was about into the name of a kernel error for
// it ("address add 10.0.0.1/24: file exists"), only once it failed:
// formatting it for every request would cost each an allocation. Errors
// that are not the kernel's for op are returned as they are.
func Named(err error, op string, what func() string) error {
	if err == nil {
		return nil // before ke, which errors.As moves to the heap
	}
	var ke *nlsock.Error
	if errors.As(err, &ke) && ke.Op == op {
		ke.Op = op + " " + what()
	}
	return err
}
