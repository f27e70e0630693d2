package reconcile

import (
	"fmt"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"golang.org/x/sys/unix"
)

// Status is where a desired route stands.
type Status uint8

// Route statuses.
const (
	// Pending: not yet seen in the kernel as desired (new, written but not
	// yet read back, or waiting for a retry after a transient error).
	Pending Status = iota
	// Programmed: the last read found the route in the kernel as desired.
	Programmed
	// Blocked: the kernel refused it because its link, gateway or nexthop
	// object is not there (ENETDOWN, ENODEV, ENETUNREACH, EHOSTUNREACH, an
	// invalid gateway, an unknown nexthop id); retried when a link,
	// address or nexthop event may have unblocked it, and on backoff.
	Blocked
	// Conflict: a route of another protocol holds the key (see Holder);
	// left alone unless Config.TakeOver.
	Conflict
	// Failed: the kernel refused it otherwise. EINVAL and the like are
	// permanent (not retried until the desired route changes); other
	// errors are retried on backoff.
	Failed
)

// String names the status: "pending", "programmed", ...
func (s Status) String() string {
	switch s {
	case Pending:
		return "pending"
	case Programmed:
		return "programmed"
	case Blocked:
		return "blocked"
	case Conflict:
		return "conflict"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// RouteStatus is the state of one desired route.
type RouteStatus struct {
	Route  Desired
	Status Status
	// Holder is the protocol of the route holding the key, for Conflict.
	Holder rtnl.Protocol
	// Err is the last write error (with the kernel's extended-ack message),
	// or nil.
	Err error
	// Attempts counts failed writes since the route was last programmed.
	Attempts int
	// NextRetry is when a failed route is tried again (zero: at the next
	// pass, or, for a permanent failure, never).
	NextRetry time.Time
}

// Op is a write's kind.
type Op uint8

// Write kinds.
const (
	OpAdd     Op = iota + 1 // NLM_F_CREATE|NLM_F_EXCL: never touches another's route
	OpReplace               // NLM_F_CREATE|NLM_F_REPLACE: an owned route changed, or a take-over
	OpDelete                // an owned route no longer desired
)

// String names the write: "add", "replace", "delete".
func (o Op) String() string {
	switch o {
	case OpAdd:
		return "add"
	case OpReplace:
		return "replace"
	case OpDelete:
		return "delete"
	}
	return fmt.Sprintf("op(%d)", uint8(o))
}

// Reason says what drift a change repairs.
type Reason uint8

// Drift reasons.
const (
	Missing   Reason = iota + 1 // desired, not in the kernel
	Modified                    // in the kernel, different from desired
	Extra                       // owned, in the kernel, not desired
	Duplicate                   // owned, of a desired route's key, beside the route kept
)

// String names the drift: "missing", "modified", "extra", "duplicate".
func (r Reason) String() string {
	switch r {
	case Missing:
		return "missing"
	case Modified:
		return "modified"
	case Extra:
		return "extra"
	case Duplicate:
		return "duplicate"
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// Write is one write and its outcome, as Config.OnWrite sees it.
type Write struct {
	Change
	// Err is the kernel's error, or nil for success (including a delete
	// that found the route already gone).
	Err error
	// Status is what the failure made of the desired route an add or
	// replace installs (Blocked, Conflict, Failed, Pending); 0 otherwise.
	Status Status
	// Holder is, for a Conflict, the protocol of the route holding the
	// key.
	Holder rtnl.Protocol
}

// ConflictError is a desired route's error when a route of another
// protocol holds its key. Err is the kernel's (EEXIST).
type ConflictError struct {
	Route  string        // the desired route, as Desired.String
	Holder rtnl.Protocol // the holder's protocol
	Err    error
}

// Error names the route and the holder, and the option that takes over.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("reconcile: %s: the key is held by a route of protocol %s (Config.TakeOver replaces it)", e.Route, e.Holder)
}

// Unwrap returns the kernel's error.
func (e *ConflictError) Unwrap() error { return e.Err }

// WriteCount keys Stats.Writes: a write kind and its errno (0: success).
type WriteCount struct {
	Op    Op
	Errno unix.Errno
}

// Stats are a Reconciler's counters since New.
type Stats struct {
	Passes uint64 // passes: read, diff, write
	// FullResyncs counts full re-reads of the scope by reason: "start",
	// "periodic", "monitor overflow", "dump interrupted", "link",
	// "address", "nexthop".
	FullResyncs map[string]uint64
	// Drift repaired, by kind (successful writes).
	RepairedMissing, RepairedModified, RepairedExtra uint64
	// Writes by kind and errno.
	Writes map[WriteCount]uint64
	// Unknown is how many owned routes the last reads could not decode;
	// they are never deleted.
	Unknown int
	// LastPass is how long the last pass took.
	LastPass time.Duration
	// LastErr is the last pass's error (a failed read, or every failed
	// write joined), or nil.
	LastErr error
	// Converged reports that the last reads found the kernel as desired.
	Converged bool
}
