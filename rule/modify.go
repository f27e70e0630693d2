package rule

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/client"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Add adds a rule made of opts' selectors and action, as `ip rule add`:
// family IPv4 unless an address or Family says otherwise; action lookup of
// table main unless Lookup, Goto, Action or L3MDEV says otherwise. An
// identical rule fails with EEXIST (NLM_F_CREATE|NLM_F_EXCL).
func (c *Client) Add(ctx context.Context, opts ...Option) error {
	return c.modify(ctx, verbAdd, opts)
}

// Delete removes the first rule matching opts, as `ip rule del`: what is
// given must match, what is not given matches anything (Priority alone
// names a rule). No match fails with ENOENT.
func (c *Client) Delete(ctx context.Context, opts ...Option) error {
	return c.modify(ctx, verbDelete, opts)
}

type verb struct {
	name  string
	op    string // the request's name in errors
	typ   uint16
	flags uint16
	del   bool
}

// ruleMsg is the schema's rule message: the requests' RTM_NEWRULE and RTM_DELRULE
// come from it.
var ruleMsg = (*rtnl.Rule)(nil).MessageInfo()

var (
	verbAdd    = verb{"add", "rule add", ruleMsg.NewType, unix.NLM_F_CREATE | unix.NLM_F_EXCL, false}
	verbDelete = verb{"del", "rule del", ruleMsg.DelType, 0, true}
)

// scratch is the memory of one request being built and sent, reused
// through scratchPool: an Option is a function the compiler cannot see
// into, so the request handed to it escapes to the heap, and without reuse
// every call would allocate it and its message.
type scratch struct {
	req request
	msg rtnl.Rule
	buf []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Request builds the message a verb ("add" or "del") would send, without
// sending it.
func Request(name string, opts ...Option) (*rtnl.Rule, error) {
	for _, v := range []verb{verbAdd, verbDelete} {
		if v.name == name || name == "delete" && v.del {
			m := new(rtnl.Rule)
			q := &request{msg: m}
			if err := q.build(v, opts); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	return nil, errors.New("rule: unknown verb " + name)
}

func (c *Client) modify(ctx context.Context, v verb, opts []Option) error {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.req = request{msg: &s.msg}
	if err := s.req.build(v, opts); err != nil {
		return err
	}
	s.buf = s.msg.Append(s.buf[:0])
	return c.conn.Execute(ctx, v.op, v.typ, v.flags, s.buf)
}

// build fills q.msg: the options, then the family and v's defaults.
func (q *request) build(v verb, opts []Option) error {
	m := q.msg
	m.Reset()
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("rule: option %d is nil", i)
		}
		if err := o(q); err != nil {
			return err
		}
	}
	h := &m.Header
	if h.Family == 0 {
		h.Family = rtnl.AF_INET
	}
	if m.Has(rtnl.FRA_L3MDEV) && (h.Table != 0 || m.Has(rtnl.FRA_TABLE)) {
		return errors.New("rule: l3mdev rules take no table")
	}
	if v.del {
		return nil
	}
	if !q.actionGiven {
		h.Action = rtnl.FR_ACT_TO_TBL
	}
	if !q.tableGiven {
		h.Table = uint8(rtnl.RT_TABLE_MAIN)
	}
	return nil
}

// Flush removes every rule f matches except those of priority 0 (the
// local table's, which the kernel sends without FRA_PRIORITY), as `ip rule
// flush` — which includes the default rules
// of the main and default tables: re-add them if they are wanted. It
// returns how many it removed.
func (c *Client) Flush(ctx context.Context, f Filter) (int, error) {
	var b nlsock.Batch
	for r, err := range c.All(ctx, f) {
		if r == nil {
			return 0, err
		}
		if err != nil || !r.Has(rtnl.FRA_PRIORITY) || r.Priority == 0 {
			continue
		}
		b.End(r.Append(b.Begin(ruleMsg.DelType, 0)))
	}
	return client.Flush(ctx, c.conn, "rule flush", &b, unix.ENOENT)
}
