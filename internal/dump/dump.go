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

// List collects the replies into values that own their memory. Each reply
// is decoded straight into its place in a chunk of values (no reused value
// and no copy per message); the chunks are joined once at the end, so a
// large dump costs one final copy rather than repeated slice doubling.
func List[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte) ([]T, error) {
	return ListWhere[T, PT](ctx, conn, op, getType, newType, req, nil)
}

// ListWhere is List keeping only the values for which keep (when not nil)
// returns true.
func ListWhere[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte, keep func(*T) bool) ([]T, error) {
	const firstChunk = 64
	var full [][]T
	cur := make([]T, 0, firstChunk)
	total := 0
	for m, err := range conn.Dump(ctx, op, getType, 0, req) {
		if err != nil {
			return join(full, cur, total), err
		}
		if m.Header.Type != newType {
			continue
		}
		if len(cur) == cap(cur) {
			full = append(full, cur)
			cur = make([]T, 0, min(2*cap(cur), 1<<14))
		}
		cur = cur[:len(cur)+1]
		if err := PT(&cur[len(cur)-1]).Decode(m.Payload); err != nil {
			return join(full, cur[:len(cur)-1], total), err
		}
		if keep != nil && !keep(&cur[len(cur)-1]) {
			cur = cur[:len(cur)-1]
			continue
		}
		total++
	}
	return join(full, cur, total), nil
}

// join concatenates the chunks; a single chunk is returned as it is.
func join[T any](full [][]T, cur []T, total int) []T {
	if len(full) == 0 {
		return cur
	}
	out := make([]T, 0, total)
	for _, c := range full {
		out = append(out, c...)
	}
	return append(out, cur...)
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
