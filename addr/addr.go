// Package addr lists and changes interface addresses (`ip address`):
// RTM_GETADDR dumps decoded into rtnl.Addr, filtered by the kernel, and
// Client.Add, Replace, Delete and Flush, whose Options set fields of the
// rtnl.Addr they send.
//
// A message that does not decode ends neither All nor List: All yields it,
// decoded in part, with its *nlwire.DecodeError and goes on (only an error
// that ends the dump comes with a nil value); List returns it among the
// others and an error that errors.As finds as nlwire.DecodeErrors, one per
// bad message.
package addr

import (
	"context"
	"iter"
	"net/netip"
	"path"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects addresses. The kernel applies Family and Index; the
// others are applied here. A zero field matches anything.
type Filter struct {
	Family rtnl.Family // AF_INET or AF_INET6
	Index  uint32      // interface index
	// Scope matches addresses of that scope when MatchScope is set (the
	// zero scope, RT_SCOPE_UNIVERSE, is a real one).
	Scope      rtnl.Scope
	MatchScope bool
	Label      string         // IFA_LABEL, a shell pattern as path.Match takes ("eth0:*")
	Proto      rtnl.AddrProto // IFA_PROTO; 0 for any
}

// keep applies what the kernel does not filter.
func (f Filter) keep() func(*rtnl.Addr) bool {
	if !f.MatchScope && f.Label == "" && f.Proto == 0 {
		return nil
	}
	return func(a *rtnl.Addr) bool {
		if f.MatchScope && a.Header.Scope != f.Scope || f.Proto != 0 && (!a.Has(rtnl.IFA_PROTO) || a.Proto != f.Proto) {
			return false
		}
		if f.Label != "" {
			ok, _ := path.Match(f.Label, string(a.Label))
			return ok && a.Has(rtnl.IFA_LABEL)
		}
		return true
	}
}

func (f Filter) request() []byte {
	var req rtnl.Addr
	req.Header.Family = f.Family
	req.Header.Index = f.Index
	return req.Append(nil)
}

// All streams the addresses matching f through one reused value, valid until
// the next iteration.
func All(ctx context.Context, conn *nlsock.Conn, f Filter) iter.Seq2[*rtnl.Addr, error] {
	return dump.AllWhere[rtnl.Addr](ctx, conn, f.request(), f.keep())
}

// List returns the addresses matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Addr, error) {
	return dump.ListWhere[rtnl.Addr](ctx, conn, f.request(), f.keep())
}

// All streams the addresses matching f through one reused value, valid
// until the next iteration.
func (c *Client) All(ctx context.Context, f Filter) iter.Seq2[*rtnl.Addr, error] {
	return All(ctx, c.conn, f)
}

// List returns the addresses matching f.
func (c *Client) List(ctx context.Context, f Filter) ([]rtnl.Addr, error) {
	return List(ctx, c.conn, f)
}

// Flags are the address flags: IFA_FLAGS when present (it carries bits the
// header byte has no room for), else the header's ifa_flags.
func Flags(a *rtnl.Addr) rtnl.AddrFlags {
	if a.Has(rtnl.IFA_FLAGS) {
		return a.Flags
	}
	return rtnl.AddrFlags(a.Header.Flags)
}

// Prefix is the interface address with its prefix length: IFA_LOCAL when
// present (on point-to-point links IFA_ADDRESS is the peer), else
// IFA_ADDRESS.
func Prefix(a *rtnl.Addr) netip.Prefix {
	ip := a.Address
	if a.Has(rtnl.IFA_LOCAL) {
		ip = a.Local
	}
	return netip.PrefixFrom(ip, int(a.Header.PrefixLen))
}

// Peer is the point-to-point peer address, when the address has one
// (IFA_ADDRESS differs from IFA_LOCAL).
func Peer(a *rtnl.Addr) (netip.Addr, bool) {
	if a.Has(rtnl.IFA_LOCAL) && a.Has(rtnl.IFA_ADDRESS) && a.Local != a.Address {
		return a.Address, true
	}
	return netip.Addr{}, false
}
