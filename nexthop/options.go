package nexthop

import (
	"errors"
	"fmt"
	"math"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines a nexthop request (Add, Replace, Request). It sets a
// field of the rtnl.NexthopObj the verb sends through its setters; what no
// option sets is not sent.
type Option func(*request) error

type request struct {
	msg *rtnl.NexthopObj
}

// Via sets the gateway (NHA_GATEWAY), as ip's via; it decides the
// nexthop's family.
func Via(gw netip.Addr) Option {
	return func(q *request) error {
		if !gw.IsValid() {
			return errors.New("nexthop: invalid gateway address")
		}
		if gw.Is4In6() {
			return fmt.Errorf("nexthop: %s is an IPv4-mapped IPv6 address; use %s for IPv4", gw, gw.Unmap())
		}
		q.msg.SetGateway(gw.WithZone(""))
		return nil
	}
}

// Dev sets the output interface (NHA_OIF), as ip's dev.
func Dev(ifindex uint32) Option {
	return func(q *request) error {
		if ifindex == 0 {
			return errors.New("nexthop: interface index 0 is not an interface")
		}
		q.msg.SetOIF(ifindex)
		return nil
	}
}

// Onlink takes the gateway as reachable on Dev even when no address of the
// interface covers it (RTNH_F_ONLINK), as ip's onlink.
func Onlink() Option {
	return func(q *request) error { q.msg.Header.Flags |= uint32(rtnl.RTNH_F_ONLINK); return nil }
}

// Blackhole makes the nexthop drop packets (NHA_BLACKHOLE), as ip's
// blackhole. It takes no gateway and no device.
func Blackhole() Option {
	return func(q *request) error { q.msg.SetBlackhole(); return nil }
}

// FDB makes the nexthop (or group) one for vxlan FDB entries (NHA_FDB), as
// ip's fdb: it cannot be used by routes.
func FDB() Option {
	return func(q *request) error { q.msg.SetFDB(); return nil }
}

// Member is one nexthop of a group and its weight: 1 to 65536, 0 meaning
// 1 (ip's ID,WEIGHT).
type Member struct {
	ID     uint32
	Weight uint32
}

// Group makes the nexthop a group of members (NHA_GROUP), multipath unless
// Resilient is given, as ip's group ID[,WEIGHT]/...
func Group(members ...Member) Option {
	return func(q *request) error {
		if len(members) == 0 {
			return errors.New("nexthop: a group needs members")
		}
		g := q.msg.Group[:0] // the message's own memory, reused
		for _, m := range members {
			w := m.Weight
			if w == 0 {
				w = 1
			}
			if m.ID == 0 || w > 65536 {
				return fmt.Errorf("nexthop: group member %d,%d: want id > 0 and weight 1..65536", m.ID, m.Weight)
			}
			g = append(g, rtnl.NexthopGrp{ID: m.ID, Weight: uint8(w - 1), WeightHigh: uint8((w - 1) >> 8)})
		}
		q.msg.SetGroup(g)
		return nil
	}
}

// Resilient makes the group resilient (NEXTHOP_GRP_TYPE_RES), as ip's type
// resilient: flows keep their nexthop when members come and go. Buckets,
// IdleTimer and UnbalancedTimer tune it.
func Resilient() Option {
	return func(q *request) error { q.msg.SetGroupType(rtnl.NEXTHOP_GRP_TYPE_RES); return nil }
}

// Buckets sets a resilient group's number of buckets
// (NHA_RES_GROUP_BUCKETS), as ip's buckets.
func Buckets(n uint16) Option {
	return func(q *request) error {
		if n == 0 {
			return errors.New("nexthop: a resilient group needs at least one bucket")
		}
		q.msg.ResGroup.SetBuckets(n)
		return nil
	}
}

// IdleTimer sets, in seconds, how long a bucket of a resilient group must
// be idle before it may move to another nexthop (NHA_RES_GROUP_IDLE_TIMER,
// sent in clock_t as ip does), as ip's idle_timer.
func IdleTimer(seconds uint32) Option {
	return func(q *request) error {
		t, err := clockT(seconds, "idle_timer")
		q.msg.ResGroup.SetIdleTimer(t)
		return err
	}
}

// UnbalancedTimer sets, in seconds, how long a resilient group may stay
// unbalanced before buckets move regardless of idleness
// (NHA_RES_GROUP_UNBALANCED_TIMER), as ip's unbalanced_timer.
func UnbalancedTimer(seconds uint32) Option {
	return func(q *request) error {
		t, err := clockT(seconds, "unbalanced_timer")
		q.msg.ResGroup.SetUnbalancedTimer(t)
		return err
	}
}

// userHZ is USER_HZ, the unit of clock_t in the kernel's interfaces.
const userHZ = 100

func clockT(seconds uint32, what string) (uint32, error) {
	if seconds >= math.MaxUint32/userHZ {
		return 0, fmt.Errorf("nexthop: %s %d s does not fit in a clock_t u32", what, seconds)
	}
	return seconds * userHZ, nil
}

// Protocol tags the nexthop with who installed it (nh_protocol), as ip's
// protocol.
func Protocol(p rtnl.Protocol) Option {
	return func(q *request) error { q.msg.Header.Protocol = p; return nil }
}

// Family fixes the nexthop's family (rtnl.AF_INET or AF_INET6), as ip's -4
// and -6: for a Dev or Blackhole nexthop without a gateway (IPv4
// otherwise). A gateway must agree with it.
func Family(f rtnl.Family) Option {
	return func(q *request) error {
		if f != rtnl.AF_INET && f != rtnl.AF_INET6 {
			return errors.New("nexthop: Family needs AF_INET or AF_INET6, not " + f.String())
		}
		q.msg.Header.Family = f
		return nil
	}
}
