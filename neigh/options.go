package neigh

import (
	"errors"
	"fmt"
	"net"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
)

// Option refines a neighbour request (Add, Replace, Change, Delete and the
// FDB verbs). It sets a field of the rtnl.Neigh the verb sends, through its
// setters where it is an attribute; what no option sets gets the verb's
// default (state permanent, as ip's).
type Option func(*request) error

// request is a neighbour request being built. ndmsg has no presence bits
// and NUD_NONE (0) is a real state, so State records that it was given.
type request struct {
	msg        *rtnl.Neigh
	stateGiven bool
	fdb        bool // an FDB verb: family AF_BRIDGE, NTF_SELF by default
}

// LLAddr sets the link-layer address (NDA_LLADDR), as ip's lladdr.
func LLAddr(mac net.HardwareAddr) Option {
	return func(q *request) error {
		if len(mac) == 0 || len(mac) > 32 {
			return fmt.Errorf("neigh: link-layer address of %d bytes", len(mac))
		}
		q.msg.LLAddr = append(q.msg.LLAddr[:0], mac...) // the message's own memory, reused
		q.msg.SetPresent(rtnl.NDA_LLADDR)
		return nil
	}
}

// State sets the entry's state (ndm_state): rtnl.NUD_PERMANENT (the
// default of Add, Replace and Change), NUD_NOARP, NUD_REACHABLE,
// NUD_STALE, NUD_NONE (0), ..., as ip's nud.
func State(s rtnl.NeighState) Option {
	return func(q *request) error {
		q.msg.Header.State = s
		q.stateGiven = true
		return nil
	}
}

// Router marks the neighbour as an IPv6 router (NTF_ROUTER), as ip's router.
func Router() Option { return flag(rtnl.NTF_ROUTER) }

// Proxy makes the request about a proxy entry (NTF_PROXY, `ip neigh add
// proxy ADDR dev DEV`): the kernel answers ARP/NDP for the address on the
// interface. A proxy entry has no link-layer address and no state.
func Proxy() Option { return flag(rtnl.NTF_PROXY) }

// ExternLearn marks the entry as learned by a control plane outside the
// kernel (NTF_EXT_LEARNED), as ip's extern_learn: the kernel does not age
// it out.
func ExternLearn() Option { return flag(rtnl.NTF_EXT_LEARNED) }

// Master sends an FDB request to the bridge the port belongs to
// (NTF_MASTER), as bridge fdb's master.
func Master() Option { return flag(rtnl.NTF_MASTER) }

// Self sends an FDB request to the device itself (NTF_SELF, the default
// when neither Master nor Self is given), as bridge fdb's self.
func Self() Option { return flag(rtnl.NTF_SELF) }

// Sticky makes a bridge FDB entry stay on its port (NTF_STICKY).
func Sticky() Option { return flag(rtnl.NTF_STICKY) }

func flag(f rtnl.NeighFlags) Option {
	return func(q *request) error { q.msg.Header.Flags |= f; return nil }
}

// Protocol tags the entry with who added it (NDA_PROTOCOL), as ip's
// protocol.
func Protocol(p rtnl.Protocol) Option {
	return func(q *request) error { q.msg.SetProtocol(p); return nil }
}

// NHID points an FDB entry at a nexthop object (NDA_NH_ID; FDB nexthop
// groups of a vxlan device), as bridge fdb's nhid.
func NHID(id uint32) Option {
	return func(q *request) error {
		if id == 0 {
			return errors.New("neigh: nexthop id 0 is not a nexthop")
		}
		q.msg.SetNHID(id)
		return nil
	}
}

// VLAN sets a bridge FDB entry's VLAN (NDA_VLAN), as bridge fdb's vlan.
func VLAN(id uint16) Option {
	return func(q *request) error {
		if id == 0 || id > 4094 {
			return fmt.Errorf("neigh: vlan %d: want 1..4094", id)
		}
		q.msg.SetVLAN(id)
		return nil
	}
}

// Dst sets the remote address of an FDB entry on a vxlan device (NDA_DST),
// as bridge fdb's dst.
func Dst(a netip.Addr) Option {
	return func(q *request) error {
		if !a.IsValid() {
			return errors.New("neigh: invalid destination address")
		}
		q.msg.SetDst(a.Unmap().WithZone(""))
		return nil
	}
}

// VNI sets the vxlan network identifier of an FDB entry (NDA_VNI).
func VNI(vni uint32) Option {
	return func(q *request) error {
		if vni >= 1<<24 {
			return fmt.Errorf("neigh: vni %d does not fit in 24 bits", vni)
		}
		q.msg.SetVNI(vni)
		return nil
	}
}

// Port sets the UDP destination port of an FDB entry on a vxlan device
// (NDA_PORT), as bridge fdb's port.
func Port(p uint16) Option {
	return func(q *request) error {
		if p == 0 {
			return errors.New("neigh: port 0")
		}
		q.msg.SetPort(p)
		return nil
	}
}
