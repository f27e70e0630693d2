package reconcile

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Defaults for Config.
const (
	DefaultResyncInterval = 60 * time.Second
	DefaultDebounce       = 100 * time.Millisecond
	DefaultMinBackoff     = 100 * time.Millisecond
	DefaultMaxBackoff     = 60 * time.Second
)

// Config says what a Reconciler owns and how it behaves.
type Config struct {
	// NetNS is the namespace whose routes are reconciled; the zero value is
	// the host's.
	NetNS nlsock.NetNS
	// Protocol is the ownership tag (rtm_protocol) of every route the
	// reconciler installs, and the only protocol whose routes it ever
	// replaces or deletes. Required. RTPROT_UNSPEC is refused;
	// RTPROT_REDIRECT, RTPROT_KERNEL and RTPROT_BOOT (what `ip route add`
	// and many scripts use) are refused unless AllowReservedProtocol.
	Protocol rtnl.Protocol
	// AllowReservedProtocol permits Protocol to be redirect, kernel or boot.
	AllowReservedProtocol bool
	// Tables limits ownership to these routing tables; empty means every
	// table. A desired route in another table is refused.
	Tables []uint32
	// Family limits ownership to one family, rtnl.AF_INET or
	// rtnl.AF_INET6; 0 means both. The other family's routes are never
	// read, replaced or deleted, and a desired route of it is refused.
	Family rtnl.Family
	// TakeOver installs a desired route even where a route of another
	// protocol holds its key, replacing that route (NLM_F_REPLACE). Without
	// it such a route is left alone and the desired route's status is
	// Conflict, naming the holder.
	TakeOver bool
	// ResyncInterval is the period of the full re-read that catches routes
	// the kernel removed without telling (link down, address or nexthop
	// object removed); jittered by up to ±10%. Zero means
	// DefaultResyncInterval; negative disables it.
	ResyncInterval time.Duration
	// Debounce coalesces bursts of events into one pass. Zero means
	// DefaultDebounce.
	Debounce time.Duration
	// MinBackoff and MaxBackoff bound the per-route exponential backoff
	// after a failed write. Zero means DefaultMinBackoff, DefaultMaxBackoff.
	MinBackoff, MaxBackoff time.Duration
	// MonitorReceiveBuffer is the monitor socket's receive buffer in bytes;
	// zero means the monitor's default (4 MiB).
	MonitorReceiveBuffer int
	// OnWrite, when set, is called after every write Run or Apply makes,
	// with its outcome (for logging each repair as it happens). It is
	// called from the reconciler's goroutine and must not block for long
	// nor call back into the Reconciler.
	OnWrite func(Write)
}

func (c *Config) fill() error {
	switch c.Protocol {
	case rtnl.RTPROT_UNSPEC:
		return errors.New("reconcile: Config.Protocol is required (an rtm_protocol number that marks the routes this reconciler owns)")
	case rtnl.RTPROT_REDIRECT, rtnl.RTPROT_KERNEL, rtnl.RTPROT_BOOT:
		if !c.AllowReservedProtocol {
			return fmt.Errorf("reconcile: protocol %s is used by the kernel and by hand-made routes; owning it would delete theirs (set AllowReservedProtocol to insist)", c.Protocol)
		}
	}
	if c.Family != 0 && c.Family != rtnl.AF_INET && c.Family != rtnl.AF_INET6 {
		return fmt.Errorf("reconcile: Config.Family %s: only IPv4, IPv6 or 0 (both)", c.Family)
	}
	for _, t := range c.Tables {
		if t == 0 {
			return errors.New("reconcile: table 0 (unspec) is not a routing table")
		}
	}
	c.Tables = slices.Clone(c.Tables)
	slices.Sort(c.Tables)
	c.Tables = slices.Compact(c.Tables)
	if c.ResyncInterval == 0 {
		c.ResyncInterval = DefaultResyncInterval
	}
	if c.Debounce <= 0 {
		c.Debounce = DefaultDebounce
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = DefaultMinBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = c.MinBackoff
	}
	return nil
}

// scopes lists the kernel reads that cover the ownership scope: per family,
// every table (one protocol-filtered dump) or each configured table.
func (c *Config) scopes() []scopeKey {
	var out []scopeKey
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		if c.Family != 0 && fam != c.Family {
			continue
		}
		if len(c.Tables) == 0 {
			out = append(out, scopeKey{fam, 0})
			continue
		}
		for _, t := range c.Tables {
			out = append(out, scopeKey{fam, t})
		}
	}
	return out
}

// scopeOf is the read that covers key k, and whether k is in the scope.
func (c *Config) scopeOf(k Key) (scopeKey, bool) {
	if k.Family != rtnl.AF_INET && k.Family != rtnl.AF_INET6 || c.Family != 0 && k.Family != c.Family {
		return scopeKey{}, false
	}
	if len(c.Tables) == 0 {
		return scopeKey{k.Family, 0}, true
	}
	if _, ok := slices.BinarySearch(c.Tables, k.Table); ok {
		return scopeKey{k.Family, k.Table}, true
	}
	return scopeKey{}, false
}
