package reconcile

import (
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/sys/unix"
)

// offline is a Reconciler without a socket, for the planning logic.
func offline(t *testing.T, cfg Config) *Reconciler {
	t.Helper()
	cfg.Protocol = testProto
	if err := cfg.fill(); err != nil {
		t.Fatal(err)
	}
	return &Reconciler{cfg: cfg, scopes: cfg.scopes(), desired: map[packedKey]*entry{}, read: map[scopeKey]scopeState{},
		dirty: map[scopeKey]bool{}, kick: make(chan struct{}, 1), changed: make(chan struct{}),
		stats: Stats{FullResyncs: map[string]uint64{}, Writes: map[WriteCount]uint64{}}}
}

// observe records a read (gen) of every scope that found the given
// desired routes (matching or not) and the extra owned keys.
func (r *Reconciler) observe(gen uint64, found map[Key]bool, extras ...Key) {
	for _, e := range r.desired {
		if ok, seen := found[e.d.key]; seen {
			e.seen, e.ok = gen, ok
		}
	}
	for _, sk := range r.scopes {
		var ex []Key
		for _, k := range extras {
			if sk.covers(k) {
				ex = append(ex, k)
			}
		}
		r.read[sk] = scopeState{done: true, extras: ex}
	}
}

func ops(p Plan) string {
	var b []string
	for _, c := range p.Changes {
		b = append(b, c.Op.String()+" "+c.Key.Dst.String()+" "+c.Reason.String())
	}
	return strings.Join(b, ", ")
}

func TestPlanOps(t *testing.T) {
	r := offline(t, Config{})
	same := mustRoute(t, "10.1.0.0/24", "10.0.0.2")
	changed := mustRoute(t, "10.2.0.0/24", "10.0.0.2")
	missing := mustRoute(t, "2001:db8:3::/64", "2001:db8::2")
	extra := mustRoute(t, "10.9.0.0/24", "10.0.0.2").Key()
	for _, d := range []Desired{same, changed, missing} {
		if err := r.Upsert(d); err != nil {
			t.Fatal(err)
		}
	}
	r.observe(1, map[Key]bool{same.Key(): true, changed.Key(): false}, extra)
	now := time.Now()
	if got, want := ops(r.planLocked(r.scopes, 1, now, true)), "replace 10.2.0.0/24 modified, add 2001:db8:3::/64 missing"; got != want {
		t.Errorf("before Set (nothing deleted):\n got %s\nwant %s", got, want)
	}
	if err := r.Set([]Desired{same, changed, missing}); err != nil {
		t.Fatal(err)
	}
	r.observe(2, map[Key]bool{same.Key(): true, changed.Key(): false}, extra)
	if got, want := ops(r.planLocked(r.scopes, 2, now, true)), "replace 10.2.0.0/24 modified, add 2001:db8:3::/64 missing, delete 10.9.0.0/24 extra"; got != want {
		t.Errorf("after Set:\n got %s\nwant %s", got, want)
	}
	// Statuses: matching is Programmed; a route waiting for a retry or
	// failed for good is left out of a real (not dry) plan.
	r.desired[changed.Key().packed()].next = now.Add(time.Minute)
	r.desired[missing.Key().packed()].perm = true
	if got, want := ops(r.planLocked(r.scopes, 2, now, false)), "delete 10.9.0.0/24 extra"; got != want {
		t.Errorf("with backoff and a permanent failure:\n got %s\nwant %s", got, want)
	}
	if st, _ := r.Status(same.Key()); st.Status != Programmed {
		t.Errorf("matching route is %s", st.Status)
	}
	// A key held by a route the decoder could not read: left alone.
	r.desired[changed.Key().packed()].next = time.Time{}
	r.desired[changed.Key().packed()].unreadable = 2
	if got, want := ops(r.planLocked(r.scopes, 2, now, false)), "delete 10.9.0.0/24 extra"; got != want {
		t.Errorf("with an undecodable kernel route:\n got %s\nwant %s", got, want)
	}
	if st, _ := r.Status(changed.Key()); st.Err == nil || !strings.Contains(st.Err.Error(), "could not be decoded") {
		t.Errorf("undecodable: %v", st.Err)
	}
}

func TestPlanTakeOverReplacesMissing(t *testing.T) {
	r := offline(t, Config{TakeOver: true, Tables: []uint32{100}})
	d := mustRoute(t, "10.1.0.0/24", "10.0.0.2", route.Table(100))
	if err := r.Set([]Desired{d}); err != nil {
		t.Fatal(err)
	}
	r.observe(1, nil)
	if got, want := ops(r.planLocked(r.scopes, 1, time.Now(), true)), "replace 10.1.0.0/24 missing"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if r.convergedLocked() {
		t.Error("converged with a route missing")
	}
}

func TestPlanStringSortsBigPlans(t *testing.T) {
	var p Plan
	for i := sortedPlanMax + 10; i > 0; i-- {
		d, err := Route(hostRoute(i), benchGW)
		if err != nil {
			t.Fatal(err)
		}
		p.Changes = append(p.Changes, Change{Op: OpAdd, Reason: Missing, Key: d.Key(), Route: &d})
	}
	p.Changes = append(p.Changes, Change{Op: OpDelete, Reason: Extra, Key: mustRoute(t, "10.0.0.0/32", "").Key()})
	lines := strings.Split(strings.TrimSpace(p.String()), "\n")
	if !strings.HasPrefix(lines[0], "add 10.1.0.1/32 ") || !strings.HasPrefix(lines[len(lines)-1], "delete 10.0.0.0/32 ") {
		t.Errorf("first %q, last %q", lines[0], lines[len(lines)-1])
	}
}

// seq yields the given (route, error) pairs, as a dump does.
func seq(items ...any) iter.Seq2[*rtnl.Route, error] {
	return func(yield func(*rtnl.Route, error) bool) {
		for i := 0; i < len(items); i += 2 {
			r, _ := items[i].(*rtnl.Route)
			err, _ := items[i+1].(error)
			if !yield(r, err) {
				return
			}
		}
	}
}

func kernelRoute(t *testing.T, d Desired, proto rtnl.Protocol) *rtnl.Route {
	m := d.Message()
	m.Header.Protocol = proto
	return &m
}

// TestReadNeverDeletesWhatItCannotRead: a dump that yields an undecodable
// route and goes on; the route is counted, not deleted, not rewritten.
func TestReadNeverDeletesWhatItCannotRead(t *testing.T) {
	r := offline(t, Config{})
	want := mustRoute(t, "10.1.0.0/24", "10.0.0.2")
	held := mustRoute(t, "10.2.0.0/24", "10.0.0.2") // desired, but its kernel route is undecodable
	if err := r.Set([]Desired{want, held}); err != nil {
		t.Fatal(err)
	}
	bad := &nlwire.DecodeError{Msg: "route", Attr: "RTA_MULTIPATH", Err: errors.New("truncated")}
	sk := scopeKey{rtnl.AF_INET, 0}
	err := r.readFromLocked(sk, 1, seq(
		kernelRoute(t, want, testProto), nil,
		kernelRoute(t, mustRoute(t, "10.3.0.0/24", "10.0.0.2"), testProto), bad, // not desired, undecodable
		kernelRoute(t, held, testProto), bad,
		kernelRoute(t, mustRoute(t, "10.4.0.0/24", "10.0.0.2"), testProto), nil, // not desired: extra
		kernelRoute(t, mustRoute(t, "10.5.0.0/24", "10.0.0.2"), rtnl.RTPROT_STATIC), nil, // a kernel that ignored the filter
	))
	if err != nil {
		t.Fatal(err)
	}
	r.read[scopeKey{rtnl.AF_INET6, 0}] = scopeState{done: true}
	p := r.planLocked([]scopeKey{sk}, 1, time.Now(), false)
	if got, want := ops(p), "delete 10.4.0.0/24 extra"; got != want {
		t.Errorf("plan %s, want %s", got, want)
	}
	if p.Unknown != 2 {
		t.Errorf("Unknown = %d, want 2", p.Unknown)
	}
	// A dump that ends on an error before the end: the scope is unread,
	// nothing is deleted from it, it is not converged.
	err = r.readFromLocked(sk, 2, seq(kernelRoute(t, mustRoute(t, "10.6.0.0/24", "10.0.0.2"), testProto), nil, nil, unix.EBUSY))
	if err == nil || !errors.Is(err, unix.EBUSY) {
		t.Errorf("read error: %v", err)
	}
	if st := r.read[sk]; st.done || len(st.extras) != 0 {
		t.Errorf("after a failed read: %+v", st)
	}
	if r.convergedLocked() {
		t.Error("converged after a failed read")
	}
	// ENOENT: the table does not exist, it is empty.
	if err := r.readFromLocked(sk, 3, seq(nil, unix.ENOENT)); err != nil {
		t.Errorf("ENOENT: %v", err)
	}
	if st := r.read[sk]; !st.done || len(st.extras) != 0 {
		t.Errorf("after ENOENT: %+v", st)
	}
}
