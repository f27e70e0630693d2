// Package dump streams the replies of an rtnetlink dump through one reused
// value of a generated message type. The resource packages (route, link,
// addr, neigh, rule, nexthop) are thin filters over it.
package dump

import (
	"context"
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
			if !yield((*T)(v), nil) {
				return
			}
		}
	}
}

// List collects All into values that own their memory.
func List[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, getType, newType uint16, req []byte) ([]T, error) {
	var out []T
	for v, err := range All[T, PT](ctx, conn, op, getType, newType, req) {
		if err != nil {
			return out, err
		}
		out = append(out, PT(v).Clone())
	}
	return out, nil
}
