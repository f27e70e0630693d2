package reconcile

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// Reconciler owns the routes of one protocol (and optionally some tables)
// in one namespace and keeps the kernel's copy equal to a desired set.
// Its methods are safe for concurrent use; at most one Run at a time.
type Reconciler struct {
	cfg    Config
	client *route.Client
	scopes []scopeKey

	mu      sync.Mutex
	desired map[packedKey]*entry
	haveSet bool // Set was called: extras may be deleted
	gen     uint64
	read    map[scopeKey]scopeState
	stats   Stats
	changed chan struct{} // closed and replaced when state changes

	// work the monitor asked for, taken by the loop
	dirty      map[scopeKey]bool
	urgent     bool
	fullReason string
	kick       chan struct{}

	running atomic.Bool
	// dropEvent, when set (tests), makes Run lose the notifications it
	// returns true for, as a lossy multicast socket would without telling.
	dropEvent func() bool
	passMu    sync.Mutex // one pass at a time
	// holderDumps counts the table dumps holders fell back to (tests).
	holderDumps atomic.Int64

	// scratch, used with mu held
	kval  value
	batch route.Batch
	del   rtnl.Route
}

// entry is one desired route and its state.
type entry struct {
	d        Desired
	status   Status
	holder   rtnl.Protocol
	err      error
	attempts int
	next     time.Time // no write before this
	backoff  time.Duration
	perm     bool // permanent failure: no retry until the route changes

	seen       uint64   // gen of the read that last saw the key
	ok         bool     // that read found it as desired
	unreadable uint64   // gen of a read that found the key held by a route it could not decode
	dups       [][]byte // the read seen's owned routes of the key besides the kept one (exactDelete requests)
	differs    string   // what the read seen found different, when !ok
}

// scopeState is what the last read of one scope found.
type scopeState struct {
	done    bool  // read at least once, completely
	extras  []Key // owned routes not desired
	unknown int   // owned routes that could not be decoded
}

// New opens a Reconciler for cfg. It reads and writes nothing until Plan,
// Apply or Run. Close releases its socket.
func New(cfg Config) (*Reconciler, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	c, err := route.Open(route.InNamespace(cfg.NetNS))
	if err != nil {
		return nil, fmt.Errorf("reconcile: %w", err)
	}
	return &Reconciler{
		cfg:     cfg,
		client:  c,
		scopes:  cfg.scopes(),
		desired: map[packedKey]*entry{},
		read:    map[scopeKey]scopeState{},
		stats:   Stats{FullResyncs: map[string]uint64{}, Writes: map[WriteCount]uint64{}},
		changed: make(chan struct{}),
		dirty:   map[scopeKey]bool{},
		kick:    make(chan struct{}, 1),
	}, nil
}

// Close closes the Reconciler's socket. Run must have returned.
func (r *Reconciler) Close() error { return r.client.Close() }

// prepare checks d against the scope and stamps the owner's protocol.
func (r *Reconciler) prepare(d Desired) (Desired, error) {
	if f := r.cfg.Family; f != 0 && d.key.Family != f {
		return Desired{}, fmt.Errorf("reconcile: route %s is not of the owned family %s", d.key.Dst, f)
	}
	if _, ok := r.cfg.scopeOf(d.key); !ok {
		return Desired{}, fmt.Errorf("reconcile: route %s is in table %d, outside the owned tables %v", d.key.Dst, d.key.Table, r.cfg.Tables)
	}
	return d.withProtocol(r.cfg.Protocol), nil
}

// Set makes routes the whole desired state: routes owned (Config.Protocol,
// in scope) and not in it are deleted by the next pass. Until the first
// Set nothing is deleted, only added or repaired (Upsert); owned routes
// sharing a desired route's Key beside it (Duplicate) are deleted even
// then, the key being desired. Two desired routes with the same Key are
// an error (one key holds one desired route: give IPv6 same-metric
// gateways as one Multipath route), as is a route outside the owned
// tables or family; then nothing changes.
func (r *Reconciler) Set(routes []Desired) error {
	next := make(map[packedKey]*entry, len(routes))
	slab := make([]entry, len(routes)) // one allocation, not one per route
	for i := range routes {
		d, err := r.prepare(routes[i])
		if err != nil {
			return err
		}
		e := &slab[i]
		e.d = d
		pk := d.key.packed()
		if prev := next[pk]; prev != nil {
			return fmt.Errorf("reconcile: routes %d and another share the key %s (%s and %s); the kernel keeps one route per key", i+1, d.key, prev.d, d)
		}
		next[pk] = e
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.desired) > 0 {
		for k, e := range next {
			if old := r.desired[k]; old != nil && old.d.equal(&e.d) {
				next[k] = old // unchanged: keep its state
			}
		}
	}
	r.desired = next
	r.haveSet = true
	r.markAllLocked("")
	return nil
}

// Upsert adds d to the desired state, or replaces the desired route with
// its Key.
func (r *Reconciler) Upsert(d Desired) error {
	d, err := r.prepare(d)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old := r.desired[d.key.packed()]; old == nil || !old.d.equal(&d) {
		r.desired[d.key.packed()] = &entry{d: d}
	}
	r.markLocked(d.key)
	return nil
}

// Remove takes the route of key k out of the desired state; once Set has
// been called, the next pass deletes it from the kernel.
func (r *Reconciler) Remove(k Key) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.desired, k.packed())
	r.markLocked(k)
}

// Status returns the state of the desired route of key k.
func (r *Reconciler) Status(k Key) (RouteStatus, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.desired[k.packed()]
	if e == nil {
		return RouteStatus{}, false
	}
	return e.statusLocked(), true
}

// Statuses returns the state of every desired route, in no order.
func (r *Reconciler) Statuses() []RouteStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]RouteStatus, 0, len(r.desired))
	for _, e := range r.desired {
		out = append(out, e.statusLocked())
	}
	return out
}

func (e *entry) statusLocked() RouteStatus {
	s := RouteStatus{Route: e.d, Status: e.status, Err: e.err, Attempts: e.attempts}
	if e.status == Conflict {
		s.Holder = e.holder
	}
	if !e.perm && e.status != Programmed {
		s.NextRetry = e.next
	}
	return s
}

// Stats returns a copy of the counters.
func (r *Reconciler) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.FullResyncs = make(map[string]uint64, len(r.stats.FullResyncs))
	for k, v := range r.stats.FullResyncs {
		s.FullResyncs[k] = v
	}
	s.Writes = make(map[WriteCount]uint64, len(r.stats.Writes))
	for k, v := range r.stats.Writes {
		s.Writes[k] = v
	}
	return s
}

// WaitConverged returns nil once a read finds the kernel as desired:
// every desired route Programmed and, after Set, no owned route left that
// is not desired. It needs Run (or Apply) to make progress.
func (r *Reconciler) WaitConverged(ctx context.Context) error {
	for {
		r.mu.Lock()
		ok, ch := r.stats.Converged, r.changed
		r.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("reconcile: not converged: %w", context.Cause(ctx))
		case <-ch:
		}
	}
}

// notifyLocked wakes WaitConverged callers.
func (r *Reconciler) notifyLocked() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// markLocked asks the loop to re-read the scope of k.
func (r *Reconciler) markLocked(k Key) {
	if sk, ok := r.cfg.scopeOf(k); ok {
		r.dirty[sk] = true
	}
	r.stats.Converged = false
	r.wake()
}

// markAllLocked asks the loop to re-read the whole scope; reason, when
// given, is counted as a full resync.
func (r *Reconciler) markAllLocked(reason string) {
	for _, sk := range r.scopes {
		r.dirty[sk] = true
	}
	if reason != "" && r.fullReason == "" {
		r.fullReason = reason
	}
	r.stats.Converged = false
	r.wake()
}

func (r *Reconciler) wake() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}
