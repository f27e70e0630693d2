package link

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
)

// Kind is the type of link Add creates (IFLA_INFO_KIND) with its settings
// (IFLA_INFO_DATA, filled through the schema's setters): Veth, Bridge,
// Macvlan, Vxlan, IFB, Dummy, Vlan, Vrf, Bond.
type Kind struct {
	name string
	fill func(q *request, d *rtnl.LinkInfoData) error
}

// String is the kind as ip names it ("veth", "bridge", ...).
func (k Kind) String() string { return k.name }

// OtherKind is a kind linx has no settings for, created with none (e.g.
// "nlmon", "wireguard").
func OtherKind(name string) Kind { return Kind{name: name} }

// IFB is an intermediate functional block device, as `ip link add NAME type
// ifb`; it has no settings.
func IFB() Kind { return Kind{name: "ifb"} }

// Dummy is a dummy device, as `ip link add NAME type dummy`.
func Dummy() Kind { return Kind{name: "dummy"} }

// Veth is a veth pair whose other end is named peer (the kernel names it
// when peer is ""), as `ip link add NAME type veth peer name PEER`. The
// options apply to the peer: NetNS(ns) creates it in another namespace,
// MTU, Address, Up, ... set it up there. The peer goes in VETH_INFO_PEER
// (rtnl.VethPeer: a struct ifinfomsg and its attributes).
func Veth(peer string, opts ...Option) Kind {
	return Kind{name: "veth", fill: func(q *request, d *rtnl.LinkInfoData) error {
		d.Veth.Peer = append(d.Veth.Peer[:0], rtnl.VethPeer{})
		d.Veth.SetPresent(rtnl.VETH_INFO_PEER)
		p := &d.Veth.Peer[0]
		pq := request{hdr: &p.Header, attrs: &p.LinkAttrs}
		if peer != "" {
			if err := validName(peer); err != nil {
				return fmt.Errorf("veth peer: %w", err)
			}
			p.SetIfName(peer)
		}
		for i, o := range opts {
			if o == nil {
				return fmt.Errorf("link: veth peer option %d is nil", i)
			}
			err := o(&pq)
			q.fds = append(q.fds, pq.fds...)
			pq.fds = pq.fds[:0]
			if err != nil {
				return fmt.Errorf("veth peer: %w", err)
			}
		}
		return nil
	}}
}

// BridgeOption sets one bridge setting (IFLA_BR_*).
type BridgeOption func(*rtnl.BridgeData) error

// Bridge is an Ethernet bridge, as `ip link add NAME type bridge ...`.
func Bridge(opts ...BridgeOption) Kind {
	return Kind{name: "bridge", fill: func(_ *request, d *rtnl.LinkInfoData) error {
		for i, o := range opts {
			if o == nil {
				return fmt.Errorf("link: bridge option %d is nil", i)
			}
			if err := o(&d.Bridge); err != nil {
				return err
			}
		}
		return nil
	}}
}

// centis converts d to the kernel's clock_t of bridge times (USER_HZ,
// 1/100 s), as ip's forward_delay, hello_time, max_age and ageing_time take
// them.
func centis(what string, d time.Duration) (uint32, error) {
	if d < 0 || d/(10*time.Millisecond) > 1<<32-1 {
		return 0, fmt.Errorf("link: bridge %s %v out of range", what, d)
	}
	return uint32(d / (10 * time.Millisecond)), nil
}

func b01(on bool) uint8 {
	if on {
		return 1
	}
	return 0
}

// STP turns the spanning tree protocol on or off (IFLA_BR_STP_STATE), as
// ip's stp_state 1|0.
func STP(on bool) BridgeOption {
	return func(b *rtnl.BridgeData) error { b.SetSTPState(uint32(b01(on))); return nil }
}

// ForwardDelay sets the STP forward delay (IFLA_BR_FORWARD_DELAY; ip's
// forward_delay, in 1/100 s).
func ForwardDelay(d time.Duration) BridgeOption {
	return func(b *rtnl.BridgeData) error {
		c, err := centis("forward_delay", d)
		b.SetForwardDelay(c)
		return err
	}
}

// HelloTime sets the STP hello time (IFLA_BR_HELLO_TIME).
func HelloTime(d time.Duration) BridgeOption {
	return func(b *rtnl.BridgeData) error {
		c, err := centis("hello_time", d)
		b.SetHelloTime(c)
		return err
	}
}

// MaxAge sets the STP maximum message age (IFLA_BR_MAX_AGE).
func MaxAge(d time.Duration) BridgeOption {
	return func(b *rtnl.BridgeData) error {
		c, err := centis("max_age", d)
		b.SetMaxAge(c)
		return err
	}
}

// AgeingTime sets how long learned FDB entries live (IFLA_BR_AGEING_TIME).
func AgeingTime(d time.Duration) BridgeOption {
	return func(b *rtnl.BridgeData) error {
		c, err := centis("ageing_time", d)
		b.SetAgeingTime(c)
		return err
	}
}

// BridgePriority sets the bridge's STP priority (IFLA_BR_PRIORITY).
func BridgePriority(p uint16) BridgeOption {
	return func(b *rtnl.BridgeData) error { b.SetPriority(p); return nil }
}

// VLANFiltering turns VLAN filtering on or off (IFLA_BR_VLAN_FILTERING).
func VLANFiltering(on bool) BridgeOption {
	return func(b *rtnl.BridgeData) error { b.SetVLANFiltering(b01(on)); return nil }
}

// McastSnooping turns IGMP/MLD snooping on or off
// (IFLA_BR_MCAST_SNOOPING).
func McastSnooping(on bool) BridgeOption {
	return func(b *rtnl.BridgeData) error { b.SetMcastSnooping(b01(on)); return nil }
}

// Macvlan is a macvlan device on the link parent in mode mode
// (IFLA_MACVLAN_MODE; 0 leaves the kernel's default, vepa), as `ip link add
// NAME link PARENT type macvlan mode MODE`.
func Macvlan(parent uint32, mode rtnl.MacvlanMode) Kind { return macvlan("macvlan", parent, mode) }

// Macvtap is a macvtap device (a macvlan with a tap character device), as
// `ip link add NAME link PARENT type macvtap mode MODE`.
func Macvtap(parent uint32, mode rtnl.MacvlanMode) Kind { return macvlan("macvtap", parent, mode) }

func macvlan(name string, parent uint32, mode rtnl.MacvlanMode) Kind {
	return Kind{name: name, fill: func(q *request, d *rtnl.LinkInfoData) error {
		m := &d.Macvlan
		if name == "macvtap" {
			m = &d.Macvtap
		}
		if parent == 0 {
			return fmt.Errorf("link: %s needs a parent link", name)
		}
		q.attrs.SetLink(parent)
		switch mode {
		case 0:
		case rtnl.MACVLAN_MODE_PRIVATE, rtnl.MACVLAN_MODE_VEPA, rtnl.MACVLAN_MODE_BRIDGE,
			rtnl.MACVLAN_MODE_PASSTHRU, rtnl.MACVLAN_MODE_SOURCE:
			m.SetMode(mode)
		default:
			return fmt.Errorf("link: %s mode %d is not one of private, vepa, bridge, passthru, source", name, mode)
		}
		return nil
	}}
}

// VxlanOption sets one VXLAN setting (IFLA_VXLAN_*).
type VxlanOption func(*rtnl.VxlanData) error

// Vxlan is a VXLAN device of network identifier vni, as `ip link add NAME
// type vxlan id VNI ...`.
func Vxlan(vni uint32, opts ...VxlanOption) Kind {
	return Kind{name: "vxlan", fill: func(_ *request, d *rtnl.LinkInfoData) error {
		if vni >= 1<<24 {
			return fmt.Errorf("link: vxlan id %d exceeds 24 bits", vni)
		}
		d.Vxlan.SetVNI(vni)
		for i, o := range opts {
			if o == nil {
				return fmt.Errorf("link: vxlan option %d is nil", i)
			}
			if err := o(&d.Vxlan); err != nil {
				return err
			}
		}
		return nil
	}}
}

// DstPort sets the UDP destination port (IFLA_VXLAN_PORT), as ip's dstport;
// 4789 is IANA's.
func DstPort(port uint16) VxlanOption {
	return func(v *rtnl.VxlanData) error { v.SetPort(port); return nil }
}

// Local sets the source address of the tunnel (IFLA_VXLAN_LOCAL or
// IFLA_VXLAN_LOCAL6).
func Local(a netip.Addr) VxlanOption {
	return func(v *rtnl.VxlanData) error {
		switch {
		case a.Is4():
			v.SetLocal(a)
		case a.Is6() && !a.Is4In6():
			v.SetLocal6(a.WithZone(""))
		default:
			return fmt.Errorf("link: vxlan local %v is not an IP address", a)
		}
		return nil
	}
}

// Remote sets the unicast destination (IFLA_VXLAN_GROUP or GROUP6, where
// ip's remote goes too).
func Remote(a netip.Addr) VxlanOption {
	return func(v *rtnl.VxlanData) error {
		if a.IsMulticast() {
			return fmt.Errorf("link: vxlan remote %v is a multicast address; use Group", a)
		}
		return setGroup(v, "remote", a)
	}
}

// MulticastGroup sets the multicast group to join (IFLA_VXLAN_GROUP or
// GROUP6), as ip's group; it needs a device (Dev).
func MulticastGroup(a netip.Addr) VxlanOption {
	return func(v *rtnl.VxlanData) error {
		if !a.IsMulticast() {
			return fmt.Errorf("link: vxlan group %v is not a multicast address", a)
		}
		return setGroup(v, "group", a)
	}
}

func setGroup(v *rtnl.VxlanData, what string, a netip.Addr) error {
	switch {
	case a.Is4():
		v.SetGroup(a)
	case a.Is6() && !a.Is4In6():
		v.SetGroup6(a.WithZone(""))
	default:
		return fmt.Errorf("link: vxlan %s %v is not an IP address", what, a)
	}
	return nil
}

// Dev sets the link the tunnel's packets leave by (IFLA_VXLAN_LINK), as
// ip's dev.
func Dev(ifindex uint32) VxlanOption {
	return func(v *rtnl.VxlanData) error {
		if ifindex == 0 {
			return errors.New("link: vxlan dev index 0 is not an interface")
		}
		v.SetLink(ifindex)
		return nil
	}
}

// Learning turns source-address learning on or off (IFLA_VXLAN_LEARNING),
// as ip's learning / nolearning.
func Learning(on bool) VxlanOption {
	return func(v *rtnl.VxlanData) error { v.SetLearning(b01(on)); return nil }
}

// TTL sets the outer TTL (IFLA_VXLAN_TTL); 0 is ip's "inherit" of the
// kernel's default.
func TTL(ttl uint8) VxlanOption {
	return func(v *rtnl.VxlanData) error { v.SetTTL(ttl); return nil }
}

// TOS sets the outer TOS (IFLA_VXLAN_TOS); 1 is ip's "inherit".
func TOS(tos uint8) VxlanOption {
	return func(v *rtnl.VxlanData) error { v.SetTOS(tos); return nil }
}

// Vlan is an 802.1Q VLAN device with VLAN id id on the link parent, as `ip
// link add NAME link PARENT type vlan id ID [protocol PROTO]`; proto is
// the tag's ethertype (0x8100, 802.1Q, or 0x88a8, 802.1ad) or 0 for the
// kernel's default (802.1Q).
func Vlan(parent uint32, id uint16, proto uint16) Kind {
	return Kind{name: "vlan", fill: func(q *request, d *rtnl.LinkInfoData) error {
		if parent == 0 {
			return errors.New("link: vlan needs a parent link")
		}
		if id >= 4095 {
			return fmt.Errorf("link: vlan id %d: want 0 to 4094", id)
		}
		q.attrs.SetLink(parent)
		if proto != 0 {
			if proto != 0x8100 && proto != 0x88a8 {
				return fmt.Errorf("link: vlan protocol %#04x is neither 802.1Q (0x8100) nor 802.1ad (0x88a8)", proto)
			}
			d.Vlan.SetProtocol(proto)
		}
		d.Vlan.SetID(id)
		return nil
	}}
}

// Vrf is a VRF device bound to routing table table (IFLA_VRF_TABLE), as
// `ip link add NAME type vrf table TABLE`.
func Vrf(table uint32) Kind {
	return Kind{name: "vrf", fill: func(_ *request, d *rtnl.LinkInfoData) error {
		if table == 0 {
			return errors.New("link: vrf needs a table")
		}
		d.Vrf.SetTable(table)
		return nil
	}}
}

// BondOption sets one bonding setting (IFLA_BOND_*).
type BondOption func(*rtnl.BondData) error

// Bond is a bonding device, as `ip link add NAME type bond ...`.
func Bond(opts ...BondOption) Kind {
	return Kind{name: "bond", fill: func(_ *request, d *rtnl.LinkInfoData) error {
		for i, o := range opts {
			if o == nil {
				return fmt.Errorf("link: bond option %d is nil", i)
			}
			if err := o(&d.Bond); err != nil {
				return err
			}
		}
		return nil
	}}
}

// BondModes are the bonding modes by ip's names, in the kernel's numbering
// (BOND_MODE_*: balance-rr is 0).
var BondModes = []string{"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"}

// BondMode sets the bonding mode by ip's name (see BondModes)
// (IFLA_BOND_MODE).
func BondMode(mode string) BondOption {
	return func(b *rtnl.BondData) error {
		for i, m := range BondModes {
			if m == mode {
				b.SetMode(uint8(i))
				return nil
			}
		}
		return fmt.Errorf("link: bond mode %q is not one of %v", mode, BondModes)
	}
}

// MIIMon sets the MII link monitoring interval (IFLA_BOND_MIIMON, in
// milliseconds; 0 turns it off).
func MIIMon(d time.Duration) BondOption {
	return func(b *rtnl.BondData) error {
		if d < 0 || d/time.Millisecond > 1<<32-1 {
			return fmt.Errorf("link: bond miimon %v out of range", d)
		}
		b.SetMIIMon(uint32(d / time.Millisecond))
		return nil
	}
}
