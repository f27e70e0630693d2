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

// rawChunk is the size of the chunks listCompactFrom copies payloads into.
const rawChunk = 1 << 20

// listCompactFrom is ListCompactWhere over msgs, a dump's messages.
func listCompactFrom[T, C any, PT Codec[T], PC Compactor[T, C]](msgs iter.Seq2[nlsock.Message, error], keep func(*T) bool) ([]C, error) {
	mi := info[T, PT]()
	// The payloads go into chunks of their own rather than one slice
	// that doubles: nothing is copied twice, and a chunk is garbage as
	// soon as it is decoded.
	var chunks [][]byte
	var cur []byte
	var ends []uint32 // end of each payload in its chunk
	var firsts []int  // index of the first payload of each chunk after the first
	var dumpErr error
	for m, err := range msgs {
		if err != nil {
			dumpErr = err
			break
		}
		if m.Header.Type != mi.NewType {
			continue
		}
		if len(cur)+len(m.Payload) > cap(cur) {
			if cur != nil {
				chunks = append(chunks, cur)
				firsts = append(firsts, len(ends))
			}
			cur = make([]byte, 0, max(rawChunk, len(m.Payload)))
		}
		cur = append(cur, m.Payload...)
		ends = append(ends, uint32(len(cur)))
	}
	if cur != nil || len(ends) > 0 {
		chunks = append(chunks, cur) // nil when every payload was empty
	}
	out := make([]C, len(ends))
	v := PT(new(T))
	var bad nlwire.DecodeErrors
	n, start, k := 0, uint32(0), 0
	for i, end := range ends {
		if k < len(firsts) && i == firsts[k] { // the next chunk
			chunks[k] = nil
			k++
			start = 0
		}
		err := v.Decode(chunks[k][start:end])
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
