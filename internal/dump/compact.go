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
// replies' payloads are copied into pointer-free chunks as
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
	raw, dumpErr := collect(msgs, mi.NewType)
	out := make([]C, raw.len())
	v := PT(new(T))
	var bad nlwire.DecodeErrors
	n := 0
	raw.each(func(i int, b []byte) {
		err := v.Decode(b)
		if err != nil {
			bad = append(bad, nlwire.AsDecodeError(err, mi.Name, i+1))
		} else if keep != nil && !keep((*T)(v)) {
			return
		}
		PC(&out[n]).Set((*T)(v))
		n++
	})
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

// rawChunk is the size of the chunks collect copies payloads into.
const rawChunk = 1 << 20

// payloads are a dump's reply payloads, copied into chunks of their own
// rather than one slice that doubles: nothing is copied twice, nothing in
// them is for the garbage collector to scan, and a chunk is garbage as
// soon as each walks past it.
type payloads struct {
	chunks [][]byte
	cur    []byte   // the chunk being filled
	ends   []uint32 // end of each payload in its chunk
	firsts []int    // index of the first payload of each chunk after the first
}

// collect copies the payloads of the messages of type typ in msgs and
// returns them with the error that ended the dump, if any.
func collect(msgs iter.Seq2[nlsock.Message, error], typ uint16) (p payloads, dumpErr error) {
	for m, err := range msgs {
		if err != nil {
			dumpErr = err
			break
		}
		if m.Header.Type != typ {
			continue
		}
		if len(p.cur)+len(m.Payload) > cap(p.cur) {
			if p.cur != nil {
				p.chunks = append(p.chunks, p.cur)
				p.firsts = append(p.firsts, len(p.ends))
			}
			p.cur = make([]byte, 0, max(rawChunk, len(m.Payload)))
		}
		p.cur = append(p.cur, m.Payload...)
		p.ends = append(p.ends, uint32(len(p.cur)))
	}
	if p.cur != nil || len(p.ends) > 0 {
		p.chunks = append(p.chunks, p.cur) // nil when every payload was empty
	}
	p.cur = nil
	return p, dumpErr
}

// len returns the number of payloads.
func (p *payloads) len() int { return len(p.ends) }

// each calls fn with every payload and its index, in order, dropping each
// chunk once past it (so each runs once).
func (p *payloads) each(fn func(i int, b []byte)) {
	start, k := uint32(0), 0
	for i, end := range p.ends {
		if k < len(p.firsts) && i == p.firsts[k] { // the next chunk
			p.chunks[k] = nil
			k++
			start = 0
		}
		fn(i, p.chunks[k][start:end])
		start = end
	}
	p.chunks = nil
}
