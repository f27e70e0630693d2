package route

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// NHID makes the route use the nexthop object id (RTA_NH_ID), as
// `ip route add ... nhid ID`. The object carries the gateways and
// devices: Add refuses a gateway, Dev or Multipath given with it (the
// kernel would too). Delete with NHID matches the route by its object
// alone and sends no gateway or device (see the package doc, "Delete").
func NHID(id uint32) Option {
	return func(q *request) error {
		if id == 0 {
			return errors.New("route: nexthop id 0 is not a nexthop object")
		}
		q.msg.SetNHID(id)
		return nil
	}
}

// Leg is one next hop of a multipath route (an rtnexthop in RTA_MULTIPATH),
// as `ip route add ... nexthop via GW dev IF weight W onlink`.
type Leg struct {
	Gateway netip.Addr // of the route's family; or give Via
	Via     netip.Addr // a gateway of the other family (RTA_VIA): IPv4 routes via IPv6
	Dev     uint32     // output interface index; needed for link-local and onlink
	Weight  int        // 1..256; 0 means 1
	Onlink  bool       // RTNH_F_ONLINK
	Realm   uint32     // RTA_FLOW
	// EncapType and Encap are the leg's encapsulation, as Encap's
	// (LWTUNNEL_ENCAP_NONE for none).
	EncapType rtnl.EncapType
	Encap     rtnl.LwtEncap
}

// Multipath gives the route its next hops (RTA_MULTIPATH), in order. A
// route gateway (gw) is not given with it.
func Multipath(legs ...Leg) Option {
	return func(q *request) error {
		if len(legs) == 0 {
			return errors.New("route: Multipath needs at least one leg")
		}
		nhs := make([]rtnl.Nexthop, len(legs))
		for i, l := range legs {
			nh := &nhs[i]
			switch {
			case l.Weight < 0 || l.Weight > 256:
				return fmt.Errorf("route: multipath leg %d: weight %d is not 1..256", i+1, l.Weight)
			case l.Weight > 0:
				nh.Header.Hops = uint8(l.Weight - 1)
			}
			if l.Gateway.IsValid() && l.Via.IsValid() {
				return fmt.Errorf("route: multipath leg %d: Gateway and Via both given", i+1)
			}
			if l.Gateway.IsValid() {
				if l.Gateway.Zone() != "" {
					return fmt.Errorf("route: multipath leg %d: gateway %s: give the interface as Dev, not a zone", i+1, l.Gateway)
				}
				nh.SetGateway(l.Gateway)
			}
			if l.Via.IsValid() {
				nh.SetVia(l.Via.WithZone(""))
			}
			if l.Dev != 0 {
				nh.Header.Ifindex = int32(l.Dev)
			}
			if l.Onlink {
				if l.Dev == 0 {
					return fmt.Errorf("route: multipath leg %d: onlink needs Dev", i+1)
				}
				nh.Header.Flags |= rtnl.RTNH_F_ONLINK
			}
			if l.Realm != 0 {
				nh.SetFlow(l.Realm)
			}
			if l.EncapType != rtnl.LWTUNNEL_ENCAP_NONE {
				nh.SetEncapType(l.EncapType)
				nh.SetEncap(l.Encap)
			}
		}
		q.msg.SetMultipath(nhs)
		return nil
	}
}

// Via sets a gateway of the other address family (RTA_VIA), as
// `ip route add 10.0.0.0/8 via inet6 fe80::1 dev IF`: an IPv4 route through
// an IPv6 next hop (RFC 5549). It does not decide the route's family.
func Via(a netip.Addr) Option {
	return func(q *request) error {
		if !a.IsValid() {
			return errors.New("route: invalid via address")
		}
		q.msg.SetVia(a.WithZone(""))
		return nil
	}
}

// Expires makes an IPv6 route expire after sec seconds (RTA_EXPIRES), as
// `ip route add ... expires SEC`; the kernel counts it down (listings show
// what is left). IPv4 routes cannot expire: asking is an error.
func Expires(sec uint32) Option {
	return func(q *request) error { setExpires(q.msg, sec); return nil }
}

// setExpires sets RTA_EXPIRES to sec, whatever width the schema gives the
// field (a u32 for IPv6 unicast routes; multicast dumps send a u64).
func setExpires(m *rtnl.Route, sec uint32) {
	setUint(&m.Expires, sec)
	m.SetPresent(rtnl.RTA_EXPIRES)
}

func setUint[T ~uint32 | ~uint64](p *T, v uint32) { *p = T(v) }

// TOS sets the route's TOS / DS field match (rtm_tos), as
// `ip route add ... tos 0x10` (dsfield). IPv4 only; part of the route's key.
func TOS(tos uint8) Option {
	return func(q *request) error { q.msg.Header.Tos = tos; return nil }
}

// From makes the route a source route: it applies to packets from src
// (RTA_SRC and rtm_src_len), as `ip route add ... from PREFIX` (IPv6
// source routing; the kernel needs CONFIG_IPV6_SUBTREES). For Get, it is
// the source address of the lookup (a /32 or /128).
func From(src netip.Prefix) Option {
	return func(q *request) error {
		switch {
		case !src.IsValid():
			return errors.New("route: invalid source prefix")
		case src.Masked() != src:
			return fmt.Errorf("route: source prefix %s has host bits set; did you mean %s?", src, src.Masked())
		case src.Addr().Zone() != "":
			return errors.New("route: destination and source addresses take no zone")
		}
		q.msg.Header.SrcLen = uint8(src.Bits())
		if src.Bits() > 0 || q.get {
			q.msg.SetSrc(src.Addr())
		}
		q.src = true
		return nil
	}
}

// Realm sets the route's realm (RTA_FLOW), as `ip route add ... realm R`;
// realms FROM/TO is FROM<<16 | TO.
func Realm(r uint32) Option {
	return func(q *request) error { q.msg.SetFlow(r); return nil }
}

// RouteMetric sets the route metric id (an RTAX_* of RTA_METRICS other than
// RTAX_LOCK and RTAX_CC_ALGO) to v, in the kernel's units: RTAX_RTT is in
// 1/8 ms and RTAX_RTTVAR in 1/4 ms as the kernel keeps them (ip's "rtt 12ms"
// is 96), RTAX_RTO_MIN in ms.
func RouteMetric(id uint16, v uint32) Option {
	return func(q *request) error {
		p := metricField(&q.msg.Metrics, id)
		if p == nil {
			return fmt.Errorf("route: %d is not a numeric route metric (RTAX_MTU .. RTAX_FASTOPEN_NO_COOKIE)", id)
		}
		*p = v
		q.msg.Metrics.SetPresent(id)
		q.msg.SetPresent(rtnl.RTA_METRICS)
		return nil
	}
}

// LockMetric locks metric id (sets its bit in RTAX_LOCK), as ip's
// "mtu lock 1280": the kernel will not change it (e.g. from PMTU
// discovery).
func LockMetric(id uint16) Option {
	return func(q *request) error {
		if id == 0 || id > rtnl.RTAX_FASTOPEN_NO_COOKIE {
			return fmt.Errorf("route: cannot lock metric %d", id)
		}
		m := &q.msg.Metrics
		m.SetLock(m.Lock | 1<<id)
		q.msg.SetPresent(rtnl.RTA_METRICS)
		return nil
	}
}

// Congctl sets the route's TCP congestion control algorithm
// (RTAX_CC_ALGO), as `ip route add ... congctl NAME`.
func Congctl(name string) Option {
	return func(q *request) error {
		if name == "" {
			return errors.New("route: empty congestion control name")
		}
		q.msg.Metrics.SetCCAlgo(name)
		q.msg.SetPresent(rtnl.RTA_METRICS)
		return nil
	}
}

// metricField is the u32 field of metric id, nil for RTAX_LOCK,
// RTAX_CC_ALGO and ids the schema does not have.
func metricField(m *rtnl.Metrics, id uint16) *uint32 {
	byID := [...]*uint32{
		rtnl.RTAX_MTU: &m.MTU, rtnl.RTAX_WINDOW: &m.Window,
		rtnl.RTAX_RTT: &m.RTT, rtnl.RTAX_RTTVAR: &m.RTTVar, rtnl.RTAX_SSTHRESH: &m.SSThresh,
		rtnl.RTAX_CWND: &m.Cwnd, rtnl.RTAX_ADVMSS: &m.AdvMSS, rtnl.RTAX_REORDERING: &m.Reordering,
		rtnl.RTAX_HOPLIMIT: &m.HopLimit, rtnl.RTAX_INITCWND: &m.InitCwnd, rtnl.RTAX_FEATURES: &m.Features,
		rtnl.RTAX_RTO_MIN: &m.RTOMin, rtnl.RTAX_INITRWND: &m.InitRwnd, rtnl.RTAX_QUICKACK: &m.QuickAck,
		rtnl.RTAX_FASTOPEN_NO_COOKIE: &m.FastOpenNoCookie,
	}
	if int(id) < len(byID) {
		return byID[id]
	}
	return nil
}

// IIF is the input interface of a Get lookup (RTA_IIF), as
// `ip route get ADDR from SRC iif IF`.
func IIF(ifindex uint32) Option {
	return func(q *request) error {
		if ifindex == 0 {
			return errors.New("route: interface index 0 is not an interface")
		}
		q.msg.SetIIF(ifindex)
		return nil
	}
}

// Mark is the firewall mark of a Get lookup (RTA_MARK), as `ip route get
// ADDR mark M`.
func Mark(m uint32) Option {
	return func(q *request) error { q.msg.SetMark(m); return nil }
}

// UID is the user id of a Get lookup (RTA_UID), as `ip route get ADDR uid U`.
func UID(uid uint32) Option {
	return func(q *request) error { q.msg.SetUID(uid); return nil }
}

// FibMatch makes Get return the FIB entry that matched (RTM_F_FIB_MATCH)
// instead of the resolved route, as `ip route get fibmatch ADDR`.
func FibMatch() Option {
	return func(q *request) error {
		q.msg.Header.Flags |= rtnl.RTM_F_FIB_MATCH
		return nil
	}
}

// IPProto is the IP protocol of a Get lookup (RTA_IP_PROTO: unix.IPPROTO_TCP,
// IPPROTO_UDP, IPPROTO_ICMP, ...), as `ip route get ADDR ipproto tcp`; with
// SourcePort and DestPort it selects what policy rules and multipath
// hashing see.
func IPProto(p uint8) Option {
	return func(q *request) error { q.msg.SetIPProto(p); return nil }
}

// SourcePort is the source port of a Get lookup (RTA_SPORT), as
// `ip route get ADDR sport N`.
func SourcePort(p uint16) Option {
	return func(q *request) error { q.msg.SetSPort(p); return nil }
}

// DestPort is the destination port of a Get lookup (RTA_DPORT), as
// `ip route get ADDR dport N`.
func DestPort(p uint16) Option {
	return func(q *request) error { q.msg.SetDPort(p); return nil }
}

// Encap gives the route a lightweight tunnel encapsulation (RTA_ENCAP of
// type t, RTA_ENCAP_TYPE), as `ip route add ... encap mpls|ip|ip6|seg6|
// seg6local ...`: set the variant of e that t selects (e.IP for
// LWTUNNEL_ENCAP_IP, e.Seg6 for LWTUNNEL_ENCAP_SEG6, ...). A multipath leg
// takes its own in Leg.Encap.
func Encap(t rtnl.EncapType, e rtnl.LwtEncap) Option {
	return func(q *request) error {
		if t == rtnl.LWTUNNEL_ENCAP_NONE {
			return errors.New("route: Encap needs an encapsulation type")
		}
		q.msg.SetEncapType(t)
		q.msg.SetEncap(e)
		return nil
	}
}
