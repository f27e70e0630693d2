package link

import (
	"errors"
	"fmt"
	"net"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Option refines a link request (Set, Add, a veth's peer). It sets fields
// of the rtnl.Link the verb sends through the generated setters, which
// record presence: what no option sets is not sent and stays as it is (Set)
// or takes the kernel's default (Add).
type Option func(*request) error

// request is a link request being built.
type request struct {
	hdr   *rtnl.IfInfoMsg // the link's header (a message's, or a veth peer's)
	attrs *rtnl.LinkAttrs // its attributes
	// fds are namespace files opened for IFLA_NET_NS_FD, closed once the
	// request was sent.
	fds []int
}

// flag sets or clears one ifi_flags bit and marks it changed (ifi_change),
// as ip does: only the bits in the mask change.
func (q *request) flag(f rtnl.LinkFlags, on bool) {
	q.hdr.Change |= uint32(f)
	if on {
		q.hdr.Flags |= f
	} else {
		q.hdr.Flags &^= f
	}
}

// Up brings the link up (IFF_UP), as `ip link set DEV up`.
func Up() Option { return func(q *request) error { q.flag(rtnl.IFF_UP, true); return nil } }

// Down takes the link down, as `ip link set DEV down`.
func Down() Option { return func(q *request) error { q.flag(rtnl.IFF_UP, false); return nil } }

// ARP turns ARP on or off on the link (IFF_NOARP cleared or set), as `ip
// link set DEV arp on|off`.
func ARP(on bool) Option { return func(q *request) error { q.flag(rtnl.IFF_NOARP, !on); return nil } }

// Promisc turns promiscuous mode on or off (IFF_PROMISC).
func Promisc(on bool) Option {
	return func(q *request) error { q.flag(rtnl.IFF_PROMISC, on); return nil }
}

// AllMulticast turns receiving all multicast on or off (IFF_ALLMULTI).
func AllMulticast(on bool) Option {
	return func(q *request) error { q.flag(rtnl.IFF_ALLMULTI, on); return nil }
}

// MTU sets the link's MTU (IFLA_MTU).
func MTU(mtu uint32) Option {
	return func(q *request) error {
		if mtu == 0 {
			return errors.New("link: MTU 0")
		}
		q.attrs.SetMTU(mtu)
		return nil
	}
}

// Name names (or renames) the link (IFLA_IFNAME): 1 to 15 bytes, not "."
// or "..", without '/', ':' or white space, as the kernel's dev_valid_name.
func Name(name string) Option {
	return func(q *request) error {
		if err := validName(name); err != nil {
			return err
		}
		q.attrs.SetIfName(name)
		return nil
	}
}

func validName(name string) error {
	if name == "" || len(name) >= unix.IFNAMSIZ || name == "." || name == ".." {
		return fmt.Errorf("link: %q is not a valid interface name (1 to %d bytes, not . or ..)", name, unix.IFNAMSIZ-1)
	}
	for _, c := range []byte(name) {
		if c == '/' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == 0 {
			return fmt.Errorf("link: interface name %q holds %q", name, c)
		}
	}
	return nil
}

// Alias sets the link's alias (IFLA_IFALIAS), as `ip link set DEV alias
// TEXT`; the empty string removes it. At most 255 bytes.
func Alias(s string) Option {
	return func(q *request) error {
		if len(s) > 255 {
			return fmt.Errorf("link: alias of %d bytes, the kernel takes at most 255", len(s))
		}
		q.attrs.SetIfAlias(s)
		return nil
	}
}

// Address sets the link-layer address (IFLA_ADDRESS), as `ip link set DEV
// address LLADDR`.
func Address(hw net.HardwareAddr) Option {
	return func(q *request) error {
		if len(hw) == 0 {
			return errors.New("link: empty link-layer address")
		}
		q.attrs.SetAddress(hw)
		return nil
	}
}

// TxQueueLen sets the transmit queue length (IFLA_TXQLEN), as `ip link set
// DEV txqueuelen N`.
func TxQueueLen(n uint32) Option {
	return func(q *request) error { q.attrs.SetTxQLen(n); return nil }
}

// Master enslaves the link to the bridge, bond or VRF of index master
// (IFLA_MASTER), as `ip link set DEV master MASTER`.
func Master(master uint32) Option {
	return func(q *request) error {
		if master == 0 {
			return errors.New("link: master index 0; use NoMaster to release a port")
		}
		q.attrs.SetMaster(master)
		return nil
	}
}

// NoMaster releases the link from its master (IFLA_MASTER 0), as `ip link
// set DEV nomaster`.
func NoMaster() Option {
	return func(q *request) error { q.attrs.SetMaster(0); return nil }
}

// Group puts the link in device group g (IFLA_GROUP), as `ip link set DEV
// group G`.
func Group(g uint32) Option {
	return func(q *request) error { q.attrs.SetGroup(g); return nil }
}

// Parent sets the link a new link sits on (IFLA_LINK): the lower device of
// a macvlan or vlan, as ip's `link DEV`.
func Parent(ifindex uint32) Option {
	return func(q *request) error {
		if ifindex == 0 {
			return errors.New("link: parent index 0 is not an interface")
		}
		q.attrs.SetLink(ifindex)
		return nil
	}
}

// NetNS moves the link into namespace ns, as `ip link set DEV netns
// NAME|PID`: a pid (nlsock.NetNSPid) is sent as IFLA_NET_NS_PID, a name,
// path or fd as IFLA_NET_NS_FD (a name or path is opened for the request
// and closed after it). Moving a link takes its addresses and routes away.
func NetNS(ns nlsock.NetNS) Option {
	return func(q *request) error {
		if err := ns.Err(); err != nil {
			return err
		}
		if ns.IsHost() {
			return errors.New("link: NetNS needs a namespace (a name, path, pid or fd), not the host one")
		}
		if pid, ok := ns.Pid(); ok {
			q.attrs.SetNetNSPID(uint32(pid))
			return nil
		}
		if fd, ok := ns.Fd(); ok {
			q.attrs.SetNetNSFD(uint32(fd))
			return nil
		}
		fd, err := unix.Open(ns.Path(), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
		if err != nil {
			return fmt.Errorf("link: open %s: %w", ns, err)
		}
		q.fds = append(q.fds, fd)
		q.attrs.SetNetNSFD(uint32(fd))
		return nil
	}
}
