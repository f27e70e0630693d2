package reconcile

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlwire"
)

// monitorGroups are the notifications that can mean owned routes changed
// or can now be installed: those of links, addresses, routes and nexthop
// objects, as the schema assigns them.
var monitorGroups = groupsOf(new(rtnl.Link), new(rtnl.Addr), new(rtnl.Route), new(rtnl.NexthopObj))

// groupsOf are the groups a monitor of these message types joins, from the
// schema: each type's default groups, or all of its groups when it marks
// none default (nexthop).
func groupsOf(types ...nlwire.Described) []rtnl.Group {
	var out []rtnl.Group
	for _, t := range types {
		m := t.MessageInfo()
		gs := nlwire.DefaultGroups([]nlwire.MessageInfo{*m})
		if len(gs) == 0 {
			gs = m.Groups
		}
		for _, g := range gs {
			if !slices.Contains(out, rtnl.Group(g)) {
				out = append(out, rtnl.Group(g))
			}
		}
	}
	return out
}

// ErrRunning is returned by Run when another Run of the same Reconciler
// has not returned.
var ErrRunning = errors.New("reconcile: Run is already running")

// Run keeps the kernel converged until ctx is done, then returns
// context.Cause(ctx). It subscribes to route, link, address and nexthop
// notifications first, then reads the whole scope, so that no change falls
// between the two. Notifications only mark work: a burst is coalesced
// (Config.Debounce) into one pass over the tables it touched. A monitor
// overflow or an interrupted dump re-reads the whole scope at once; a full
// re-read also runs every Config.ResyncInterval (jittered), catching what
// the kernel removed without a notification. A link or address event
// re-arms Blocked routes and re-reads the scope (a link that came up gets
// its routes back). Failed writes are retried on per-route backoff. Run
// leaves no goroutine behind.
func (r *Reconciler) Run(ctx context.Context) error {
	if !r.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer r.running.Store(false)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	mon, err := monitor.Start(ctx, monitor.Options{
		NetNS:         r.cfg.NetNS,
		Groups:        monitorGroups,
		ReceiveBuffer: r.cfg.MonitorReceiveBuffer,
	})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer mon.Close()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ev, err := range mon.Events() {
			if err != nil {
				continue // an undecodable notification: a Resync follows
			}
			if r.dropEvent != nil && ev.Kind != monitor.Resync && r.dropEvent() {
				continue
			}
			r.event(ev)
		}
	}()

	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	defer debounce.Stop()
	armed := false
	periodic := time.NewTimer(r.resyncDelay())
	defer periodic.Stop()
	retry := time.NewTimer(time.Hour)
	retry.Stop()
	defer retry.Stop()

	r.mu.Lock()
	r.stats.FullResyncs["start"]++
	r.mu.Unlock()
	r.runPass(ctx, true, retry)
	for {
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-r.kick:
			r.mu.Lock()
			urgent := r.urgent
			r.mu.Unlock()
			if urgent {
				r.runPass(ctx, false, retry)
			} else if !armed {
				debounce.Reset(r.cfg.Debounce)
				armed = true
			}
		case <-debounce.C:
			armed = false
			r.runPass(ctx, false, retry)
		case <-periodic.C:
			r.mu.Lock()
			r.stats.FullResyncs["periodic"]++
			// What a Blocked route waits for may have come without
			// an event reaching us (a lost notification): the
			// periodic pass tries it again, whatever its backoff.
			for _, e := range r.desired {
				if e.status == Blocked {
					e.next = time.Time{}
				}
			}
			r.mu.Unlock()
			r.runPass(ctx, true, retry)
			periodic.Reset(r.resyncDelay())
		case <-retry.C:
			r.mu.Lock()
			for _, e := range r.desired {
				k := e.d.key
				if e.status != Programmed && !e.perm && !e.next.IsZero() && !time.Now().Before(e.next) {
					if sk, ok := r.cfg.scopeOf(k); ok {
						r.dirty[sk] = true
					}
				}
			}
			r.mu.Unlock()
			r.runPass(ctx, false, retry)
		}
	}
}

// resyncDelay is the next periodic re-read's delay, jittered by ±10%.
func (r *Reconciler) resyncDelay() time.Duration {
	if r.cfg.ResyncInterval < 0 {
		return 100 * 365 * 24 * time.Hour
	}
	return time.Duration(float64(r.cfg.ResyncInterval) * (0.9 + 0.2*rand.Float64()))
}

// runPass reads what is dirty (everything when full), writes, and sets the
// retry timer for the earliest route waiting on backoff.
func (r *Reconciler) runPass(ctx context.Context, full bool, retry *time.Timer) {
	r.mu.Lock()
	var scopes []scopeKey
	if r.fullReason != "" {
		r.stats.FullResyncs[r.fullReason]++
		r.fullReason = ""
		full = true
	}
	for _, sk := range r.scopes {
		if full || r.dirty[sk] {
			scopes = append(scopes, sk)
		}
	}
	r.urgent = false
	r.mu.Unlock()
	if len(scopes) > 0 && ctx.Err() == nil {
		r.pass(ctx, scopes, full) // errors are in the statuses and counters
	}
	r.mu.Lock()
	var next time.Time
	for _, e := range r.desired {
		if e.status != Programmed && !e.perm && !e.next.IsZero() && (next.IsZero() || e.next.Before(next)) {
			next = e.next
		}
	}
	again := r.urgent || len(r.dirty) > 0
	r.mu.Unlock()
	retry.Stop()
	if !next.IsZero() {
		retry.Reset(max(time.Until(next), time.Millisecond))
	}
	if again {
		r.wake()
	}
}

// event marks the work a notification calls for. It never reads the
// kernel: the pass that follows does.
func (r *Reconciler) event(ev *monitor.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case ev.Kind == monitor.Resync:
		r.stats.FullResyncs["monitor overflow"]++
		r.urgent = true
		r.markAllLocked("")
	case ev.Route() != nil:
		kr := ev.Route()
		if kr.Header.Family != rtnl.AF_INET && kr.Header.Family != rtnl.AF_INET6 {
			return
		}
		k := KeyOf(kr)
		e := r.desired[k.packed()]
		if kr.Header.Protocol != r.cfg.Protocol && e == nil {
			return // someone else's route at a key we do not want
		}
		if e != nil && (e.status == Conflict || e.status == Blocked) && ev.Kind == monitor.Del {
			e.next = time.Time{} // the holder or the obstacle may be gone
		}
		r.markLocked(k)
	case ev.Link() != nil, ev.Addr() != nil, ev.Nexthop() != nil:
		reason := "link"
		switch {
		case ev.Addr() != nil:
			reason = "address"
		case ev.Nexthop() != nil:
			reason = "nexthop"
		}
		for _, e := range r.desired {
			if e.status == Blocked || e.status == Failed && !e.perm {
				e.next = time.Time{}
			}
		}
		r.stats.Converged = false
		r.markAllLocked(reason)
	}
}
