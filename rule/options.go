package rule

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines a rule request (Add, Delete, Request): a selector or the
// action. It sets a field of the rtnl.Rule the verb sends through its
// setters; what no option sets is not sent (Add's defaults: action lookup
// of table main, as ip's).
type Option func(*request) error

// request is a rule request being built. fib_rule_hdr has no presence bits;
// actionGiven and tableGiven say what the options chose.
type request struct {
	msg         *rtnl.Rule
	actionGiven bool
	tableGiven  bool
}

// From selects packets from source prefix p (FRA_SRC), as ip's from.
func From(p netip.Prefix) Option { return prefix(p, "from", true) }

// To selects packets to destination prefix p (FRA_DST), as ip's to.
func To(p netip.Prefix) Option { return prefix(p, "to", false) }

func prefix(p netip.Prefix, what string, src bool) Option {
	return func(q *request) error {
		if !p.IsValid() {
			return fmt.Errorf("rule: invalid %s prefix", what)
		}
		if p.Masked() != p {
			return fmt.Errorf("rule: %s %s has host bits set; did you mean %s?", what, p, p.Masked())
		}
		a := p.Addr().WithZone("")
		if err := q.family(a); err != nil {
			return err
		}
		if src {
			q.msg.Header.SrcLen = uint8(p.Bits())
			q.msg.SetSrc(a)
		} else {
			q.msg.Header.DstLen = uint8(p.Bits())
			q.msg.SetDst(a)
		}
		return nil
	}
}

// family settles the rule's family from an address; all must agree.
func (q *request) family(a netip.Addr) error {
	if a.Is4In6() {
		return fmt.Errorf("rule: %s is an IPv4-mapped IPv6 address; use %s for IPv4", a, a.Unmap())
	}
	f := rtnl.AF_INET6
	if a.Is4() {
		f = rtnl.AF_INET
	}
	switch h := &q.msg.Header; {
	case h.Family == 0:
		h.Family = f
	case h.Family != f:
		return fmt.Errorf("rule: %s is not of the rule's family %s", a, h.Family)
	}
	return nil
}

// Family fixes the rule's family (rtnl.AF_INET, the default, or AF_INET6),
// as ip's -4 and -6.
func Family(f rtnl.Family) Option {
	return func(q *request) error {
		if f != rtnl.AF_INET && f != rtnl.AF_INET6 {
			return errors.New("rule: Family needs AF_INET or AF_INET6, not " + f.String())
		}
		if h := &q.msg.Header; h.Family != 0 && h.Family != f {
			return fmt.Errorf("rule: family %s, but an address of the rule is %s", f, h.Family)
		}
		q.msg.Header.Family = f
		return nil
	}
}

// Not inverts the selectors (FIB_RULE_INVERT), as ip's not.
func Not() Option {
	return func(q *request) error { q.msg.Header.Flags |= rtnl.FIB_RULE_INVERT; return nil }
}

// IIF selects packets arriving on the interface named name (FRA_IIFNAME),
// as ip's iif; "lo" selects locally generated packets.
func IIF(name string) Option { return ifname(name, true) }

// OIF selects packets leaving through the interface named name
// (FRA_OIFNAME), as ip's oif: sockets bound to it.
func OIF(name string) Option { return ifname(name, false) }

func ifname(name string, in bool) Option {
	return func(q *request) error {
		if name == "" || len(name) > 15 {
			return fmt.Errorf("rule: interface name %q: want 1 to 15 bytes", name)
		}
		if in {
			q.msg.SetIIFName(name)
		} else {
			q.msg.SetOIFName(name)
		}
		return nil
	}
}

// FwMark selects packets whose firewall mark, masked by mask, is mark
// (FRA_FWMARK, FRA_FWMASK), as ip's fwmark MARK/MASK. mask 0 sends no mask
// (the kernel then matches all 32 bits).
func FwMark(mark, mask uint32) Option {
	return func(q *request) error {
		q.msg.SetFwMark(mark)
		if mask != 0 {
			q.msg.SetFwMask(mask)
		}
		return nil
	}
}

// Priority sets the rule's preference (FRA_PRIORITY), as ip's pref: rules
// are tried lowest first. Without it the kernel picks one below the
// lowest existing (nonzero) one.
func Priority(p uint32) Option {
	return func(q *request) error { q.msg.SetPriority(p); return nil }
}

// TOS selects by the IPv4 TOS byte (fib_rule_hdr tos), as ip's tos.
func TOS(tos uint8) Option {
	return func(q *request) error { q.msg.Header.Tos = tos; return nil }
}

// DSCP selects by DSCP (FRA_DSCP, 0..63; newer kernels), as ip's dscp.
func DSCP(d uint8) Option {
	return func(q *request) error {
		if d > 63 {
			return fmt.Errorf("rule: dscp %d: want 0..63", d)
		}
		q.msg.SetDSCP(d)
		return nil
	}
}

// IPProto selects by IP protocol (FRA_IP_PROTO, e.g. 6 for TCP), as ip's
// ipproto.
func IPProto(p uint8) Option {
	return func(q *request) error { q.msg.SetIPProto(p); return nil }
}

// SPort selects source ports lo..hi (FRA_SPORT_RANGE), as ip's sport.
func SPort(lo, hi uint16) Option { return ports(lo, hi, true) }

// DPort selects destination ports lo..hi (FRA_DPORT_RANGE), as ip's dport.
func DPort(lo, hi uint16) Option { return ports(lo, hi, false) }

func ports(lo, hi uint16, src bool) Option {
	return func(q *request) error {
		if lo > hi || lo == 0 {
			return fmt.Errorf("rule: port range %d-%d: want 1 <= low <= high", lo, hi)
		}
		r := rtnl.PortRange{Start: lo, End: hi}
		if src {
			q.msg.SetSPortRange(r)
		} else {
			q.msg.SetDPortRange(r)
		}
		return nil
	}
}

// UIDRange selects sockets of user ids lo..hi (FRA_UID_RANGE), as ip's
// uidrange.
func UIDRange(lo, hi uint32) Option {
	return func(q *request) error {
		if lo > hi {
			return fmt.Errorf("rule: uid range %d-%d: low above high", lo, hi)
		}
		q.msg.SetUIDRange(rtnl.UIDRange{Start: lo, End: hi})
		return nil
	}
}

// TunID selects by tunnel id (FRA_TUN_ID), as ip's tun_id.
func TunID(id uint64) Option {
	return func(q *request) error { q.msg.SetTunID(id); return nil }
}

// L3MDEV looks up the table of the L3 master device (VRF) the packet's
// interface belongs to (FRA_L3MDEV), as ip's l3mdev. It takes no table.
func L3MDEV() Option {
	return func(q *request) error {
		q.msg.SetL3MDEV(1)
		q.tableGiven = true
		return nil
	}
}

// SuppressPrefixLength rejects a lookup result whose prefix is n bits or
// shorter (FRA_SUPPRESS_PREFIXLEN), as ip's suppress_prefixlength: with 0
// the default route of the table is ignored.
func SuppressPrefixLength(n uint32) Option {
	return func(q *request) error { q.msg.SetSuppressPrefixLen(n); return nil }
}

// SuppressIfGroup rejects a lookup result whose interface is in group g
// (FRA_SUPPRESS_IFGROUP), as ip's suppress_ifgroup.
func SuppressIfGroup(g uint32) Option {
	return func(q *request) error { q.msg.SetSuppressIfGroup(g); return nil }
}

// Protocol tags the rule with who installed it (FRA_PROTOCOL), as ip's
// protocol.
func Protocol(p rtnl.Protocol) Option {
	return func(q *request) error { q.msg.SetProtocol(p); return nil }
}

// Lookup makes the rule's action a lookup in table id (FR_ACT_TO_TBL), as
// ip's lookup/table; tables above 255 go in FRA_TABLE.
func Lookup(id rtnl.Table) Option {
	return func(q *request) error {
		if id == rtnl.RT_TABLE_UNSPEC {
			return errors.New("rule: table 0 (unspec) is not a routing table")
		}
		if id <= 255 {
			q.msg.Header.Table = uint8(id)
			q.msg.Unset(rtnl.FRA_TABLE)
		} else {
			q.msg.Header.Table = uint8(rtnl.RT_TABLE_UNSPEC)
			q.msg.SetTable(id)
		}
		q.tableGiven = true
		return q.action(rtnl.FR_ACT_TO_TBL)
	}
}

// Goto makes the rule's action a jump to the rule of preference prio
// (FR_ACT_GOTO, FRA_GOTO), as ip's goto.
func Goto(prio uint32) Option {
	return func(q *request) error {
		q.msg.SetGoto(prio)
		q.tableGiven = true
		return q.action(rtnl.FR_ACT_GOTO)
	}
}

// Action sets an action without a target: rtnl.FR_ACT_BLACKHOLE,
// FR_ACT_UNREACHABLE, FR_ACT_PROHIBIT or FR_ACT_NOP, as ip's blackhole,
// unreachable, prohibit and nop. For lookup and goto use Lookup and Goto.
func Action(a rtnl.RuleAction) Option {
	return func(q *request) error {
		switch a {
		case rtnl.FR_ACT_BLACKHOLE, rtnl.FR_ACT_UNREACHABLE, rtnl.FR_ACT_PROHIBIT, rtnl.FR_ACT_NOP:
		default:
			return fmt.Errorf("rule: Action takes blackhole, unreachable, prohibit or nop, not %s (use Lookup or Goto)", a)
		}
		q.tableGiven = true
		return q.action(a)
	}
}

func (q *request) action(a rtnl.RuleAction) error {
	if q.actionGiven && q.msg.Header.Action != a {
		return fmt.Errorf("rule: two actions, %s and %s", q.msg.Header.Action, a)
	}
	q.msg.Header.Action = a
	q.actionGiven = true
	return nil
}
