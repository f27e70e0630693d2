// Package addr lists interface addresses (`ip address show`): RTM_GETADDR
// dumps decoded into rtnl.Addr, filtered by the kernel.
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

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Filter selects addresses; the kernel applies it. A zero field matches
// anything.
type Filter struct {
	Family rtnl.Family // AF_INET or AF_INET6
	Index  uint32      // interface index
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
	return dump.All[rtnl.Addr](ctx, conn, f.request())
}

// List returns the addresses matching f.
func List(ctx context.Context, conn *nlsock.Conn, f Filter) ([]rtnl.Addr, error) {
	return dump.List[rtnl.Addr](ctx, conn, f.request())
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
