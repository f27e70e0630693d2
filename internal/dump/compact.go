package dump

import (
	"context"
	"errors"
	"iter"

	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// Compactor is a generated compact form (*rtnl.RouteCompact, ...) of the
// message type T: the owned representation of a kept value (see the
// schema's compact list and rtnl.RouteCompact).
type Compactor[T, C any] interface {
	*C
	Set(*T)
}

// ListCompactWhere is ListWhere with values in T's compact form C: the
// replies' payloads are copied into one pointer-free byte slice as
// ListWhere does, then each is decoded into one reused T, filtered, and
// compacted into a slice of C allocated once at its final length. Decode
// problems are reported as by ListWhere, the value kept all the same.
func ListCompactWhere[T, C any, PT Codec[T], PC Compactor[T, C]](ctx context.Context, conn *nlsock.Conn, req []byte, keep func(*T) bool) ([]C, error) {
	mi := info[T, PT]()
	return listCompactFrom[T, C, PT, PC](conn.Dump(ctx, mi.GetName, mi.GetType, mi.DumpFlags, req), keep)
}

// listCompactFrom is ListCompactWhere over msgs, a dump's messages.
func listCompactFrom[T, C any, PT Codec[T], PC Compactor[T, C]](msgs iter.Seq2[nlsock.Message, error], keep func(*T) bool) ([]C, error) {
	mi := info[T, PT]()
	var raw []byte
	var ends []int
	var dumpErr error
	for m, err := range msgs {
		if err != nil {
			dumpErr = err
			break
		}
		if m.Header.Type != mi.NewType {
			continue
		}
		raw = append(raw, m.Payload...)
		ends = append(ends, len(raw))
	}
	out := make([]C, len(ends))
	v := PT(new(T))
	var bad nlwire.DecodeErrors
	n, start := 0, 0
	for i, end := range ends {
		err := v.Decode(raw[start:end])
		start = end
		if err != nil {
			bad = append(bad, nlwire.AsDecodeError(err, mi.Name, i+1))
		} else if keep != nil && !keep((*T)(v)) {
			continue
		}
		PC(&out[n]).Set((*T)(v))
		n++
	}
	if n*2 < len(out) {
		// The filter dropped most (kernels without strict checking):
		// do not keep the room for them.
		out = append([]C(nil), out[:n]...)
	}
	out = out[:n:n]
	if bad != nil {
		return out, errors.Join(bad, dumpErr)
	}
	return out, dumpErr
}
