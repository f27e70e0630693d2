package main

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

func init() {
	linkObject.short = "links: list, add, set, del (ip link)"
	linkObject.verbs = append(linkObject.verbs,
		verb{names: []string{"add"}, usage: "add [link DEV] [name] NAME [address LLADDR] [mtu MTU] [txqueuelen N] [master DEV] [netns NS] [group G] [alias A] [up] type KIND [KIND ARGS]\n" +
			"  KIND ARGS: veth [peer [name] P [netns NS] [mtu MTU] [address LLADDR]]\n" +
			"             bridge [stp_state 0|1] [forward_delay CS] [hello_time CS] [max_age CS] [ageing_time CS] [priority N] [vlan_filtering 0|1] [mcast_snooping 0|1]\n" +
			"             macvlan|macvtap [mode private|vepa|bridge|passthru|source]\n" +
			"             vxlan id VNI [dstport PORT] [local ADDR] [remote ADDR] [group ADDR] [dev DEV] [learning|nolearning] [ttl N|inherit] [tos N|inherit]\n" +
			"             vlan id ID [protocol 802.1Q|802.1ad]   vrf table T   bond [mode M] [miimon MS]   ifb   dummy",
			run: runLinkModify("add")},
		verb{names: []string{"set", "change"}, usage: "set { DEV | dev DEV } [up|down] [arp on|off] [promisc on|off] [allmulticast on|off] [name N] [mtu MTU] [alias A] [address LLADDR] [txqueuelen N] [master DEV|nomaster] [netns NAME|PID] [group G]", run: runLinkModify("set")},
		verb{names: []string{"delete", "del"}, usage: "del { DEV | dev DEV }", run: runLinkModify("del")},
	)
}

// linkModify is `link add|set|del ...`, parsed; names of other links are
// resolved when it runs.
type linkModify struct {
	verb   string
	dev    string // set, del: the link; add: its name
	parent string // add: link DEV
	master string
	opts   []link.Option
	kind   func(index func(string) (uint32, error)) (link.Kind, error)
}

// onOff parses ip's on|off.
func onOff(v string) (bool, error) {
	switch v {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is neither on nor off", v)
}

// parseNetNS is ip's netns NAME|PID: a name under /run/netns first, else a
// number is a process.
func parseNetNS(v string) nlsock.NetNS {
	ns := nlsock.NetNSName(v)
	if _, err := os.Stat(ns.Path()); err != nil {
		if pid, err := strconv.Atoi(v); err == nil {
			return nlsock.NetNSPid(pid)
		}
	}
	return ns
}

// linkWords are the settings ip link add and set share (and a veth peer
// takes some of); add appends the option for each.
func linkWords(c *linkModify, add func(link.Option)) []word {
	num := func(f func(uint32) link.Option) func(string) error {
		return func(v string) error {
			n, err := parseNum(v, 32)
			add(f(uint32(n)))
			return err
		}
	}
	flag := func(f func(bool) link.Option) func(string) error {
		return func(v string) error {
			on, err := onOff(v)
			add(f(on))
			return err
		}
	}
	return []word{
		{names: []string{"up"}, noArg: true, set: func(string) error { add(link.Up()); return nil }},
		{names: []string{"down"}, noArg: true, set: func(string) error { add(link.Down()); return nil }},
		{names: []string{"arp"}, set: flag(link.ARP)},
		{names: []string{"promisc"}, set: flag(link.Promisc)},
		{names: []string{"allmulticast"}, set: flag(link.AllMulticast)},
		{names: []string{"mtu"}, set: num(link.MTU)},
		{names: []string{"txqueuelen", "txqlen", "qlen"}, set: num(link.TxQueueLen)},
		{names: []string{"group"}, set: func(v string) error {
			if v == "default" {
				v = "0"
			}
			n, err := parseNum(v, 32)
			add(link.Group(uint32(n)))
			return err
		}},
		{names: []string{"alias"}, set: func(v string) error { add(link.Alias(v)); return nil }},
		{names: []string{"address"}, set: func(v string) error {
			hw, err := net.ParseMAC(v)
			if err != nil {
				return argErrorf("invalid link-layer address %q", v)
			}
			add(link.Address(hw))
			return nil
		}},
		{names: []string{"master"}, set: func(v string) error { c.master = v; return nil }},
		{names: []string{"nomaster"}, noArg: true, set: func(string) error { add(link.NoMaster()); return nil }},
		{names: []string{"netns"}, set: func(v string) error { add(link.NetNS(parseNetNS(v))); return nil }},
	}
}

func parseLinkModify(verb string, args []string) (linkModify, error) {
	usage := linkObject.usage()
	c := linkModify{verb: verb}
	add := func(o link.Option) { c.opts = append(c.opts, o) }
	if verb == "del" {
		err := parseWords(usage, args, []word{{names: []string{"dev"}, set: func(v string) error { c.dev = v; return nil }}}, func(w string) (bool, error) {
			if c.dev != "" {
				return false, nil
			}
			c.dev = w
			return true, nil
		})
		if err == nil && c.dev == "" {
			err = usageErrorf(usage, "link del needs a device")
		}
		return c, err
	}
	var kindArgs []string
	kind := ""
	for i, a := range args {
		if a == "type" && verb == "add" {
			if i+1 >= len(args) {
				return c, usageErrorf(usage, "type needs a kind")
			}
			kind, kindArgs, args = args[i+1], args[i+2:], args[:i]
			break
		}
	}
	words := linkWords(&c, add)
	if verb == "add" {
		words = append(words,
			word{names: []string{"link"}, set: func(v string) error { c.parent = v; return nil }},
			word{names: []string{"name"}, set: func(v string) error { c.dev = v; return nil }})
	} else {
		words = append(words,
			word{names: []string{"dev"}, set: func(v string) error { c.dev = v; return nil }},
			word{names: []string{"name"}, set: func(v string) error { add(link.Name(v)); return nil }})
	}
	err := parseWords(usage, args, words, func(w string) (bool, error) {
		if c.dev != "" || strings.HasPrefix(w, "-") {
			return false, nil
		}
		c.dev = w
		return true, nil
	})
	if err != nil {
		return c, err
	}
	if c.dev == "" {
		return c, usageErrorf(usage, "link %s needs a device name", verb)
	}
	if verb == "add" {
		if kind == "" {
			return c, usageErrorf(usage, "link add needs type KIND")
		}
		c.kind, err = parseKind(usage, kind, kindArgs, c.parent)
	}
	return c, err
}

// parseKind parses what follows type KIND.
func parseKind(usage, kind string, args []string, parent string) (func(func(string) (uint32, error)) (link.Kind, error), error) {
	needParent := func(idx func(string) (uint32, error)) (uint32, error) {
		if parent == "" {
			return 0, usageErrorf(usage, "%s needs link DEV", kind)
		}
		return idx(parent)
	}
	none := func(k link.Kind) (func(func(string) (uint32, error)) (link.Kind, error), error) {
		if len(args) > 0 {
			return nil, usageErrorf(usage, "%s takes no arguments, not %q", kind, args[0])
		}
		return func(func(string) (uint32, error)) (link.Kind, error) { return k, nil }, nil
	}
	switch kind {
	case "ifb":
		return none(link.IFB())
	case "dummy":
		return none(link.Dummy())
	case "veth":
		var peer linkModify
		var popts []link.Option
		if len(args) > 0 {
			if args[0] != "peer" {
				return nil, usageErrorf(usage, "veth takes peer ..., not %q", args[0])
			}
			pw := linkWords(&peer, func(o link.Option) { popts = append(popts, o) })
			pw = append(pw, word{names: []string{"name"}, set: func(v string) error { peer.dev = v; return nil }})
			if err := parseWords(usage, args[1:], pw, func(w string) (bool, error) {
				if peer.dev != "" {
					return false, nil
				}
				peer.dev = w
				return true, nil
			}); err != nil {
				return nil, err
			}
			if peer.master != "" {
				return nil, usageErrorf(usage, "a veth peer cannot be given a master here")
			}
		}
		return func(func(string) (uint32, error)) (link.Kind, error) { return link.Veth(peer.dev, popts...), nil }, nil
	case "bridge":
		var bo []link.BridgeOption
		cs := func(f func(time.Duration) link.BridgeOption) func(string) error {
			return func(v string) error {
				n, err := parseNum(v, 32)
				bo = append(bo, f(time.Duration(n)*10*time.Millisecond))
				return err
			}
		}
		b01 := func(f func(bool) link.BridgeOption) func(string) error {
			return func(v string) error {
				n, err := parseNum(v, 8)
				if err == nil && n > 1 {
					err = fmt.Errorf("want 0 or 1, not %d", n)
				}
				bo = append(bo, f(n == 1))
				return err
			}
		}
		err := parseWords(usage, args, []word{
			{names: []string{"stp_state"}, set: b01(link.STP)},
			{names: []string{"forward_delay"}, set: cs(link.ForwardDelay)},
			{names: []string{"hello_time"}, set: cs(link.HelloTime)},
			{names: []string{"max_age"}, set: cs(link.MaxAge)},
			{names: []string{"ageing_time"}, set: cs(link.AgeingTime)},
			{names: []string{"priority"}, set: func(v string) error {
				n, err := parseNum(v, 16)
				bo = append(bo, link.BridgePriority(uint16(n)))
				return err
			}},
			{names: []string{"vlan_filtering"}, set: b01(link.VLANFiltering)},
			{names: []string{"mcast_snooping"}, set: b01(link.McastSnooping)},
		}, nil)
		return func(func(string) (uint32, error)) (link.Kind, error) { return link.Bridge(bo...), nil }, err
	case "macvlan", "macvtap":
		var mode rtnl.MacvlanMode
		err := parseWords(usage, args, []word{{names: []string{"mode"}, set: func(v string) error {
			modes := map[string]rtnl.MacvlanMode{"private": rtnl.MACVLAN_MODE_PRIVATE, "vepa": rtnl.MACVLAN_MODE_VEPA,
				"bridge": rtnl.MACVLAN_MODE_BRIDGE, "passthru": rtnl.MACVLAN_MODE_PASSTHRU, "source": rtnl.MACVLAN_MODE_SOURCE}
			m, ok := modes[v]
			if !ok {
				return fmt.Errorf("unknown mode %q (private, vepa, bridge, passthru, source)", v)
			}
			mode = m
			return nil
		}}}, nil)
		return func(idx func(string) (uint32, error)) (link.Kind, error) {
			p, err := needParent(idx)
			if err != nil {
				return link.Kind{}, err
			}
			if kind == "macvtap" {
				return link.Macvtap(p, mode), nil
			}
			return link.Macvlan(p, mode), nil
		}, err
	case "vxlan":
		var vni uint32
		haveID := false
		var vo []link.VxlanOption
		var dev string
		ip := func(f func(netip.Addr) link.VxlanOption, what string) func(string) error {
			return func(v string) error {
				a, err := parseAddr(what, v)
				vo = append(vo, f(a))
				return err
			}
		}
		inherit := func(f func(uint8) link.VxlanOption, inh uint8) func(string) error {
			return func(v string) error {
				if v == "inherit" {
					vo = append(vo, f(inh))
					return nil
				}
				n, err := parseNum(v, 8)
				vo = append(vo, f(uint8(n)))
				return err
			}
		}
		err := parseWords(usage, args, []word{
			{names: []string{"id", "vni"}, set: func(v string) error {
				n, err := parseNum(v, 24)
				vni, haveID = uint32(n), true
				return err
			}},
			{names: []string{"dstport"}, set: func(v string) error {
				n, err := parseNum(v, 16)
				vo = append(vo, link.DstPort(uint16(n)))
				return err
			}},
			{names: []string{"local"}, set: ip(link.Local, "local address")},
			{names: []string{"remote"}, set: ip(link.Remote, "remote address")},
			{names: []string{"group"}, set: ip(link.MulticastGroup, "group address")},
			{names: []string{"dev"}, set: func(v string) error { dev = v; return nil }},
			{names: []string{"learning"}, noArg: true, set: func(string) error { vo = append(vo, link.Learning(true)); return nil }},
			{names: []string{"nolearning"}, noArg: true, set: func(string) error { vo = append(vo, link.Learning(false)); return nil }},
			{names: []string{"ttl", "hoplimit"}, set: inherit(link.TTL, 0)},
			{names: []string{"tos", "dsfield"}, set: inherit(link.TOS, 1)},
		}, nil)
		if err == nil && !haveID {
			err = usageErrorf(usage, "vxlan needs id VNI")
		}
		return func(idx func(string) (uint32, error)) (link.Kind, error) {
			if dev != "" {
				i, err := idx(dev)
				if err != nil {
					return link.Kind{}, err
				}
				vo = append(vo, link.Dev(i))
			}
			return link.Vxlan(vni, vo...), nil
		}, err
	case "vlan":
		var id, proto uint16
		haveID := false
		err := parseWords(usage, args, []word{
			{names: []string{"id"}, set: func(v string) error {
				n, err := parseNum(v, 12)
				id, haveID = uint16(n), true
				return err
			}},
			{names: []string{"protocol"}, set: func(v string) error {
				switch strings.ToLower(v) {
				case "802.1q":
					proto = 0x8100
				case "802.1ad":
					proto = 0x88a8
				default:
					return fmt.Errorf("unknown protocol %q (802.1Q, 802.1ad)", v)
				}
				return nil
			}},
		}, nil)
		if err == nil && !haveID {
			err = usageErrorf(usage, "vlan needs id ID")
		}
		return func(idx func(string) (uint32, error)) (link.Kind, error) {
			p, err := needParent(idx)
			if err != nil {
				return link.Kind{}, err
			}
			return link.Vlan(p, id, proto), nil
		}, err
	case "vrf":
		var table uint32
		err := parseWords(usage, args, []word{{names: []string{"table"}, set: func(v string) error {
			n, err := parseNum(v, 32)
			table = uint32(n)
			return err
		}}}, nil)
		if err == nil && table == 0 {
			err = usageErrorf(usage, "vrf needs table T")
		}
		return func(func(string) (uint32, error)) (link.Kind, error) { return link.Vrf(table), nil }, err
	case "bond":
		var bo []link.BondOption
		err := parseWords(usage, args, []word{
			{names: []string{"mode"}, set: func(v string) error {
				if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < len(link.BondModes) {
					v = link.BondModes[n]
				}
				bo = append(bo, link.BondMode(v))
				return nil
			}},
			{names: []string{"miimon"}, set: func(v string) error {
				n, err := parseNum(v, 32)
				bo = append(bo, link.MIIMon(time.Duration(n)*time.Millisecond))
				return err
			}},
		}, nil)
		return func(func(string) (uint32, error)) (link.Kind, error) { return link.Bond(bo...), nil }, err
	}
	if len(args) > 0 {
		return nil, usageErrorf(usage, "linx knows no arguments of kind %q", kind)
	}
	return func(func(string) (uint32, error)) (link.Kind, error) { return link.OtherKind(kind), nil }, nil
}

func runLinkModify(verb string) func(c *call, args []string) error {
	return func(cl *call, args []string) error {
		c, err := parseLinkModify(verb, args)
		if err != nil {
			return err
		}
		client, err := link.Open(link.InNamespace(cl.opts.ns))
		if err != nil {
			return err
		}
		defer client.Close()
		links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
		if err != nil {
			return err
		}
		index := func(name string) (uint32, error) {
			i, err := links.index(name)
			if err != nil {
				return 0, argErrorf("%v", err)
			}
			return i, nil
		}
		if c.master != "" {
			m, err := index(c.master)
			if err != nil {
				return err
			}
			c.opts = append(c.opts, link.Master(m))
		}
		switch verb {
		case "add":
			k, err := c.kind(index)
			if err != nil {
				return err
			}
			return client.Add(cl.ctx, c.dev, k, c.opts...)
		case "set":
			i, err := index(c.dev)
			if err != nil {
				return err
			}
			return client.Set(cl.ctx, i, c.opts...)
		}
		i, err := index(c.dev)
		if err != nil {
			return err
		}
		return client.Delete(cl.ctx, i)
	}
}
