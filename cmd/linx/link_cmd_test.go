package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
)

// The words of linx link add, parsed, build the request the library does
// for the same settings: for the kinds this kernel lacks too (vlan, vrf,
// bond, dummy), whose requests link's golden test compares with ip's bytes.
func TestLinkAddWords(t *testing.T) {
	index := func(name string) (uint32, error) {
		if i, ok := map[string]uint32{"eth0": 2, "eth1": 3}[name]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("no %s", name)
	}
	for _, c := range []struct {
		words string
		name  string
		kind  link.Kind
		opts  []link.Option
	}{
		{"add link eth0 name eth0.5 type vlan id 5 protocol 802.1ad", "eth0.5", link.Vlan(2, 5, 0x88a8), nil},
		{"add link eth1 eth1.7 type vlan id 7", "eth1.7", link.Vlan(3, 7, 0), nil},
		{"add blue type vrf table 10", "blue", link.Vrf(10), nil},
		{"add bond0 type bond mode active-backup miimon 100", "bond0", link.Bond(link.BondMode("active-backup"), link.MIIMon(100*time.Millisecond)), nil},
		{"add bond1 type bond mode 4", "bond1", link.Bond(link.BondMode("802.3ad")), nil},
		{"add d0 mtu 1400 up type dummy", "d0", link.Dummy(), []link.Option{link.MTU(1400), link.Up()}},
		{"add v0 txqueuelen 10 type veth peer name v1 mtu 1300 up", "v0", link.Veth("v1", link.MTU(1300), link.Up()), []link.Option{link.TxQueueLen(10)}},
		{"add br1 type bridge vlan_filtering 1 stp_state 1 forward_delay 400", "br1", link.Bridge(link.VLANFiltering(true), link.STP(true), link.ForwardDelay(4*time.Second)), nil},
		{"add link eth0 mv0 type macvtap mode passthru", "mv0", link.Macvtap(2, rtnl.MACVLAN_MODE_PASSTHRU), nil},
		{"add vx0 type vxlan id 42 dstport 4789 dev eth1 ttl inherit tos inherit nolearning", "vx0", link.Vxlan(42, link.DstPort(4789), link.Dev(3), link.TTL(0), link.TOS(1), link.Learning(false)), nil},
		{"add n0 type nlmon", "n0", link.OtherKind("nlmon"), nil},
	} {
		args := strings.Fields(c.words)
		m, err := parseLinkModify(args[0], args[1:])
		if err != nil {
			t.Errorf("%s: %v", c.words, err)
			continue
		}
		k, err := m.kind(index)
		if err != nil {
			t.Errorf("%s: %v", c.words, err)
			continue
		}
		got, err := link.Request("add", 0, m.dev, &k, m.opts...)
		if err != nil {
			t.Errorf("%s: %v", c.words, err)
			continue
		}
		want, err := link.Request("add", 0, c.name, &c.kind, c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("%s:\nwords % x\nlib   % x", c.words, got.Append(nil), want.Append(nil))
		}
	}
}

// Malformed link command lines are usage errors (exit 255) before any
// request.
func TestLinkWordsErrors(t *testing.T) {
	for _, c := range []struct{ words, want string }{
		{"add x0", "type KIND"},
		{"add x0 type vlan", "vlan needs id"},
		{"add x0 type vxlan dstport 1", "vxlan needs id"},
		{"add x0 type vrf", "vrf needs table"},
		{"add x0 type veth name y", "veth takes peer"},
		{"add x0 type ifb bogus", "takes no arguments"},
		{"add x0 type bridge stp_state 2", "want 0 or 1"},
		{"add x0 type macvlan mode weird", "unknown mode"},
		{"add x0 type vlan id 5000", "invalid number"},
		{"set x0 arp maybe", "on nor off"},
		{"set", "needs a device"},
		{"set x0 mtu", "needs a value"},
		{"del", "needs a device"},
	} {
		args := strings.Fields(c.words)
		_, err := parseLinkModify(args[0], args[1:])
		if err == nil || !strings.Contains(err.Error(), c.want) || exitCode(err) != exitUsage {
			t.Errorf("%s: %v (exit %d), want a usage error with %q", c.words, err, exitCode(err), c.want)
		}
	}
}
