package main

import (
	"net/netip"
	"strings"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
)

func init() {
	addrObject.short = "addresses, under their links: list, add, replace, del, flush (ip addr)"
	addrObject.verbs = append(addrObject.verbs,
		verb{names: []string{"add"}, usage: "add|replace|del [local] PREFIX [peer ADDR[/LEN]] dev IF [broadcast ADDR|+] [label L] [scope S] [valid_lft N|forever] [preferred_lft N|forever] [metric N] [proto P] [nodad] [noprefixroute] [mngtmpaddr] [home] [autojoin] [optimistic]", run: runAddrModify("add")},
		verb{names: []string{"replace"}, run: runAddrModify("replace")},
		verb{names: []string{"delete", "del"}, run: runAddrModify("delete")},
		verb{names: []string{"flush"}, usage: "flush [dev IF] [-4|-6] [scope S] [label PATTERN] [proto P]", run: runAddrFlush},
	)
}

// addrModify is `addr add|replace|del ...`.
type addrModify struct {
	verb   string
	prefix netip.Prefix
	dev    string
	opts   []ifaddr.Option
}

func parseAddrModify(verb string, args []string, fam rtnl.Family) (addrModify, error) {
	usage := addrObject.usage()
	c := addrModify{verb: verb}
	var local string
	var peerLen = -1
	var valid, preferred uint32 = ifaddr.Forever, ifaddr.Forever
	lft := false
	var flags rtnl.AddrFlags
	flag := func(f rtnl.AddrFlags) func(string) error {
		return func(string) error { flags |= f; return nil }
	}
	add := func(o ifaddr.Option) { c.opts = append(c.opts, o) }
	words := []word{
		{names: []string{"local"}, set: func(v string) error { local = v; return nil }},
		{names: []string{"peer", "remote"}, set: func(v string) error {
			a, bits, err := addrMaybeLen("peer address", v)
			peerLen = bits
			add(ifaddr.PeerAddress(a))
			return err
		}},
		{names: []string{"dev"}, set: func(v string) error { c.dev = v; return nil }},
		{names: []string{"broadcast", "brd"}, set: func(v string) error {
			if v == "+" {
				add(ifaddr.BroadcastAuto())
				return nil
			}
			a, err := parseAddr("broadcast address", v)
			add(ifaddr.Broadcast(a))
			return err
		}},
		{names: []string{"label"}, set: func(v string) error { add(ifaddr.Label(v)); return nil }},
		{names: []string{"scope"}, set: func(v string) error {
			s, err := rtnl.ParseScope(v)
			add(ifaddr.Scope(s))
			return err
		}},
		{names: []string{"valid_lft"}, set: func(v string) (err error) { lft = true; valid, err = lifetime(v); return }},
		{names: []string{"preferred_lft"}, set: func(v string) (err error) { lft = true; preferred, err = lifetime(v); return }},
		{names: []string{"metric", "priority"}, set: func(v string) error {
			n, err := parseNum(v, 32)
			add(ifaddr.Metric(uint32(n)))
			return err
		}},
		{names: []string{"proto"}, set: func(v string) error {
			p, err := rtnl.ParseAddrProto(v)
			add(ifaddr.Proto(p))
			return err
		}},
		{names: []string{"nodad"}, noArg: true, set: flag(rtnl.IFA_F_NODAD)},
		{names: []string{"noprefixroute"}, noArg: true, set: flag(rtnl.IFA_F_NOPREFIXROUTE)},
		{names: []string{"mngtmpaddr"}, noArg: true, set: flag(rtnl.IFA_F_MANAGETEMPADDR)},
		{names: []string{"home"}, noArg: true, set: flag(rtnl.IFA_F_HOMEADDRESS)},
		{names: []string{"autojoin"}, noArg: true, set: flag(rtnl.IFA_F_MCAUTOJOIN)},
		{names: []string{"optimistic"}, noArg: true, set: flag(rtnl.IFA_F_OPTIMISTIC)},
	}
	err := parseWords(usage, args, words, func(w string) (bool, error) {
		if local != "" || strings.HasPrefix(w, "-") {
			return false, nil
		}
		local = w
		return true, nil
	})
	if err != nil {
		return c, err
	}
	// ip: `Not enough information: "dev" argument is required.`, exit 1
	// (it asks for dev first).
	if c.dev == "" {
		return c, argErrorf("addr %s needs dev IF", verb)
	}
	if local == "" {
		return c, argErrorf("addr %s needs an address: PREFIX", verb)
	}
	a, bits, err := addrMaybeLen("address", local)
	if err != nil {
		return c, err
	}
	if peerLen >= 0 {
		if strings.Contains(local, "/") {
			return c, usageErrorf(usage, "give the prefix length on the address or on the peer, not both")
		}
		bits = peerLen
	}
	if fam != 0 && (fam == rtnl.AF_INET) != a.Is4() {
		return c, argErrorf("address %s is not of family %s", a, famFlag(fam))
	}
	c.prefix = netip.PrefixFrom(a, bits)
	if flags != 0 {
		add(ifaddr.AddFlags(flags))
	}
	if lft {
		add(ifaddr.Lifetimes(valid, preferred))
	}
	return c, nil
}

// addrMaybeLen parses ADDR or ADDR/LEN; without LEN the length is the
// host's (32 or 128), as ip's.
func addrMaybeLen(what, s string) (netip.Addr, int, error) {
	if !strings.Contains(s, "/") {
		a, err := parseAddr(what, s)
		return a, a.BitLen(), err
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Addr().Zone() != "" {
		return netip.Addr{}, 0, argErrorf("invalid %s %q: want ADDR or ADDR/LEN", what, s)
	}
	return p.Addr(), p.Bits(), nil
}

func runAddrModify(verb string) func(c *call, args []string) error {
	return func(cl *call, args []string) error {
		c, err := parseAddrModify(verb, args, cl.opts.family)
		if err != nil {
			return err
		}
		client, err := ifaddr.Open(ifaddr.InNamespace(cl.opts.ns))
		if err != nil {
			return err
		}
		defer client.Close()
		ifindex, err := devIndex(cl, client.Conn(), c.dev)
		if err != nil {
			return err
		}
		switch verb {
		case "add":
			return client.Add(cl.ctx, ifindex, c.prefix, c.opts...)
		case "replace":
			return client.Replace(cl.ctx, ifindex, c.prefix, c.opts...)
		}
		return client.Delete(cl.ctx, ifindex, c.prefix, c.opts...)
	}
}

func runAddrFlush(cl *call, args []string) error {
	usage := addrObject.usage()
	f := ifaddr.Filter{Family: cl.opts.family}
	var dev string
	words := []word{
		{names: []string{"dev"}, set: func(v string) error { dev = v; return nil }},
		{names: []string{"scope"}, set: func(v string) (err error) {
			f.MatchScope = true
			f.Scope, err = rtnl.ParseScope(v)
			return
		}},
		{names: []string{"label"}, set: func(v string) error { f.Label = v; return nil }},
		{names: []string{"proto"}, set: func(v string) (err error) { f.Proto, err = rtnl.ParseAddrProto(v); return }},
		{names: []string{"-4"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET; return nil }},
		{names: []string{"-6"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET6; return nil }},
	}
	err := parseWords(usage, args, words, func(w string) (bool, error) {
		if dev != "" || strings.HasPrefix(w, "-") {
			return false, nil
		}
		dev = w // ip addr flush IF
		return true, nil
	})
	if err != nil {
		return err
	}
	if len(args) == 0 {
		// ip: "Flush requires arguments."
		return argErrorf("addr flush requires arguments (dev IF, scope, label, proto or -4/-6)")
	}
	client, err := ifaddr.Open(ifaddr.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	if f.Index, err = devIndex(cl, client.Conn(), dev); err != nil {
		return err
	}
	_, err = client.Flush(cl.ctx, f)
	return err
}
