package route

import (
	"context"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Batch collects route changes for Client.Apply, which sends them up to
// 1024 per sendmsg(2) — for installing many routes, as `ip -batch` does.
// Each change is validated as the single verbs validate it, when it is
// added to the batch. The zero value is an empty batch; Reset reuses it.
type Batch struct {
	b nlsock.Batch
	r rtnl.Route
}

// Add queues an add (NLM_F_CREATE|NLM_F_EXCL), as Client.Add.
func (b *Batch) Add(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbAdd, dst, gw, opts)
}

// Replace queues a replace (NLM_F_CREATE|NLM_F_REPLACE), as Client.Replace.
func (b *Batch) Replace(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbReplace, dst, gw, opts)
}

// Delete queues a delete, as Client.Delete.
func (b *Batch) Delete(dst netip.Prefix, gw netip.Addr, opts ...Option) error {
	return b.queue(verbDelete, dst, gw, opts)
}

// Len is the number of queued changes.
func (b *Batch) Len() int { return b.b.Len() }

// Grow makes room for n more changes the size of those queued so far (of a
// plain /32 route when the batch is empty), so that a batch of known length
// is built without copying it as it grows.
func (b *Batch) Grow(n int) {
	per := 64
	if k := b.b.Len(); k > 0 {
		per = (b.b.Size() + k - 1) / k
	}
	b.b.Grow(n, n*per)
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() { b.b.Reset() }

func (b *Batch) queue(v verb, dst netip.Prefix, gw netip.Addr, opts []Option) error {
	if err := v.build(&b.r, dst, gw, opts); err != nil {
		return err
	}
	b.b.End(b.r.Append(b.b.Begin(v.typ, v.flags)))
	return nil
}

// Apply sends every change in b and waits until the kernel processed them
// all. Every change is attempted; if some failed, the error is a
// *nlsock.BatchError whose Failures list every failed change with its index
// in b and the kernel's error (errno and extended-ack message), whose
// message names them all, and for which errors.Is sees each errno (e.g.
// unix.EEXIST). Apply grows the socket's receive buffer so that the
// kernel's answer to every change of a write fits (as root; otherwise it
// writes fewer changes at a time), so no failure goes unreported.
func (c *Client) Apply(ctx context.Context, b *Batch) error {
	return c.conn.ExecuteBatch(ctx, "route batch", &b.b)
}
