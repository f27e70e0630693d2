// Package dump streams the replies of an rtnetlink dump through one reused
// value of a generated message type. The resource packages (route, link,
// addr, neigh, rule, nexthop) are thin filters over it.
package dump

import (
	"context"
	"errors"
	"iter"

	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// Codec is a generated message type (*rtnl.Route, *rtnl.Link, ...).
type Codec[T any] interface {
	*T
	nlwire.Codec
	Clone() T
}

// All sends the dump request getType with payload req and yields every reply
// of message type newType, decoded into one reused value: it is valid only
// until the next iteration. A decode failure or a kernel error ends the
// stream with that error; an interrupted dump (the kernel's tables changed
// under it) ends with an error wrapping nlsock.ErrDumpInterrupted after
// every message was yielded.
func All[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte) iter.Seq2[*T, error] {
	return AllWhere[T, PT](ctx, conn, op, getType, newType, req, nil)
}

// AllWhere is All keeping only the values for which keep (when not nil)
// returns true: for filters some kernels accept but do not apply.
func AllWhere[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte, keep func(*T) bool) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		v := PT(new(T))
		for m, err := range conn.Dump(ctx, op, getType, 0, req) {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Type != newType {
				continue
			}
			if err := v.Decode(m.Payload); err != nil {
				yield(nil, err)
				return
			}
			if keep != nil && !keep((*T)(v)) {
				continue
			}
			if !yield((*T)(v), nil) {
				return
			}
		}
	}
}

// List collects the replies into values that own their memory.
func List[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte) ([]T, error) {
	return ListWhere[T, PT](ctx, conn, op, getType, newType, req, nil)
}

// ListWhere is List keeping only the values for which keep (when not nil)
// returns true.
//
// It works in two passes: the replies' payloads are first copied into one
// pointer-free byte slice (cheap to grow, nothing for the garbage collector
// to scan), then decoded straight into a slice allocated once at its final
// length. Growing a slice of decoded values instead would copy large,
// pointer-holding structs again and again, with write barriers, while the
// collector rescans them — for a million routes, ten times slower.
func ListWhere[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte, keep func(*T) bool) ([]T, error) {
	var raw []byte
	var ends []int
	var dumpErr error
	for m, err := range conn.Dump(ctx, op, getType, 0, req) {
		if err != nil {
			dumpErr = err
			break
		}
		if m.Header.Type != newType {
			continue
		}
		raw = append(raw, m.Payload...)
		ends = append(ends, len(raw))
	}
	out := make([]T, len(ends))
	n, start := 0, 0
	for _, end := range ends {
		v := PT(&out[n])
		if err := v.Decode(raw[start:end]); err != nil {
			return out[:n], err
		}
		start = end
		if keep != nil && !keep(&out[n]) {
			v.Reset()
			continue
		}
		n++
	}
	return out[:n], dumpErr
}

// One sends a request that is answered by a single message (RTM_GETROUTE or
// RTM_GETLINK without NLM_F_DUMP) and decodes the reply of type newType
// into a new value.
func One[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte) (*T, error) {
	var out *T
	var decErr error
	err := conn.Query(ctx, op, getType, 0, req, func(m nlsock.Message) error {
		if m.Header.Type != newType || out != nil || decErr != nil {
			return nil
		}
		v := PT(new(T))
		if decErr = v.Decode(m.Payload); decErr == nil {
			out = (*T)(v)
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case decErr != nil:
		return nil, decErr
	case out == nil:
		return nil, errors.New("netlink: the kernel answered " + op + " without a reply message")
	}
	return out, nil
}
