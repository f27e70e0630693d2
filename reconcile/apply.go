package reconcile

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/sys/unix"
)

// sortChanges orders changes by key, for output that does not depend on
// map order.
func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int {
		if a.Key.Family != b.Key.Family {
			return int(a.Key.Family) - int(b.Key.Family)
		}
		if a.Key.Table != b.Key.Table {
			return int(a.Key.Table) - int(b.Key.Table)
		}
		if c := a.Key.Dst.Addr().Compare(b.Key.Dst.Addr()); c != 0 {
			return c
		}
		if a.Key.Dst.Bits() != b.Key.Dst.Bits() {
			return a.Key.Dst.Bits() - b.Key.Dst.Bits()
		}
		return int(a.Key.Metric) - int(b.Key.Metric)
	})
}

// class is what a failed write means for its route.
type class uint8

const (
	classTransient class = iota // retry on backoff
	classBlocked                // waits for a link, address or nexthop
	classPermanent              // not retried until the route changes
	classExists                 // EEXIST: re-read to see who holds the key
	classGone                   // ESRCH on delete: already gone, success
)

// classify sorts a write error by errno and, where the kernel says more
// with the same errno, by the attribute it points at (extended ack
// NLMSGERR_ATTR_OFFS, an offset into req, the request's struct rtmsg and
// attributes). Only where the kernel gives no offset, as for most route
// errors (fib_create_info and ip6_route_info_create set a message only),
// is its English message matched: a documented fallback that names each
// message the kernel sets for a missing link, address, gateway or nexthop
// object.
func classify(op Op, req []byte, err error) class {
	var ne *nlsock.Error
	msg := ""
	off := -1
	if errors.As(err, &ne) {
		msg = strings.ToLower(ne.Message)
		off = ne.Offset
	}
	switch errno := errnoOf(err); {
	case op == OpDelete && errno == unix.ESRCH:
		return classGone
	case errno == unix.EEXIST:
		return classExists
	case errno == unix.ENETDOWN, errno == unix.ENODEV, errno == unix.ENETUNREACH, errno == unix.EHOSTUNREACH,
		errno == unix.EADDRNOTAVAIL:
		return classBlocked
	case errno == unix.EINVAL && off >= 0 && attrAt(req, off) != 0:
		switch attrAt(req, off) {
		case rtnl.RTA_PREFSRC, rtnl.RTA_GATEWAY, rtnl.RTA_VIA, rtnl.RTA_OIF, rtnl.RTA_NH_ID, rtnl.RTA_MULTIPATH:
			return classBlocked // what it names may yet appear
		}
		return classPermanent
	case errno == unix.EINVAL && blockedMessage(msg):
		return classBlocked
	case errno == unix.EINVAL, errno == unix.EOPNOTSUPP, errno == unix.ERANGE,
		errno == unix.EAFNOSUPPORT, errno == unix.EPROTONOSUPPORT, errno == unix.EMSGSIZE:
		return classPermanent
	}
	return classTransient
}

// blockedMessages are the kernel's extended-ack messages (lowercased) for
// an EINVAL that a link, address, gateway or nexthop object appearing
// later can cure: net/ipv4/fib_semantics.c ("invalid prefsrc address",
// "nexthop has invalid gateway"), net/ipv6/route.c ("invalid source
// address", "invalid gateway address"), net/ipv4/nexthop.c ("nexthop id
// does not exist"), and device lookups.
var blockedMessages = []string{
	"invalid gateway", "nexthop has invalid gateway", "nexthop id does not exist",
	"device is not up", "no such device", "invalid prefsrc address", "invalid source address",
}

func blockedMessage(msg string) bool {
	for _, m := range blockedMessages {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// attrAt is the type of the top-level attribute of the request req
// (struct rtmsg, then attributes) that begins at or contains off, an
// offset from the netlink header as NLMSGERR_ATTR_OFFS gives it; 0 when
// none.
func attrAt(req []byte, off int) uint16 {
	const nlmsghdr = 16
	pos := nlmsghdr + rtnl.SizeofRtMsg
	if off < pos || len(req) < rtnl.SizeofRtMsg {
		return 0
	}
	for rest := req[rtnl.SizeofRtMsg:]; len(rest) > 0; {
		typ, _, next, ok := nlwire.Attr(rest)
		if !ok {
			return 0
		}
		end := pos + len(rest) - len(next)
		if off < end {
			return typ & nlwire.TypeMask
		}
		pos, rest = end, next
	}
	return 0
}

// requestOf is the encoded request of c, for classify.
func requestOf(c *Change) []byte {
	switch {
	case c.exact != nil:
		return c.exact
	case c.Route != nil:
		return c.Route.wire
	}
	return nil
}

// pass reads scopes, plans, writes and records the outcome. It returns
// the plan it carried out and whether anything was written.
func (r *Reconciler) pass(ctx context.Context, scopes []scopeKey, full bool) (Plan, bool, error) {
	r.passMu.Lock()
	defer r.passMu.Unlock()
	start := time.Now()
	r.mu.Lock()
	r.gen++
	gen := r.gen
	var errs []error
	var ok []scopeKey
	interrupted := false
	for _, sk := range scopes {
		delete(r.dirty, sk) // an event during the read marks it again
		if err := r.readLocked(ctx, sk, gen); err != nil {
			errs = append(errs, err)
			r.dirty[sk] = true
			if errors.Is(err, nlsock.ErrDumpInterrupted) {
				interrupted = true
			}
			continue
		}
		ok = append(ok, sk)
	}
	if interrupted {
		r.stats.FullResyncs["dump interrupted"]++
		r.urgent = true
		for _, sk := range r.scopes {
			r.dirty[sk] = true
		}
	}
	now := time.Now()
	p := r.planLocked(ok, gen, now, false)
	r.mu.Unlock()

	results := r.write(ctx, p.Changes)

	// EEXIST: who holds the key? One read of each table concerned, every
	// protocol (the scope's own reads see only the owner's routes).
	var exists []Key
	for i, c := range p.Changes {
		if results[i] != nil && classify(c.Op, requestOf(&c), results[i]) == classExists {
			exists = append(exists, c.Key)
		}
	}
	holders, herr := r.holders(ctx, exists)
	if herr != nil {
		errs = append(errs, herr)
	}

	r.mu.Lock()
	now = time.Now()
	wrote := false
	var writes []Write
	onWrite := r.cfg.OnWrite
	for i := range p.Changes {
		c := &p.Changes[i]
		err := results[i]
		cl := classGone
		if err != nil {
			cl = classify(c.Op, requestOf(c), err)
		}
		if err == nil || cl == classGone {
			wrote = true
			r.stats.Writes[WriteCount{Op: c.Op}]++
			switch c.Reason {
			case Missing:
				r.stats.RepairedMissing++
			case Modified:
				r.stats.RepairedModified++
			case Extra, Duplicate:
				r.stats.RepairedExtra++
			}
			if e := r.desired[c.Key.packed()]; e != nil && c.Op != OpDelete {
				e.status = Pending // until a read finds it
			}
			r.markLocked(c.Key)
			if onWrite != nil {
				writes = append(writes, Write{Change: *c})
			}
			continue
		}
		r.stats.Writes[WriteCount{Op: c.Op, Errno: errnoOf(err)}]++
		kerr := err
		err = fmt.Errorf("reconcile: %s: %w", c, err)
		e := r.desired[c.Key.packed()]
		if c.Op == OpDelete || e == nil || &e.d != c.Route {
			if onWrite != nil {
				writes = append(writes, Write{Change: *c, Err: kerr})
			}
			errs = append(errs, err)
			r.markLocked(c.Key) // retried by the next pass that reads it
			continue
		}
		e.err = err
		e.attempts++
		switch cl {
		case classExists:
			if h, found := holders[c.Key]; found && h != r.cfg.Protocol {
				e.status, e.holder = Conflict, h
				e.err = &ConflictError{Route: c.Route.String(), Holder: h, Err: kerr}
				r.backoffLocked(e, now)
			} else {
				// Ours after all, or gone again: re-read now, and
				// back off if it keeps happening.
				e.status, e.next = Pending, time.Time{}
				if e.attempts > 1 {
					r.backoffLocked(e, now)
				}
				r.markLocked(c.Key)
			}
		case classBlocked:
			e.status = Blocked
			r.backoffLocked(e, now)
		case classPermanent:
			e.status, e.perm = Failed, true
		default:
			e.status = Failed
			r.backoffLocked(e, now)
		}
		if onWrite != nil {
			w := Write{Change: *c, Err: kerr, Status: e.status}
			if e.status == Conflict {
				w.Holder = e.holder
			}
			writes = append(writes, w)
		}
		errs = append(errs, e.err)
	}
	r.stats.Passes++
	r.stats.LastPass = time.Since(start)
	r.stats.Unknown = 0
	for _, sk := range r.scopes {
		r.stats.Unknown += r.read[sk].unknown
	}
	if full {
		r.stats.Converged = r.convergedLocked()
	} else {
		r.stats.Converged = len(p.Changes) == 0 && r.convergedLocked()
	}
	err := errors.Join(errs...)
	r.stats.LastErr = err
	r.notifyLocked()
	r.mu.Unlock()
	if onWrite != nil {
		for _, w := range writes {
			onWrite(w)
		}
	}
	return p, wrote, err
}

// backoffLocked schedules e's next attempt: doubling from MinBackoff up to
// MaxBackoff, jittered by ±10%.
func (r *Reconciler) backoffLocked(e *entry, now time.Time) {
	switch {
	case e.backoff == 0:
		e.backoff = r.cfg.MinBackoff
	default:
		e.backoff = min(2*e.backoff, r.cfg.MaxBackoff)
	}
	j := time.Duration(float64(e.backoff) * (0.9 + 0.2*rand.Float64()))
	e.next = now.Add(j)
}

// write sends the changes, adds and replaces in one batch and deletes in
// a second, and returns each change's error (nil: done).
func (r *Reconciler) write(ctx context.Context, cs []Change) []error {
	results := make([]error, len(cs))
	if len(cs) == 0 {
		return results
	}
	idx := make([]int, 0, len(cs))
	send := func(del bool) {
		r.batch.Reset()
		r.batch.Grow(len(cs)) // room for every change at once, not grown by doubling
		idx = idx[:0]
		for i := range cs {
			c := &cs[i]
			if (c.Op == OpDelete) != del {
				continue
			}
			var err error
			switch c.Op {
			case OpAdd:
				err = r.batch.AddEncoded(c.Route.wire)
			case OpReplace:
				err = r.batch.ReplaceEncoded(c.Route.wire)
			case OpDelete:
				if c.exact != nil {
					err = r.batch.DeleteEncoded(c.exact)
					break
				}
				deleteMsg(&r.del, c.Key, r.cfg.Protocol)
				err = r.batch.DeleteRoute(&r.del)
			}
			if err != nil {
				results[i] = err
				continue
			}
			idx = append(idx, i)
		}
		if r.batch.Len() == 0 {
			return
		}
		err := r.client.Apply(ctx, &r.batch)
		if err == nil {
			return
		}
		var be *nlsock.BatchError
		if !errors.As(err, &be) {
			for _, i := range idx {
				results[i] = err
			}
			return
		}
		for _, f := range be.Failures {
			if f.Index >= 0 && f.Index < len(idx) {
				results[idx[f.Index]] = f.Err
			}
		}
		for j := be.Sent; j < len(idx); j++ {
			if results[idx[j]] == nil {
				results[idx[j]] = fmt.Errorf("not sent: %w", be.Err)
			}
		}
	}
	send(false) // make before break: every add and replace first
	send(true)
	return results
}

// holders finds the protocol of the route holding each key. Each key is
// first looked up with one targeted RTM_GETROUTE (RTM_F_FIB_MATCH, with
// its TOS: the kernel answers with the FIB entry it matched, protocol and
// table included); where that answer is not the key's route (a table the
// rules do not reach first, a more specific route covering the
// destination, a lower metric first, a reject route answering with its
// error, a source-routed IPv6 key), each table concerned is read once for
// this pass, every protocol: a strict
// dump filters on table, protocol, type and device but not on the
// destination.
func (r *Reconciler) holders(ctx context.Context, keys []Key) (map[Key]rtnl.Protocol, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	out := make(map[Key]rtnl.Protocol, len(keys))
	want := map[Key]bool{}
	tables := map[scopeKey]bool{}
	for _, k := range keys {
		if p, ok := r.lookupHolder(ctx, k); ok {
			out[k] = p
			continue
		}
		want[k] = true
		tables[scopeKey{k.Family, k.Table}] = true
	}
	var errs []error
	for sk := range tables {
		r.holderDumps.Add(1)
		f := route.Filter{Family: sk.family, Table: rtnl.Table(sk.table)}
		for kr, err := range r.client.All(ctx, f) {
			if err != nil {
				if kr != nil {
					continue
				}
				if !errors.Is(err, unix.ENOENT) {
					errs = append(errs, fmt.Errorf("reconcile: reading the holders of %s: %w", sk, err))
				}
				break
			}
			if k := KeyOf(kr); want[k] {
				if _, dup := out[k]; !dup || kr.Header.Protocol != r.cfg.Protocol {
					out[k] = kr.Header.Protocol // a foreign holder wins over an owned one
				}
			}
		}
	}
	return out, errors.Join(errs...)
}

// lookupHolder asks the kernel which FIB entry holds key k's destination
// in k's table; ok only if that entry is exactly k's route.
func (r *Reconciler) lookupHolder(ctx context.Context, k Key) (rtnl.Protocol, bool) {
	if k.Src.IsValid() && k.Src.Bits() > 0 {
		return 0, false
	}
	// Built here rather than by route.Get, to ask exactly this: no
	// table (a get request takes none, "Unsupported attribute in route
	// get request": the lookup goes through the rules, so only a key in
	// a table they reach, such as main, is found; any other answer is no
	// match), header fields zero but the TOS.
	var req rtnl.Route
	req.Header.Family = k.Family
	req.Header.DstLen = uint8(k.Dst.Addr().BitLen())
	req.Header.Tos = k.Tos
	req.Header.Flags = rtnl.RTM_F_FIB_MATCH
	req.SetDst(k.Dst.Addr())
	kr, err := dump.One[rtnl.Route](ctx, r.client.Conn(), "route get "+k.Dst.Addr().String(), req.Append(nil))
	if err != nil || kr == nil {
		return 0, false
	}
	if got := KeyOf(kr); got != k {
		return 0, false
	}
	return kr.Header.Protocol, true
}
