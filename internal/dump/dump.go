// Package dump streams the replies of an rtnetlink dump through one reused
// value of a generated message type. The resource packages (route, link,
// addr, neigh, rule, nexthop) are thin filters over it. The message numbers
// (request type, reply type, dump flags) come from the type's generated
// MessageInfo: callers name only the type.
//
// # A dump survives any one message
//
// A reply that fails to decode — a malformed attribute, a header too short,
// a family the schema did not foresee — never ends a dump and never hides
// the replies after it. The caller gets that message too, decoded as far
// as it could be (a malformed attribute's raw bytes are kept in Unknown, so
// re-encoding loses nothing), together with a *nlwire.DecodeError naming
// the message (its position in the dump, Nth, from 1), the attribute and
// the offset:
//
//   - All yields (v, *nlwire.DecodeError) for such a message, with v not
//     nil, and goes on. Only errors that end the dump (the kernel's, an
//     interrupted dump, a done context) come with a nil value, and they
//     come last. A consumer that stops at the first problem of any kind
//     returns on err != nil, as before; one that wants every value tests
//     v first (see below).
//   - List returns every value, the bad ones included, and an error that
//     errors.As finds as nlwire.DecodeErrors (each bad message) and as
//     *nlwire.DecodeError (the first), joined with the error that ended the
//     dump, if any.
//   - One returns the reply decoded in part and its *nlwire.DecodeError.
//
// A value that did not decode is handed out whatever the keep filter of
// AllWhere and ListWhere says: the filter may have failed on the very field
// that was malformed.
//
// Taking every value, and every problem:
//
//	for v, err := range dump.All[rtnl.Route](ctx, conn, req) {
//		if v == nil {
//			return err // the dump ended early
//		}
//		if err != nil {
//			log.Print(err) // v is decoded in part
//		}
//		use(v)
//	}
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
	nlwire.Described
	Clone() T
}

// info returns T's metadata.
func info[T any, PT Codec[T]]() *nlwire.MessageInfo {
	var v PT
	return v.MessageInfo()
}

// All sends T's dump request with payload req and yields every reply of
// T's type, decoded into one reused value: it is valid only until the
// next iteration. A reply that does not decode is yielded with its
// *nlwire.DecodeError and the dump goes on (see the package comment). A
// kernel error ends the stream with that error; an interrupted dump (the
// kernel's tables changed under it) ends with an error wrapping
// nlsock.ErrDumpInterrupted after every message was yielded.
func All[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, req []byte) iter.Seq2[*T, error] {
	return AllWhere[T, PT](ctx, conn, req, nil)
}

// AllWhere is All keeping only the values for which keep (when not nil)
// returns true: for filters some kernels accept but do not apply.
func AllWhere[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, req []byte, keep func(*T) bool) iter.Seq2[*T, error] {
	mi := info[T, PT]()
	return allFrom[T, PT](conn.Dump(ctx, mi.GetName, mi.GetType, mi.DumpFlags, req), keep)
}

// allFrom decodes the replies of T's type in msgs, a dump's messages: the
// whole of AllWhere but the socket.
func allFrom[T any, PT Codec[T]](msgs iter.Seq2[nlsock.Message, error], keep func(*T) bool) iter.Seq2[*T, error] {
	mi := info[T, PT]()
	return func(yield func(*T, error) bool) {
		v := PT(new(T))
		nth := 0
		for m, err := range msgs {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Type != mi.NewType {
				continue
			}
			nth++
			if err := v.Decode(m.Payload); err != nil {
				if !yield((*T)(v), nlwire.AsDecodeError(err, mi.Name, nth)) {
					return
				}
				continue
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

// List collects the replies into values that own their memory: every
// reply, those that did not decode included (see the package comment).
func List[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, req []byte) ([]T, error) {
	return ListWhere[T, PT](ctx, conn, req, nil)
}

// ListWhere is List keeping only the values for which keep (when not nil)
// returns true, and those that did not decode.
//
// It works in two passes: the replies' payloads are first copied into
// pointer-free byte chunks (nothing copied twice, nothing for the garbage
// collector to scan; see payloads), then decoded straight into a slice allocated once at its final
// length. Growing a slice of decoded values instead would copy large,
// pointer-holding structs again and again, with write barriers, while the
// collector rescans them — for a million routes, ten times slower.
func ListWhere[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, req []byte, keep func(*T) bool) ([]T, error) {
	mi := info[T, PT]()
	return listFrom[T, PT](conn.Dump(ctx, mi.GetName, mi.GetType, mi.DumpFlags, req), keep)
}

// listFrom is ListWhere over msgs, a dump's messages.
func listFrom[T any, PT Codec[T]](msgs iter.Seq2[nlsock.Message, error], keep func(*T) bool) ([]T, error) {
	mi := info[T, PT]()
	raw, dumpErr := collect(msgs, mi.NewType)
	out := make([]T, raw.len())
	var bad nlwire.DecodeErrors
	n := 0
	raw.each(func(i int, b []byte) {
		v := PT(&out[n])
		err := v.Decode(b)
		if err != nil {
			bad = append(bad, nlwire.AsDecodeError(err, mi.Name, i+1))
		} else if keep != nil && !keep(&out[n]) {
			v.Reset()
			return
		}
		n++
	})
	out = out[:n]
	if bad != nil {
		return out, errors.Join(bad, dumpErr)
	}
	return out, dumpErr
}

// One sends a request that is answered by a single message (RTM_GETROUTE or
// RTM_GETLINK without NLM_F_DUMP) and decodes the reply of T's type into a
// new value. A reply that does not decode is returned, decoded in part,
// with its *nlwire.DecodeError.
func One[T any, PT Codec[T]](ctx context.Context, conn *nlsock.Conn, op string, req []byte) (*T, error) {
	mi := info[T, PT]()
	var out *T
	var decErr error
	err := conn.Query(ctx, op, mi.GetType, 0, req, func(m nlsock.Message) error {
		if m.Header.Type != mi.NewType || out != nil {
			return nil
		}
		v := PT(new(T))
		if err := v.Decode(m.Payload); err != nil {
			decErr = nlwire.AsDecodeError(err, mi.Name, 1)
		}
		out = (*T)(v)
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case out == nil:
		return nil, errors.New("netlink: the kernel answered " + op + " without a reply message")
	}
	return out, decErr
}
