package addr

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines an address request (Add, Replace, Delete, Request). It sets
// a field of the rtnl.Addr the verb sends through its setters, which record
// the attribute's presence: what no option sets is not sent, and the
// kernel's default applies.
type Option func(*request) error

// request is an address request being built.
type request struct {
	msg     *rtnl.Addr
	brdAuto bool // Broadcast computed from the prefix (ip's "broadcast +")
	flags   rtnl.AddrFlags
}

// PeerAddress makes the address point-to-point with peer as the other end
// (IFA_ADDRESS; the local address goes in IFA_LOCAL), as `ip addr add
// LOCAL peer PEER`. The prefix length then applies to the peer.
func PeerAddress(peer netip.Addr) Option {
	return func(q *request) error {
		if !peer.IsValid() {
			return errors.New("addr: invalid peer address")
		}
		q.msg.SetAddress(peer.WithZone(""))
		return nil
	}
}

// Broadcast sets the IPv4 broadcast address (IFA_BROADCAST), as `ip addr
// add ... broadcast ADDR`.
func Broadcast(brd netip.Addr) Option {
	return func(q *request) error {
		if !brd.Is4() {
			return fmt.Errorf("addr: broadcast %s is not an IPv4 address (only IPv4 has broadcast addresses)", brd)
		}
		q.msg.SetBroadcast(brd)
		q.brdAuto = false
		return nil
	}
}

// BroadcastAuto sets the broadcast address computed from the prefix (host
// bits all ones), as `ip addr add ... broadcast +`; like ip, it sends none
// for prefixes longer than /30, which have no broadcast address.
func BroadcastAuto() Option {
	return func(q *request) error {
		q.msg.Unset(rtnl.IFA_BROADCAST)
		q.brdAuto = true
		return nil
	}
}

// Label sets the IPv4 address label (IFA_LABEL), e.g. "eth0:1"; the kernel
// wants it to begin with the interface's name. At most 15 bytes.
func Label(s string) Option {
	return func(q *request) error {
		if s == "" || len(s) > 15 {
			return fmt.Errorf("addr: label %q: want 1 to 15 bytes", s)
		}
		q.msg.SetLabel(s)
		return nil
	}
}

// Scope sets the address scope (ifa_scope): RT_SCOPE_UNIVERSE (the
// default, "global"), RT_SCOPE_SITE, RT_SCOPE_LINK, RT_SCOPE_HOST.
func Scope(s rtnl.Scope) Option {
	return func(q *request) error { q.msg.Header.Scope = s; return nil }
}

// Forever is the lifetime that never ends (ip's "forever").
const Forever uint32 = 0xFFFFFFFF

// Lifetimes sets the valid and preferred lifetimes in seconds
// (IFA_CACHEINFO), as `ip addr add ... valid_lft V preferred_lft P`; Forever
// for none. preferred must not exceed valid.
func Lifetimes(valid, preferred uint32) Option {
	return func(q *request) error {
		if preferred > valid {
			return fmt.Errorf("addr: preferred lifetime %d exceeds valid lifetime %d", preferred, valid)
		}
		if valid == 0 {
			return errors.New("addr: valid lifetime 0 would expire the address at once")
		}
		q.msg.SetCacheInfo(rtnl.IfaCacheInfo{Valid: valid, Prefered: preferred})
		return nil
	}
}

// settable are the flags a request may carry (ip's words: home, nodad,
// mngtmpaddr, noprefixroute, autojoin; optimistic for IPv6 DAD).
const settable = rtnl.IFA_F_HOMEADDRESS | rtnl.IFA_F_NODAD | rtnl.IFA_F_OPTIMISTIC |
	rtnl.IFA_F_MANAGETEMPADDR | rtnl.IFA_F_NOPREFIXROUTE | rtnl.IFA_F_MCAUTOJOIN

// AddFlags adds address flags: rtnl.IFA_F_NODAD, IFA_F_NOPREFIXROUTE,
// IFA_F_MANAGETEMPADDR, IFA_F_HOMEADDRESS, IFA_F_MCAUTOJOIN,
// IFA_F_OPTIMISTIC. They are sent in IFA_FLAGS (and the low bits in the
// header, as ip does). Other flags are the kernel's to set.
func AddFlags(f rtnl.AddrFlags) Option {
	return func(q *request) error {
		if bad := f &^ settable; bad != 0 {
			return fmt.Errorf("addr: flags %s are set by the kernel, not by a request", bad)
		}
		q.flags |= f
		return nil
	}
}

// Metric sets the metric of the prefix route the kernel adds for the
// address (IFA_RT_PRIORITY), as `ip addr add ... metric N`.
func Metric(m uint32) Option {
	return func(q *request) error { q.msg.SetRtPriority(m); return nil }
}

// Proto tags the address with who added it (IFA_PROTO), as `ip addr add ...
// proto N`.
func Proto(p rtnl.AddrProto) Option {
	return func(q *request) error { q.msg.SetProto(p); return nil }
}
