package reconcile

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/sys/unix"
)

// Change is one write a plan calls for.
type Change struct {
	Op     Op
	Reason Reason
	Key    Key
	// Route is the desired route an add or replace installs; nil for a
	// delete (the route is named by Key).
	Route *Desired
	// Differs names, for a Modified replace, what the kernel's route has
	// differently ("next hops", "mtu", "encap", ...).
	Differs string
	// exact is, for a delete of a Duplicate, the encoded request that
	// deletes exactly the listed route (exactDelete); nil deletes by Key.
	exact []byte
}

// String is the change in `ip route` words, with its reason; interfaces
// by index ("dev #3"). Format names them.
func (c Change) String() string { return c.Format(nil) }

// Format is String with interface names from name (nil, or an empty
// answer: "#index").
func (c Change) Format(name func(ifindex uint32) string) string {
	switch {
	case c.Op == OpDelete && c.exact != nil:
		return fmt.Sprintf("delete %s (%s)", describeExact(c.exact, name), c.Reason)
	case c.Op == OpDelete:
		return fmt.Sprintf("delete %s (%s)", c.Key, c.Reason)
	case c.Reason == Modified && c.Differs != "":
		return fmt.Sprintf("%s %s (%s: %s)", c.Op, c.Route.Format(name), c.Reason, c.Differs)
	}
	return fmt.Sprintf("%s %s (%s)", c.Op, c.Route.Format(name), c.Reason)
}

// Plan is what a pass would write: adds and replaces first (they are
// sent first, so a route whose key changed is made before the old one is
// broken), then deletes; within each, in key order (up to sortedPlanMax
// changes; a bigger plan, such as a first install, is not sorted, to keep
// it cheap — String sorts).
type Plan struct {
	Changes []Change
	// Unknown counts owned routes in the kernel that could not be
	// decoded; they are never deleted.
	Unknown int
}

// sortedPlanMax is the largest plan kept in key order.
const sortedPlanMax = 4096

// Empty reports whether the plan writes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// String lists the changes, one per line.
func (p *Plan) String() string { return p.Format(nil) }

// Format is String with interface names from name (see Change.Format).
func (p *Plan) Format(name func(ifindex uint32) string) string {
	var b strings.Builder
	cs := p.Changes
	if len(cs) > sortedPlanMax {
		cs = slices.Clone(cs)
		i := slices.IndexFunc(cs, func(c Change) bool { return c.Op == OpDelete })
		if i < 0 {
			i = len(cs)
		}
		sortChanges(cs[:i])
		sortChanges(cs[i:])
	}
	for _, c := range cs {
		b.WriteString(c.Format(name))
		b.WriteByte('\n')
	}
	if p.Unknown > 0 {
		fmt.Fprintf(&b, "# %d owned routes could not be decoded and are left alone\n", p.Unknown)
	}
	return b.String()
}

// readLocked dumps scope sk (kernel-filtered: family, table, protocol) and
// records for every desired route whether this read (gen) saw it and
// found it as desired; it keeps the owned routes that are not desired.
// A table that does not exist (ENOENT) is empty. After an error the scope
// counts as unread: nothing is deleted from it until a read completes.
func (r *Reconciler) readLocked(ctx context.Context, sk scopeKey, gen uint64) error {
	f := route.Filter{Family: sk.family, Table: rtnl.Table(sk.table), Protocol: r.cfg.Protocol}
	return r.readFromLocked(sk, gen, r.client.All(ctx, f))
}

// readFromLocked is readLocked over the dump routes.
func (r *Reconciler) readFromLocked(sk scopeKey, gen uint64, routes iter.Seq2[*rtnl.Route, error]) error {
	st := r.read[sk]
	extras := st.extras[:0]
	unknown := 0
	for kr, err := range routes {
		if err != nil {
			var de *nlwire.DecodeError
			switch {
			case errors.As(err, &de) && kr != nil:
				// One undecodable route; the dump goes on. Its key
				// is known (the header decoded), its content not:
				// it is neither deleted nor rewritten (a rewrite
				// would read back undecodable again, every pass).
				unknown++
				if e := r.desired[KeyOf(kr).packed()]; e != nil && e.d.key.Family == sk.family {
					e.seen, e.ok, e.unreadable = gen, false, gen
				}
				continue
			case errors.As(err, &de):
				r.read[sk] = scopeState{extras: extras[:0]}
				return fmt.Errorf("reconcile: reading %s: %w (nothing written in that scope)", sk, err)
			case errors.Is(err, unix.ENOENT):
				// A strict dump of a table that does not exist.
				clear(extras)
				r.read[sk] = scopeState{done: true, extras: extras[:0]}
				return nil
			}
			// Not a complete read: forget the scope's extras (this
			// read reused their memory) until one is.
			r.read[sk] = scopeState{extras: extras[:0]}
			return fmt.Errorf("reconcile: reading %s: %w", sk, err)
		}
		if kr.Header.Protocol != r.cfg.Protocol || kr.Header.Family != sk.family {
			continue // a kernel that ignored the filter
		}
		k := KeyOf(kr)
		if sk.table != 0 && k.Table != sk.table {
			continue
		}
		if e := r.desired[k.packed()]; e != nil {
			canon(&r.kval, kr)
			m := matches(&e.d.val, &r.kval)
			if e.seen != gen {
				// The first owned route of this key in this read.
				e.seen, e.ok, e.dups, e.differs = gen, m, e.dups[:0], ""
				if !m {
					e.differs = differences(&e.d.val, &r.kval)
					e.dups = append(e.dups, exactDelete(kr))
				}
				continue
			}
			// Another owned route of the same key (IPv4 append, IPv6
			// different next hops): the first that matches is kept,
			// every other is a duplicate.
			if m && !e.ok {
				e.ok = true
				continue
			}
			e.dups = append(e.dups, exactDelete(kr))
			continue
		}
		extras = append(extras, k)
	}
	r.read[sk] = scopeState{done: true, extras: extras, unknown: unknown}
	return nil
}

// String names the read for errors: "IPv4 table 254", "IPv6 all tables".
func (sk scopeKey) String() string {
	fam := "IPv4"
	if sk.family == rtnl.AF_INET6 {
		fam = "IPv6"
	}
	if sk.table == 0 {
		return fam + " routes, every table"
	}
	return fmt.Sprintf("%s routes, table %d", fam, sk.table)
}

// planLocked lists the changes for the scopes just read (gen). With dry
// it plans every difference; otherwise routes waiting for a retry or
// failed permanently are left out, and statuses are updated.
func (r *Reconciler) planLocked(read []scopeKey, gen uint64, now time.Time, dry bool) Plan {
	var p Plan
	if n := r.pendingLocked(gen); n > 0 {
		p.Changes = make([]Change, 0, n)
	}
	covered := func(k Key) bool {
		for _, sk := range read {
			if sk.covers(k) {
				return true
			}
		}
		return false
	}
	for _, e := range r.desired {
		k := e.d.key
		if !covered(k) {
			continue
		}
		if e.seen != gen {
			e.dups = e.dups[:0]
		}
		if e.seen == gen && e.ok {
			if !dry && e.status != Programmed {
				e.status, e.err, e.attempts, e.backoff, e.next, e.perm = Programmed, nil, 0, 0, time.Time{}, false
			}
			// The owned routes beside it with its key go, each
			// deleted exactly (the desired one stays).
			for _, w := range e.dups {
				p.Changes = append(p.Changes, Change{Op: OpDelete, Reason: Duplicate, Key: k, exact: w})
			}
			continue
		}
		if e.unreadable == gen {
			if !dry {
				e.status = Pending
				e.err = fmt.Errorf("reconcile: the kernel's route at %s could not be decoded; it is left alone", k)
			}
			continue
		}
		c := Change{Op: OpAdd, Reason: Missing, Key: k, Route: &e.d}
		if e.seen == gen {
			// No owned route of the key matches: the replace rewrites
			// the first (the kernel's NLM_F_REPLACE takes the first
			// of the key); the next read deletes any others.
			c.Op, c.Reason, c.Differs = OpReplace, Modified, e.differs
		} else if r.cfg.TakeOver {
			c.Op = OpReplace
		}
		if !dry {
			if e.status == Programmed {
				e.status = Pending
			}
			if e.perm || now.Before(e.next) {
				continue
			}
		}
		p.Changes = append(p.Changes, c)
	}
	nadd := len(p.Changes)
	for _, sk := range read {
		st := r.read[sk]
		p.Unknown += st.unknown
		if !r.haveSet {
			continue // nothing is deleted before the first desired state
		}
		for _, k := range st.extras {
			if r.desired[k.packed()] == nil {
				p.Changes = append(p.Changes, Change{Op: OpDelete, Reason: Extra, Key: k})
			}
		}
	}
	if len(p.Changes) <= sortedPlanMax {
		sortChanges(p.Changes[:nadd])
		sortChanges(p.Changes[nadd:])
	}
	return p
}

// convergedLocked reports whether every scope was read and the reads found
// every desired route as desired and (after Set) no extra owned route.
func (r *Reconciler) convergedLocked() bool {
	for _, sk := range r.scopes {
		st := r.read[sk]
		if !st.done || r.haveSet && len(st.extras) > 0 || r.dirty[sk] {
			return false
		}
	}
	for _, e := range r.desired {
		if e.status != Programmed || len(e.dups) > 0 && e.ok {
			return false
		}
	}
	return true
}

// Plan reads the whole scope from the kernel and returns what Apply would
// write, without writing (a dry run). Backoff is ignored: every difference
// is listed.
func (r *Reconciler) Plan(ctx context.Context) (Plan, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	gen := r.gen
	for _, sk := range r.scopes {
		if err := r.readLocked(ctx, sk, gen); err != nil {
			return Plan{}, err
		}
	}
	return r.planLocked(r.scopes, gen, time.Now(), true), nil
}

// Apply reads the whole scope, writes what differs (in batches, adds and
// replaces before deletes) and returns what it wrote. Running it again on
// an unchanged kernel writes nothing. The error, if any, joins every
// failed write, each naming its route and the kernel's error; the
// statuses (Status, Statuses) classify them.
func (r *Reconciler) Apply(ctx context.Context) (Plan, error) {
	p, _, err := r.pass(ctx, r.scopes, true)
	return p, err
}

// nlsockError extracts the errno of a write failure.
func errnoOf(err error) unix.Errno {
	var e *nlsock.Error
	if errors.As(err, &e) {
		return e.Errno
	}
	var en unix.Errno
	if errors.As(err, &en) {
		return en
	}
	return 0
}

// pendingLocked counts the desired routes the read gen did not find as
// desired: about the size of the plan, to allocate it once.
func (r *Reconciler) pendingLocked(gen uint64) int {
	n := 0
	for _, e := range r.desired {
		if e.seen != gen || !e.ok {
			n++
		}
	}
	return n
}
